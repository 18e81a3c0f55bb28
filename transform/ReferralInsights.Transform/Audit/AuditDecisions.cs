using System.Reflection;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;

namespace ReferralInsights.Transform.Audit;

/// <summary>A decision the audit log records: what was decided about an entity, and from which inputs.</summary>
public sealed record AuditDecision(string Entity, string EntityId, string Decision, JsonObject Inputs);

/// <summary>
/// The decisions of a build (<c>Audit/decisions.sql</c>: every reward, every reward-model attribution split), written
/// by the transform stage next to the staged marts and read back, sorted by entity and entity_id, by
/// <see cref="AuditTrail.Prepare"/>.
/// </summary>
public static class AuditDecisions
{
    private static readonly Lazy<string> Sql = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("audit/decisions.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Trim().TrimEnd(';');
    });

    /// <summary>Writes the decisions of the warehouse built on <paramref name="warehouse"/> to a Parquet file.</summary>
    public static void Export(DuckDBConnection warehouse, string file)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        Warehouse.Execute(warehouse,
            $"COPY ({Sql.Value}\nORDER BY entity, entity_id) TO '{Path.GetFullPath(file).Replace("'", "''")}' (FORMAT parquet)");
    }

    /// <summary>The decisions of a file written by <see cref="Export"/>, in (entity, entity_id) order.</summary>
    public static IEnumerable<AuditDecision> Read(string file)
    {
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText =
            $"SELECT entity, entity_id, decision, inputs FROM read_parquet('{Path.GetFullPath(file).Replace("'", "''")}') ORDER BY entity, entity_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return new AuditDecision(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                JsonNode.Parse(reader.GetString(3))!.AsObject());
    }
}

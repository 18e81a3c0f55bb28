using System.Reflection;
using DuckDB.NET.Data;

namespace ReferralInsights.Transform.Audit;

/// <summary>
/// The decisions of a build (<c>Audit/decisions.sql</c>: every reward, every reward-model attribution split), written
/// by the transform stage next to the staged marts, one row per entity (entity, entity_id, decision, inputs as JSON
/// text), and compared with the log's state by <see cref="AuditTrail.Prepare"/>.
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
}

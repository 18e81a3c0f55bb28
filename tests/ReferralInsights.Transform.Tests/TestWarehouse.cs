using System.Globalization;
using DuckDB.NET.Data;
using ReferralInsights.Config;
using ReferralInsights.Ingest;

namespace ReferralInsights.Transform.Tests;

/// <summary>
/// An in-memory warehouse for one test: the 14 raw tables are created empty with the ingest contract's schema
/// (typed columns plus _ingested_at, _source_file, _line), so a test inserts only the rows it needs, builds, and
/// reads the models back.
/// </summary>
public sealed class TestWarehouse : IDisposable
{
    public DuckDBConnection Connection { get; } = new("DataSource=:memory:");
    public PipelineConfig Config { get; set; } = new();

    public TestWarehouse()
    {
        Connection.Open();
        foreach (var entity in Contract.Entities)
        {
            var columns = entity.Columns.Select(c => $"{c.Name} {ReferralInsights.Ingest.Landing.ContractChecks.LandedType(c.Type)}")
                .Concat(["_ingested_at TIMESTAMP", "_source_file VARCHAR", "_line BIGINT"]);
            Exec($"CREATE TABLE raw_{entity.Source}__{entity.Name} ({string.Join(", ", columns)})");
        }
    }

    public TestWarehouse Exec(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return this;
    }

    public TransformResult Build(string asOf) =>
        Warehouse.Build(Connection, Config, DateOnly.ParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Rows of a query, every value rendered invariantly (NULL → null) so tests compare exact text.</summary>
    public List<string?[]> Rows(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Render(reader.GetValue(i));
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>One row, columns joined with " | " — handy for exact assertions.</summary>
    public List<string> Lines(string sql) => Rows(sql).Select(r => string.Join(" | ", r.Select(v => v ?? "NULL"))).ToList();

    public string? Scalar(string sql) => Rows(sql).Single().Single();

    private static string Render(object value) => value switch
    {
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        System.Collections.IEnumerable list and not string =>
            "[" + string.Join(",", list.Cast<object?>().Select(v => v is null ? "NULL" : Render(v))) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    public void Dispose() => Connection.Dispose();
}

using DuckDB.NET.Data;

namespace ReferralInsights.Reports;

/// <summary>Reads the published marts (Parquet files) through DuckDB views named after each mart.</summary>
public sealed class MartReader : IDisposable
{
    private readonly DuckDBConnection _db = new("DataSource=:memory:");

    public MartReader(string martsDir)
    {
        _db.Open();
        foreach (var file in Directory.EnumerateFiles(martsDir, "*.parquet").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            Execute($"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{file.Replace("'", "''")}')");
        }
    }

    /// <summary>Adds a view beside the marts (e.g. the audit log, which lives outside <c>marts/</c>).</summary>
    public void AddView(string name, string select) => Execute($"CREATE VIEW \"{name}\" AS {select}");

    /// <summary>Loads marts into memory (the view becomes a table of the same name), for many small queries on them.</summary>
    public void Materialize(params string[] marts)
    {
        foreach (var mart in marts)
        {
            Execute($"CREATE TABLE \"{mart}__loaded\" AS SELECT * FROM \"{mart}\"");
            Execute($"DROP VIEW \"{mart}\"");
            Execute($"ALTER TABLE \"{mart}__loaded\" RENAME TO \"{mart}\"");
        }
    }

    public IReadOnlyList<Row> Query(string sql, params object?[] parameters)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters) command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
        using var reader = command.ExecuteReader();
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<Row>();
        while (reader.Read())
        {
            var values = new OrderedDictionary<string, object?>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++) values[names[i]] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(new Row(values));
        }
        return rows;
    }

    private void Execute(string sql)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();
}

/// <summary>One result row by column name.</summary>
public sealed class Row(IReadOnlyDictionary<string, object?> values)
{
    public IEnumerable<string> Columns => values.Keys;
    public object? this[string column] => values[column];
    public string? Text(string column) => values[column]?.ToString();
    public decimal? Decimal(string column) => values[column] is { } v ? Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    public double? Double(string column) => values[column] is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null;
    /// <summary>A count; DuckDB's <c>sum</c> of integers is a HUGEINT, which reads as a <see cref="System.Numerics.BigInteger"/>.</summary>
    public long Long(string column) => values[column] switch
    {
        null => 0,
        System.Numerics.BigInteger big => (long)big,
        var v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture),
    };
}

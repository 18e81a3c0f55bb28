using DuckDB.NET.Data;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Straight SQL over Parquet and CSV files, for checking what the pipeline published.</summary>
public sealed class Db : IDisposable
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public Db() => _connection.Open();

    public List<object?[]> Rows(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public T Scalar<T>(string sql) => (T)Convert.ChangeType(Rows(sql).Single()[0]!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _connection.Dispose();
}

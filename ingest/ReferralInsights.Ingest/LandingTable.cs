using DuckDB.NET.Data;

namespace ReferralInsights.Ingest;

/// <summary>Appends the landed and the quarantined rows of one entity into DuckDB tables, then writes them
/// as Parquet to the raw and quarantine zones. Landed rows carry the contract columns typed, <c>_extra</c>
/// (a JSON object of columns the contract does not know, or null), <c>_ingested_at</c>, <c>_source_file</c>
/// and <c>_line</c>; quarantined rows carry <c>_source_file</c>, <c>_line</c>, <c>_raw</c> and <c>_reason</c>.</summary>
public sealed class LandingTable : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly ContractEntity _entity;
    private readonly DateTime _ingestedAt;
    private readonly string _landed;
    private readonly string _rejected;
    private DuckDBAppender? _landedAppender;
    private DuckDBAppender? _rejectedAppender;

    public LandingTable(DuckDBConnection connection, ContractEntity entity, DateTime ingestedAt)
    {
        _connection = connection;
        _entity = entity;
        _ingestedAt = ingestedAt;
        _landed = $"land_{entity.Source}__{entity.Name}";
        _rejected = $"quarantine_{entity.Source}__{entity.Name}";
        var columns = string.Join(", ", entity.Columns.Select(c => $"\"{c.Name}\" {SqlType(c.Type)}"));
        Execute($"CREATE OR REPLACE TABLE {_landed} ({columns}, _extra VARCHAR, _ingested_at TIMESTAMP, _source_file VARCHAR, _line BIGINT)");
        Execute($"CREATE OR REPLACE TABLE {_rejected} (_source_file VARCHAR, _line BIGINT, _raw VARCHAR, _reason VARCHAR, _ingested_at TIMESTAMP)");
        _landedAppender = connection.CreateAppender(_landed);
        _rejectedAppender = connection.CreateAppender(_rejected);
    }

    public long Landed { get; private set; }
    public long Quarantined { get; private set; }

    /// <param name="values">one parsed value per contract column, in contract order</param>
    public void Land(IReadOnlyList<object?> values, string? extraJson, string sourceFile, long line)
    {
        var row = _landedAppender!.CreateRow();
        for (var i = 0; i < values.Count; i++) Append(row, values[i]);
        row.AppendValue(extraJson).AppendValue((DateTime?)_ingestedAt).AppendValue(sourceFile).AppendValue((long?)line).EndRow();
        Landed++;
    }

    public void Quarantine(string sourceFile, long line, string raw, string reason)
    {
        _rejectedAppender!.CreateRow().AppendValue(sourceFile).AppendValue((long?)line).AppendValue(raw).AppendValue(reason)
            .AppendValue((DateTime?)_ingestedAt).EndRow();
        Quarantined++;
    }

    /// <summary>Writes <c>rawDir/&lt;source&gt;/&lt;entity&gt;/data.parquet</c> and the same under quarantineDir.</summary>
    public void WriteParquet(string rawDir, string quarantineDir)
    {
        CloseAppenders();
        Copy(_landed, Path.Combine(rawDir, _entity.Source, _entity.Name), "_source_file, _line");
        Copy(_rejected, Path.Combine(quarantineDir, _entity.Source, _entity.Name), "_source_file, _line");
    }

    private void Copy(string table, string folder, string orderBy)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "data.parquet").Replace("'", "''");
        Execute($"COPY (SELECT * FROM {table} ORDER BY {orderBy}) TO '{file}' (FORMAT parquet, COMPRESSION zstd)");
    }

    private static void Append(IDuckDBAppenderRow row, object? value)
    {
        switch (value)
        {
            case null: row.AppendNullValue(); break;
            case string s: row.AppendValue(s); break;
            case long l: row.AppendValue((long?)l); break;
            case decimal d: row.AppendValue((decimal?)d); break;
            case bool b: row.AppendValue((bool?)b); break;
            case DateTime t: row.AppendValue((DateTime?)t); break;
            default: throw new ArgumentException($"unsupported value type {value.GetType()}");
        }
    }

    public static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Text => "VARCHAR",
        ColumnType.Integer => "BIGINT",
        ColumnType.Decimal => "DECIMAL(18,6)",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Timestamp => "TIMESTAMP",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void CloseAppenders()
    {
        _landedAppender?.Dispose();
        _rejectedAppender?.Dispose();
        _landedAppender = _rejectedAppender = null;
    }

    public void Dispose()
    {
        CloseAppenders();
        Execute($"DROP TABLE IF EXISTS {_landed}");
        Execute($"DROP TABLE IF EXISTS {_rejected}");
    }
}

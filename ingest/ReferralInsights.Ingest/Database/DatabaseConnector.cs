using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Database;

/// <summary>A portal database (data-contract.md: tables named like the entities, the contract's columns in the database's
/// own types). A table with an <c>updated_at</c> column is read incrementally: the rows changed after the newest
/// <c>updated_at</c> already landed, in <c>updated_at</c> order; a table without one is read whole and lands only when its
/// content changed. Values become their canonical text (timestamps ISO-8601 UTC, numbers invariant) for the shared contract
/// checks; a row's raw text is the row as a JSON object. Columns beyond the contract go to <c>_extra</c>.</summary>
public abstract class DatabaseConnector(DuckDBConnection db) : ISourceConnector, IDisposable
{
    private DbConnection? _connection;

    public abstract string Location { get; }

    public bool KeepsVanishedPieces => false;

    public string DisplayName(string piece) => $"{Location}#{piece}";

    protected abstract DbConnection Connect();

    /// <summary>SQL counting the tables or views named <c>@name</c>.</summary>
    protected abstract string TableCountSql { get; }

    /// <summary>The SQL condition "column is after the watermark parameter <c>@watermark</c>" in this database's types.</summary>
    protected abstract string AfterWatermark(string quotedColumn);

    private DbConnection Connection => _connection ??= Connect();

    public IReadOnlyList<string> Pieces(ContractEntity entity)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = TableCountSql;
        AddParameter(command, "name", entity.Name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0 ? [entity.Name] : [];
    }

    public PieceRead? Read(ContractEntity entity, string piece, PieceCursor? previous, TextBatch batch)
    {
        var display = DisplayName(piece);
        var columns = ColumnsOf(piece);
        batch.RequireColumns(columns, display);
        var hasUpdatedAt = columns.Contains("updated_at");
        // rows changed after the watermark only; else (first read, no updated_at, or none set yet) the whole table
        var incremental = hasUpdatedAt && previous?.Watermark is not null;
        using var command = Connection.CreateCommand();
        var order = hasUpdatedAt ? $"{Quote("updated_at")} NULLS FIRST, {Quote(entity.Columns[0].Name)}" : Quote(entity.Columns[0].Name);
        var where = incremental ? $" WHERE {AfterWatermark(Quote("updated_at"))}" : "";
        command.CommandText = $"SELECT * FROM {Quote(piece)}{where} ORDER BY {order}";
        if (incremental) AddParameter(command, "watermark", previous!.Watermark!);

        var known = entity.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var line = incremental ? previous!.Lines : 0;
        var watermark = previous?.Watermark;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var reader = command.ExecuteReader())
        using (var appender = db.CreateAppender(batch.Table))
        {
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var updatedAt = Array.IndexOf(names, "updated_at");
            while (reader.Read())
            {
                var values = names.Select((_, i) => reader.IsDBNull(i) ? null : AsText(reader.GetValue(i))).ToArray();
                var raw = JsonSerializer.Serialize(names.Zip(values).ToDictionary(p => p.First, p => p.Second));
                hash.AppendData(Encoding.UTF8.GetBytes(raw + "\n"));
                var row = appender.CreateRow();
                foreach (var column in entity.Columns)
                {
                    var i = Array.IndexOf(names, column.Name);
                    if (i >= 0 && values[i] is { } v) row.AppendValue(v); else row.AppendNullValue();
                }
                var extra = names.Select((n, i) => (n, v: values[i])).Where(p => !known.Contains(p.n) && !string.IsNullOrEmpty(p.v)).ToDictionary();
                row.AppendValue(extra.Count == 0 ? null : JsonSerializer.Serialize(extra)).AppendValue(display).AppendValue((long?)++line)
                    .AppendValue(raw).AppendNullValue().EndRow();
                if (updatedAt >= 0 && values[updatedAt] is { } stamp) watermark = stamp;
            }
        }
        if (incremental)
            return line == previous!.Lines ? null : new PieceRead(new PieceCursor { Lines = line, Watermark = watermark }, Restarted: false);
        var fingerprint = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (previous?.Fingerprint == fingerprint)
        {
            Sql.Execute(db, $"DELETE FROM {batch.Table}");
            return null;
        }
        return new PieceRead(new PieceCursor { Fingerprint = fingerprint, Lines = line, Watermark = watermark }, Restarted: previous is not null,
            previous is null ? null : "changed since it was landed: read again whole");
    }

    private IReadOnlyList<string> ColumnsOf(string table)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {Quote(table)} WHERE 1 = 0";
        using var reader = command.ExecuteReader();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }

    /// <summary>A database value as the contract's text: timestamps ISO-8601 UTC (a value without a zone is UTC), numbers
    /// in invariant plain notation, booleans true/false.</summary>
    protected static string AsText(object value) => value switch
    {
        string s => s,
        DateTime t => DateTime.SpecifyKind(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        double f => double.IsFinite(f) ? ((decimal)f).ToString(CultureInfo.InvariantCulture) : f.ToString(CultureInfo.InvariantCulture),
        float f => float.IsFinite(f) ? ((decimal)f).ToString(CultureInfo.InvariantCulture) : f.ToString(CultureInfo.InvariantCulture),
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public void Dispose() => _connection?.Dispose();
}

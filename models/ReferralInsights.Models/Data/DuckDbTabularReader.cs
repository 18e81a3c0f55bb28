using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using DuckDB.NET.Data;

namespace ReferralInsights.Models.Data;

/// <summary>Loads any table, query or CSV through DuckDB and hands it over as Arrow record batches
/// (<see cref="DuckDBCommand.ExecuteArrowBatchesAsync"/>), converted column by column into a
/// <see cref="TabularFrame"/> — never row objects built one by one.</summary>
public static class DuckDbTabularReader
{
    /// <summary>Reads a delimited file with DuckDB's <c>read_csv</c>, which infers each column's type
    /// from the whole file (<c>sample_size = -1</c>). Row order is the file's unless
    /// <paramref name="orderBy"/> names a column to sort by (stable: ties keep file order).</summary>
    public static async Task<TabularFrame> ReadCsvAsync(string path, string? separator = null, string? orderBy = null,
        CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no such file: {path}", path);
        await using var connection = await OpenAsync(cancellationToken);
        var args = new List<string> { Literal(Path.GetFullPath(path)), "header = true", "sample_size = -1" };
        if (!string.IsNullOrEmpty(separator)) args.Add($"delim = {Literal(Unescape(separator))}");
        // Keep a file-order key so an ORDER BY on a column with ties stays deterministic.
        var sql = orderBy is null
            ? $"SELECT * FROM read_csv({string.Join(", ", args)})"
            : $"SELECT * EXCLUDE (__row) FROM (SELECT *, row_number() OVER () AS __row FROM read_csv({string.Join(", ", args)})) ORDER BY {Identifier(orderBy)} NULLS LAST, __row";
        return await ReadQueryAsync(connection, sql, cancellationToken);
    }

    /// <summary>Runs <paramref name="sql"/> on an open connection and converts the Arrow batches.</summary>
    public static async Task<TabularFrame> ReadQueryAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var builder = new FrameBuilder();
        await foreach (var batch in command.ExecuteArrowBatchesAsync(cancellationToken))
            using (batch)
                builder.Add(batch);
        return builder.Build();
    }

    /// <summary>An in-memory DuckDB with a bounded memory limit (DuckDB's default is 80 % of RAM).</summary>
    public static async Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken = default, string memoryLimit = "2GB")
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using var set = connection.CreateCommand();
        set.CommandText = $"SET memory_limit = {Literal(memoryLimit)}";
        await set.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";
    private static string Unescape(string separator) => separator switch { "\\t" or "tab" => "\t", _ => separator };

    /// <summary>Converts Arrow batches column by column.</summary>
    public sealed class FrameBuilder
    {
        private Schema? _schema;
        private List<object>? _columns;

        public void Add(RecordBatch batch)
        {
            if (_schema is null)
            {
                _schema = batch.Schema;
                _columns = batch.Schema.FieldsList.Select(f => (object)(Kind(f.DataType) switch
                {
                    ColumnKind.Number => new List<double>(batch.Length),
                    ColumnKind.Text => new List<string?>(batch.Length),
                    _ => new List<DateTime?>(batch.Length),
                })).ToList();
            }
            for (var c = 0; c < batch.ColumnCount; c++)
            {
                var array = batch.Column(c);
                switch (_columns![c])
                {
                    case List<double> numbers: AppendNumbers(array, numbers); break;
                    case List<string?> texts: AppendTexts(array, texts); break;
                    case List<DateTime?> times: AppendTimes(array, times); break;
                }
            }
        }

        public TabularFrame Build()
        {
            if (_schema is null) throw new InvalidOperationException("the query returned no batch (no columns)");
            var columns = new List<RawColumn>();
            for (var c = 0; c < _schema.FieldsList.Count; c++)
            {
                var field = _schema.FieldsList[c];
                var type = field.DataType.Name;
                columns.Add(_columns![c] switch
                {
                    List<double> n => new NumericRawColumn(field.Name, type, n.ToArray()),
                    List<string?> t => new TextRawColumn(field.Name, type, t.ToArray()),
                    List<DateTime?> d => new TemporalRawColumn(field.Name, type, d.ToArray()),
                    _ => throw new InvalidOperationException(),
                });
            }
            return new TabularFrame(columns);
        }
    }

    private enum ColumnKind { Number, Text, Time }

    private static ColumnKind Kind(IArrowType type) => type switch
    {
        Int8Type or Int16Type or Int32Type or Int64Type or UInt8Type or UInt16Type or UInt32Type or UInt64Type
            or HalfFloatType or FloatType or DoubleType or Decimal128Type or Decimal256Type or BooleanType => ColumnKind.Number,
        Date32Type or Date64Type or TimestampType => ColumnKind.Time,
        DictionaryType d => Kind(d.ValueType) == ColumnKind.Number ? ColumnKind.Number : ColumnKind.Text,
        _ => ColumnKind.Text, // strings, and anything else (UUID, lists, intervals…) as its text form
    };

    private static void AppendNumbers(IArrowArray array, List<double> into)
    {
        var n = array.Length;
        switch (array)
        {
            case DoubleArray a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) ?? double.NaN); break;
            case FloatArray a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) is { } v ? v : double.NaN); break;
            case Int64Array a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) is { } v ? v : double.NaN); break;
            case Int32Array a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) is { } v ? v : double.NaN); break;
            case Int16Array a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) is { } v ? v : double.NaN); break;
            case Int8Array a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) is { } v ? v : double.NaN); break;
            case UInt64Array a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) is { } v ? v : double.NaN); break;
            case UInt32Array a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) is { } v ? v : double.NaN); break;
            case UInt16Array a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) is { } v ? v : double.NaN); break;
            case UInt8Array a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) is { } v ? v : double.NaN); break;
            case BooleanArray a: for (var i = 0; i < n; i++) into.Add(a.GetValue(i) is { } v ? (v ? 1 : 0) : double.NaN); break;
            case Decimal128Array a:
                for (var i = 0; i < n; i++)
                    into.Add(a.IsNull(i) ? double.NaN : double.Parse(a.GetString(i)!, CultureInfo.InvariantCulture));
                break;
            case DictionaryArray d:
                var dictionary = new List<double>(d.Dictionary.Length);
                AppendNumbers(d.Dictionary, dictionary);
                for (var i = 0; i < n; i++) { var key = DictionaryKey(d.Indices, i); into.Add(key < 0 ? double.NaN : dictionary[key]); }
                break;
            default:
                for (var i = 0; i < n; i++)
                    into.Add(array.IsNull(i) ? double.NaN : Convert.ToDouble(((dynamic)array).GetValue(i), CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void AppendTexts(IArrowArray array, List<string?> into)
    {
        var n = array.Length;
        switch (array)
        {
            case StringArray a: for (var i = 0; i < n; i++) into.Add(a.IsNull(i) ? null : a.GetString(i)); break;
            case LargeStringArray a: for (var i = 0; i < n; i++) into.Add(a.IsNull(i) ? null : a.GetString(i)); break;
            case StringViewArray a: for (var i = 0; i < n; i++) into.Add(a.IsNull(i) ? null : a.GetString(i)); break;
            case DictionaryArray d:
                var values = new List<string?>(d.Dictionary.Length);
                AppendTexts(d.Dictionary, values);
                for (var i = 0; i < n; i++) { var key = DictionaryKey(d.Indices, i); into.Add(key < 0 ? null : values[key]); }
                break;
            default:
                // A type without a natural number or text form (UUID, list, struct…): hand over its printed value.
                for (var i = 0; i < n; i++)
                    into.Add(array.IsNull(i) ? null : Convert.ToString(((dynamic)array).GetValue(i), CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void AppendTimes(IArrowArray array, List<DateTime?> into)
    {
        var n = array.Length;
        switch (array)
        {
            case Date32Array a: for (var i = 0; i < n; i++) into.Add(a.GetDateTime(i)); break;
            case Date64Array a: for (var i = 0; i < n; i++) into.Add(a.GetDateTime(i)); break;
            case TimestampArray a: for (var i = 0; i < n; i++) into.Add(a.GetTimestamp(i)?.UtcDateTime); break;
            default: for (var i = 0; i < n; i++) into.Add(null); break;
        }
    }

    private static int DictionaryKey(IArrowArray indices, int i) => indices.IsNull(i) ? -1 : indices switch
    {
        Int8Array a => a.GetValue(i)!.Value,
        Int16Array a => a.GetValue(i)!.Value,
        Int32Array a => a.GetValue(i)!.Value,
        Int64Array a => (int)a.GetValue(i)!.Value,
        UInt8Array a => a.GetValue(i)!.Value,
        UInt16Array a => a.GetValue(i)!.Value,
        UInt32Array a => (int)a.GetValue(i)!.Value,
        _ => throw new NotSupportedException($"dictionary index type {indices.Data.DataType.Name}"),
    };
}

using System.Buffers;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReferralInsights.SampleProgram.Output;

/// <summary>A gzip-compressed NDJSON file: one JSON object per line, keys the contract's column names, empty values as null.</summary>
internal sealed class NdjsonGzTable<TRow> : ITable<TRow> where TRow : IContractRow
{
    private readonly JsonEncodedText[] _names;
    private readonly Stream _compressed;
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private readonly Utf8JsonWriter _json;

    public NdjsonGzTable(string path, string entity, IReadOnlyList<string> columns)
    {
        Entity = entity;
        var encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        _names = columns.Select(c => JsonEncodedText.Encode(c, encoder)).ToArray();
        // Lines reach gzip in 1 MiB blocks rather than as one small deflate call each.
        _compressed = new BufferedStream(new GZipStream(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), CompressionLevel.Fastest), 1 << 20);
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = encoder });
    }

    public string Entity { get; }

    public long Rows { get; private set; }

    public void Write(TRow row)
    {
        var fields = row.Fields;
        if (fields.Length != _names.Length) throw new InvalidOperationException($"{Entity}: a row of {fields.Length} fields for {_names.Length} columns");
        _line.ResetWrittenCount();
        _json.Reset(_line);
        _json.WriteStartObject();
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] is { } value) _json.WriteString(_names[i], value);
            else _json.WriteNull(_names[i]);
        }
        _json.WriteEndObject();
        _json.Flush();
        _line.Write("\n"u8);
        _compressed.Write(_line.WrittenSpan);
        Rows++;
    }

    public void Dispose()
    {
        _json.Dispose();
        _compressed.Dispose();
    }
}

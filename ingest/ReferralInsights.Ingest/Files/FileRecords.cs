using System.Security.Cryptography;
using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Files;

/// <summary>Reads a CSV or NDJSON file (plain or gzip) into a <see cref="TextBatch"/>: a whole regular file by DuckDB's own
/// reader; otherwise lines (CSV: records) framed by <see cref="LineTable"/>, values split and checked by DuckDB
/// (<see cref="CsvRecords"/>, <see cref="NdjsonRecords"/>).</summary>
internal static class FileRecords
{
    /// <summary>Reads <paramref name="file"/> from <paramref name="offset"/> (a byte position at a line start; 0 = the whole
    /// file), numbering lines from <paramref name="firstLine"/>. A CSV read that starts past the header takes
    /// <paramref name="csvHeader"/> as its header.</summary>
    public static FramedLines Read(DuckDBConnection db, string file, string displayName, TextBatch batch, long offset = 0,
        long firstLine = 1, bool holdBackPartialLine = false, string? csvHeader = null, ExportMapping? mapping = null)
    {
        try
        {
            if (offset == 0 && TryLoadWhole(db, file, displayName, batch, holdBackPartialLine, mapping) is { } whole)
            {
                mapping?.Apply(db, batch);
                return whole;
            }
            return Frame(db, file, displayName, batch, offset, firstLine, holdBackPartialLine, csvHeader, mapping);
        }
        catch (InvalidDataException e)
        {
            throw new IngestException($"{displayName}: {e.Message}", displayName);
        }
    }

    /// <summary>The native read of a whole file (DuckDB's own reader), or null when the file needs the framed read.</summary>
    private static FramedLines? TryLoadWhole(DuckDBConnection db, string file, string displayName, TextBatch batch, bool holdBackPartialLine,
        ExportMapping? mapping) =>
        EntityFiles.IsCsv(file) ? CsvRecords.TryLoadWhole(db, file, batch, displayName, holdBackPartialLine, mapping)
        : mapping is null ? NdjsonRecords.TryLoadWhole(db, file, batch, displayName, holdBackPartialLine)
        : null;

    /// <summary>The framed read: lines (CSV: records) into a table, split and parsed there.</summary>
    private static FramedLines Frame(DuckDBConnection db, string file, string displayName, TextBatch batch, long offset,
        long firstLine, bool holdBackPartialLine, string? csvHeader, ExportMapping? mapping)
    {
        var lines = batch.Table + "_lines";
        LineTable.Create(db, lines);
        FramedLines framed;
        using (var stream = LineTable.Open(file))
        {
            if (offset > 0) stream.Seek(offset, SeekOrigin.Begin);
            framed = LineTable.Append(db, lines, stream, firstLine, holdBackPartialLine, csvRecords: EntityFiles.IsCsv(file));
        }
        if (EntityFiles.IsCsv(file)) CsvRecords.Load(db, lines, batch, displayName, csvHeader, mapping);
        else NdjsonRecords.Load(db, lines, batch, displayName);
        Sql.Execute(db, $"DROP TABLE {lines}");
        mapping?.Apply(db, batch);
        return framed;
    }

    /// <summary>The size and SHA-256 of a file's bytes (of its first <paramref name="length"/> bytes when given).</summary>
    public static string Fingerprint(string file, long? length = null)
    {
        using var stream = File.OpenRead(file);
        var size = length ?? stream.Length;
        var hash = SHA256.HashData(new BoundedStream(stream, size));
        return $"{size}:{Convert.ToHexStringLower(hash)}";
    }

    /// <summary>The first line of a file as text (a CSV log's header), without its line break.</summary>
    public static string? FirstLine(string file)
    {
        using var reader = new StreamReader(LineTable.Open(file));
        return reader.ReadLine();
    }

    private sealed class BoundedStream(Stream inner, long length) : Stream
    {
        private readonly long _length = length;
        private long _left = length;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= read;
            return read;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length - _left; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

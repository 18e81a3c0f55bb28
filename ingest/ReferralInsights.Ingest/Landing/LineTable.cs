using System.Buffers;
using System.Text;
using System.Text.Unicode;
using DuckDB.NET.Data;

namespace ReferralInsights.Ingest.Landing;

/// <summary>What framing a text stream into lines read: the bytes consumed (up to the end of the last whole line when
/// a partial last line is held back), the lines framed and the number of the last one.</summary>
internal sealed record FramedLines(long BytesConsumed, long Lines, long LastLine);

/// <summary>Frames a byte stream into physical lines (LF or CRLF) and appends them to a DuckDB table
/// <c>(line BIGINT, text VARCHAR, utf8_error VARCHAR)</c> for the SQL readers to parse. Only framing happens here: a line
/// is never split into fields or changed. For CSV (<paramref name="csvRecords"/>) a row is a record: lines are joined
/// while a quoted field is open (RFC 4180: a quote opens a field only at its start), numbered by their first line. A line that is not valid UTF-8 keeps its decodable text (invalid bytes
/// shown as U+FFFD) and says where the first invalid byte is, so the readers quarantine it instead of landing altered text.</summary>
internal static class LineTable
{
    public const string Columns = "line BIGINT, text VARCHAR, utf8_error VARCHAR";
    private static readonly UTF8Encoding Lenient = new(false, false);

    public static void Create(DuckDBConnection db, string table) =>
        Sql.Execute(db, $"CREATE OR REPLACE TEMP TABLE {table} ({Columns})");

    /// <summary>Opens a file for framing: <c>.gz</c> is decompressed, and a gzip stream cut short or corrupt is an
    /// <see cref="InvalidDataException"/> when its end is read (<see cref="VerifiedGzipStream"/>).</summary>
    public static Stream Open(string file) =>
        file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new VerifiedGzipStream(file) : File.OpenRead(file);

    /// <param name="firstLine">the number of the first line read (1 at the start of a file, where a UTF-8 byte-order mark is
    /// skipped)</param>
    /// <param name="holdBackPartialLine">true for a growing log: a last line without its newline (or a CSV record still open
    /// at the end) is left for the next read</param>
    /// <param name="csvRecords">join the lines of a CSV record whose quoted field spans line breaks</param>
    public static FramedLines Append(DuckDBConnection db, string table, Stream input, long firstLine, bool holdBackPartialLine,
        bool csvRecords = false)
    {
        DuckDBAppender? appender = null;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        var partial = new ArrayBufferWriter<byte>();
        var record = new CsvRecordJoiner();
        long consumed = 0, position = 0, line = firstLine - 1, lastLineOut = firstLine - 1;

        void Complete(ReadOnlySpan<byte> text, long lineNumber, long endPosition)
        {
            appender ??= db.CreateAppender(table);
            if (!csvRecords) AppendLine(appender, lineNumber, text);
            else if (!record.Add(lineNumber, text)) return;
            else AppendLine(appender, record.FirstLine, record.Text);
            consumed = endPosition;
            lastLineOut = lineNumber;
        }

        try
        {
            int read;
            while ((read = ReadFully(input, buffer)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                if (position == 0 && firstLine == 1 && chunk.StartsWith(Utf8Bom))
                {
                    chunk = chunk[Utf8Bom.Length..]; // a byte-order mark is not text: the header is "id", not "\uFEFFid"
                    position = consumed = Utf8Bom.Length;
                }
                var lastNewline = chunk.LastIndexOf((byte)'\n');
                // Fast path: whole lines that are valid UTF-8 (and, for CSV, hold no quote) go to DuckDB in one statement,
                // split there; anything else is framed line by line below.
                if (partial.WrittenCount == 0 && !record.IsOpen && lastNewline > 0 && Utf8.IsValid(chunk[..lastNewline])
                    && (!csvRecords || !chunk[..lastNewline].Contains((byte)'"')))
                {
                    appender?.Dispose();
                    appender = null;
                    var lines = InsertLines(db, table, chunk[..lastNewline], line + 1);
                    line += lines;
                    lastLineOut = line;
                    position += lastNewline + 1;
                    consumed = position;
                    chunk = chunk[(lastNewline + 1)..];
                }
                int newline;
                while ((newline = chunk.IndexOf((byte)'\n')) >= 0)
                {
                    position += newline + 1;
                    if (partial.WrittenCount > 0)
                    {
                        partial.Write(chunk[..newline]);
                        Complete(WithoutCr(partial.WrittenSpan), ++line, position);
                        partial.Clear();
                    }
                    else Complete(WithoutCr(chunk[..newline]), ++line, position);
                    chunk = chunk[(newline + 1)..];
                }
                position += chunk.Length;
                partial.Write(chunk);
            }
            if (!holdBackPartialLine)
            {
                if (partial.WrittenCount > 0) Complete(WithoutCr(partial.WrittenSpan), ++line, position);
                if (record.IsOpen)
                {
                    appender ??= db.CreateAppender(table);
                    AppendLine(appender, record.FirstLine, record.Text);
                    consumed = position;
                    lastLineOut = line;
                }
            }
        }
        finally
        {
            appender?.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new FramedLines(consumed, lastLineOut - (firstLine - 1), lastLineOut);
    }

    private const int BufferBytes = 16 << 20;
    internal static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; the bytes read.</summary>
    internal static int ReadFully(Stream input, Span<byte> buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = input.Read(buffer[total..])) > 0) total += read;
        return total;
    }

    /// <summary>Inserts the lines of <paramref name="text"/> (valid UTF-8, no final line break) numbered from <paramref name="first"/>.</summary>
    private static long InsertLines(DuckDBConnection db, string table, ReadOnlySpan<byte> text, long first)
    {
        using var command = db.CreateCommand();
        command.CommandText = $"""
            INSERT INTO {table}
            SELECT $first + i - 1, CASE WHEN suffix(t, chr(13)) THEN t[:-2] ELSE t END, NULL
            FROM (SELECT generate_subscripts(l, 1) AS i, unnest(l) AS t FROM (SELECT string_split($text, chr(10)) AS l))
            """;
        command.Parameters.Add(new DuckDBParameter("first", first));
        command.Parameters.Add(new DuckDBParameter("text", Encoding.UTF8.GetString(text)));
        return command.ExecuteNonQuery();
    }

    internal static ReadOnlySpan<byte> WithoutCr(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static void AppendLine(DuckDBAppender appender, long line, ReadOnlySpan<byte> bytes)
    {
        var row = appender.CreateRow().AppendValue((long?)line);
        var status = Utf8.IsValid(bytes) ? OperationStatus.Done : OperationStatus.InvalidData;
        if (status == OperationStatus.Done)
        {
            row.AppendValue(Encoding.UTF8.GetString(bytes)).AppendNullValue().EndRow();
            return;
        }
        Utf8.ToUtf16(bytes, new char[bytes.Length], out var validBytes, out _, replaceInvalidSequences: false);
        row.AppendValue(Lenient.GetString(bytes))
            .AppendValue($"the line is not valid UTF-8 (first invalid byte at offset {validBytes} of the line)")
            .EndRow();
    }

    /// <summary>Collects the lines of one CSV record: a record ends at a line end outside quotes.</summary>
    private sealed class CsvRecordJoiner
    {
        private readonly ArrayBufferWriter<byte> _text = new();

        public long FirstLine { get; private set; }
        public bool IsOpen { get; private set; }
        public ReadOnlySpan<byte> Text => _text.WrittenSpan;

        /// <summary>Adds a line; true when the record is complete.</summary>
        public bool Add(long line, ReadOnlySpan<byte> bytes)
        {
            if (!IsOpen)
            {
                FirstLine = line;
                _text.Clear();
            }
            else _text.Write("\n"u8);
            _text.Write(bytes);
            if (IsOpen || bytes.Contains((byte)'"')) IsOpen = EndsInQuotes(bytes, IsOpen);
            return !IsOpen;
        }

        private static bool EndsInQuotes(ReadOnlySpan<byte> bytes, bool inQuotes)
        {
            var atFieldStart = !inQuotes;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                if (inQuotes)
                {
                    if (b != (byte)'"') continue;
                    if (i + 1 < bytes.Length && bytes[i + 1] == (byte)'"') i++;
                    else inQuotes = false;
                }
                else if (b == (byte)',') atFieldStart = true;
                else
                {
                    inQuotes = b == (byte)'"' && atFieldStart;
                    atFieldStart = false;
                }
            }
            return inQuotes;
        }
    }
}

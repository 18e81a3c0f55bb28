using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ReferralInsights.Ingest.Landing;

/// <summary>One pass over an NDJSON (or CSV: <see cref="OfCsv"/>) file's lines (decompressed and proved whole like <see cref="LineTable"/>'s) that keeps
/// none of them: how many there are, the longest, whether the last one ends in a line break, every top-level key any
/// line uses, and, when DuckDB's own reader would not see exactly one object a line, why (<see cref="Irregular"/>: a
/// byte-order mark, text that is not UTF-8, a line that is not one JSON object, such as a blank one, which the reader
/// skips). When it is null, the reader's n-th row is line n.</summary>
internal sealed record LineCensus(long Lines, long Bytes, int LongestLine, bool EndsWithNewline, IReadOnlyList<string> Keys, string? Irregular)
{
    private const int BufferBytes = 1 << 20;

    public static LineCensus OfNdjson(string file)
    {
        var keys = new KeyCollector();
        var census = Take(file, (line, number) => keys.AddObject(line) ? null : $"line {number} is not one JSON object");
        return census with { Keys = keys.Names };
    }

    /// <summary>The same census of a CSV file whose first line is its header (<see cref="Keys"/>: the header's names,
    /// unquoted and trimmed). <see cref="Irregular"/> is null only when every line after it is one record of as many
    /// fields: no blank line, no quoted field running past its line, no malformed quoting, no stray carriage return. Then
    /// DuckDB's <c>read_csv</c> gives one row a line, the n-th row being line n + 1.</summary>
    public static LineCensus OfCsv(string file)
    {
        var header = new List<string>();
        var census = Take(file, (line, number) =>
            CsvLine.Irregularity(LineTable.WithoutCr(line), number, number == 1 ? header : null, header.Count));
        return census with { Keys = header, Irregular = census.Irregular ?? (census.Lines == 0 ? "it is empty" : null) };
    }

    // The pass both censuses share; irregularity(line, its number) is asked of each line until one answers.
    private static LineCensus Take(string file, Func<ReadOnlySpan<byte>, long, string?> irregularity)
    {
        using var input = ReadAhead(LineTable.Open(file));
        long lines = 0, bytes = 0;
        var longest = 0;
        string? irregular = null;
        var endsWithNewline = true;
        ForEachChunk(input, (chunk, atEnd) =>
        {
            if (bytes == 0 && chunk.StartsWith(LineTable.Utf8Bom)) irregular ??= "it starts with a byte-order mark";
            if (irregular is null && !Utf8.IsValid(chunk)) irregular = "it is not valid UTF-8";
            for (var start = 0; start < chunk.Length;)
            {
                lines++;
                var newline = chunk[start..].IndexOf((byte)'\n');
                var line = newline < 0 ? chunk[start..] : chunk.Slice(start, newline);
                longest = Math.Max(longest, line.Length);
                irregular ??= irregularity(line, lines);
                if (newline < 0) break;
                start += newline + 1;
            }
            bytes += chunk.Length;
            if (atEnd) endsWithNewline = chunk.Length == 0 || chunk[^1] == (byte)'\n';
            return true;
        });
        return new LineCensus(lines, bytes, longest, endsWithNewline, [], irregular);
    }

    /// <summary>The text of the given lines (without their line break), for the quarantine's raw text; reads only as far as
    /// the last of them.</summary>
    public static IReadOnlyDictionary<long, string> TextOf(string file, IReadOnlySet<long> wanted)
    {
        using var input = LineTable.Open(file);
        var texts = new Dictionary<long, string>();
        long line = 0;
        ForEachChunk(input, (chunk, _) =>
        {
            for (var start = 0; start < chunk.Length && texts.Count < wanted.Count;)
            {
                var newline = chunk[start..].IndexOf((byte)'\n');
                var end = newline < 0 ? chunk.Length : start + newline;
                if (wanted.Contains(++line)) texts[line] = Encoding.UTF8.GetString(LineTable.WithoutCr(chunk[start..end]));
                start = end + 1;
            }
            return texts.Count < wanted.Count;
        });
        return texts;
    }

    /// <summary>The distinct top-level keys of JSON objects, in the order first seen. Lines mostly repeat one key order, so
    /// each key is first compared with the one that followed the previous key.</summary>
    private sealed class KeyCollector
    {
        private readonly List<byte[]> _keys = [];

        public IReadOnlyList<string> Names => _keys.Select(k => Encoding.UTF8.GetString(k)).ToList();

        /// <summary>Adds the keys of <paramref name="line"/>; false when it is not exactly one JSON object.</summary>
        public bool AddObject(ReadOnlySpan<byte> line)
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                var next = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    next = Add(reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan, next);
                    reader.Read();
                    reader.Skip();
                }
                return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private int Add(ReadOnlySpan<byte> name, int expected)
        {
            if (expected < _keys.Count && name.SequenceEqual(_keys[expected])) return expected + 1;
            for (var i = 0; i < _keys.Count; i++)
                if (name.SequenceEqual(_keys[i])) return i + 1;
            _keys.Add(name.ToArray());
            return _keys.Count;
        }
    }

    /// <summary>The bytes of <paramref name="inner"/>, read ahead by another thread (a gzip file is decompressed while the
    /// census scans the lines before); its errors surface on the read that reaches them.</summary>
    private static Stream ReadAhead(Stream inner)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20, useSynchronizationContext: false));
        _ = Task.Run(async () =>
        {
            await using (inner)
            {
                try
                {
                    await inner.CopyToAsync(pipe.Writer);
                    await pipe.Writer.CompleteAsync();
                }
                catch (Exception e)
                {
                    await pipe.Writer.CompleteAsync(e);
                }
            }
        });
        return pipe.Reader.AsStream();
    }

    /// <summary>Hands the stream on in chunks of whole lines (the last chunk may end without a line break) while
    /// <paramref name="action"/> asks for more.</summary>
    private static void ForEachChunk(Stream input, Func<ReadOnlySpan<byte>, bool, bool> action)
    {
        var buffer = new byte[BufferBytes];
        var carried = 0;
        while (true)
        {
            var read = LineTable.ReadFully(input, buffer.AsSpan(carried));
            var length = carried + read;
            var atEnd = read == 0 || length < buffer.Length;
            var chunk = buffer.AsSpan(0, length);
            var whole = atEnd ? length : chunk.LastIndexOf((byte)'\n') + 1;
            if (whole == 0 && !atEnd)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // one line longer than the buffer
                carried = length;
                continue;
            }
            if (!action(chunk[..whole], atEnd) || atEnd) return;
            chunk[whole..].CopyTo(buffer);
            carried = length - whole;
        }
    }
}

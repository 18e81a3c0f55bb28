using System.Text;
using CsvHelper;

namespace ReferralInsights.Ingest;

/// <summary>Reads an RFC 4180 CSV file with a header row. A row with malformed quoting or the wrong number of
/// fields becomes a record with a read error instead of being dropped.</summary>
public sealed class CsvRecordReader : IRecordReader
{
    private readonly CsvReader _reader;
    // the reader scans ahead, so a malformed record may be reported before it is returned: key = its first line
    private readonly Dictionary<long, string> _malformedByLine = [];

    public CsvRecordReader(Stream stream)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            PoolStrings = true,
            OnMalformedRecord = record => _malformedByLine.TryAdd(record.LineNumber, Describe(record.Reason)),
        };
        _reader = CsvReader.Create(stream, options, false);
        _reader.ReadHeader();
        if (_reader.Headers.Count == 0)
            throw new InvalidDataException("the file is empty: a header row is required");
        Header = _reader.Headers.Select(h => h.Trim()).ToArray();
    }

    public IReadOnlyList<string>? Header { get; }

    public IEnumerable<SourceRecord> Records()
    {
        var header = Header!;
        while (_reader.Read())
        {
            var line = _reader.LineNumber;
            var raw = Encoding.UTF8.GetString(_reader.RawRecord);
            if (_malformedByLine.Remove(line, out var malformed))
                yield return new SourceRecord(line, raw, null, malformed);
            else if (_reader.FieldCount != header.Count)
                yield return new SourceRecord(line, raw, null, $"expected {header.Count} fields, found {_reader.FieldCount}");
            else
            {
                var values = new Dictionary<string, string?>(header.Count, StringComparer.Ordinal);
                for (var i = 0; i < header.Count; i++) values[header[i]] = _reader.GetString(i);
                yield return new SourceRecord(line, raw, values, null);
            }
        }
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "malformed quoting: a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "malformed quoting: text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "malformed quoting: a quoted field is never closed",
        CsvMalformedReason.FieldCountMismatch => "wrong number of fields",
        _ => $"malformed record ({reason})",
    };

    public void Dispose() => _reader.Dispose();
}

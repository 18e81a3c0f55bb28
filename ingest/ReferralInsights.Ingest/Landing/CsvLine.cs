using System.Text;

namespace ReferralInsights.Ingest.Landing;

/// <summary>One line of a CSV file as one RFC 4180 record (fields quoted with doubled quotes inside, or unquoted
/// without quotes), for <see cref="LineCensus.OfCsv"/>: whether it is one, and how many fields it has.</summary>
internal static class CsvLine
{
    /// <summary>Why <paramref name="record"/> (line <paramref name="line"/>, without its line break) is not one record of
    /// <paramref name="fields"/> fields, or null when it is. With <paramref name="names"/> it is the header: its fields
    /// (unquoted, trimmed) go there and any count is fine.</summary>
    public static string? Irregularity(ReadOnlySpan<byte> record, long line, List<string>? names, int fields)
    {
        if (record.IsEmpty) return $"line {line} is blank";
        if (record.Contains((byte)'\r')) return $"line {line} has a carriage return inside";
        var count = names is null && !record.Contains((byte)'"') ? record.Count((byte)',') + 1 : Split(record, names);
        if (count < 0) return $"line {line} is not one record (a quote opens, closes or stays open where CSV does not allow it)";
        return names is null && count != fields ? $"line {line} has {count} fields, the header {fields}" : null;
    }

    // The fields of a record that may hold quotes (their text into names when given), or -1 when its quoting is malformed
    // or a quoted field does not close on the line.
    private static int Split(ReadOnlySpan<byte> record, List<string>? names)
    {
        var count = 0;
        for (var at = 0; ; at++)
        {
            count++;
            int end;
            if (at < record.Length && record[at] == (byte)'"')
            {
                end = at + 1;
                while (true)
                {
                    var quote = record[end..].IndexOf((byte)'"');
                    if (quote < 0) return -1;
                    end += quote + 1;
                    if (end < record.Length && record[end] == (byte)'"') end++;
                    else break;
                }
                if (end < record.Length && record[end] != (byte)',') return -1;
                names?.Add(Encoding.UTF8.GetString(record[(at + 1)..(end - 1)]).Replace("\"\"", "\"").Trim());
            }
            else
            {
                var stop = record[at..].IndexOfAny((byte)',', (byte)'"');
                if (stop >= 0 && record[at + stop] == (byte)'"') return -1;
                end = stop < 0 ? record.Length : at + stop;
                names?.Add(Encoding.UTF8.GetString(record[at..end]).Trim());
            }
            if (end == record.Length) return count;
            at = end;
        }
    }
}

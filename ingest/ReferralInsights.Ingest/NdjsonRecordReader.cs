using System.Globalization;
using System.Text.Json;

namespace ReferralInsights.Ingest;

/// <summary>Reads newline-delimited JSON: one object a line; blank lines are not rows. A line that is not a
/// JSON object becomes a record with a read error.</summary>
public sealed class NdjsonRecordReader(TextReader text) : IRecordReader
{
    public IReadOnlyList<string>? Header => null;

    public IEnumerable<SourceRecord> Records()
    {
        long line = 0;
        while (text.ReadLine() is { } raw)
        {
            line++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            yield return Parse(line, raw);
        }
    }

    private static SourceRecord Parse(long line, string raw)
    {
        try
        {
            using var doc = JsonDocument.Parse(raw);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return new SourceRecord(line, raw, null, "the line is not a JSON object");
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
                values[property.Name] = AsText(property.Value);
            return new SourceRecord(line, raw, values, null);
        }
        catch (JsonException e)
        {
            return new SourceRecord(line, raw, null, $"invalid JSON: {e.Message}");
        }
    }

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetRawText(),
    };

    public void Dispose() => text.Dispose();
}

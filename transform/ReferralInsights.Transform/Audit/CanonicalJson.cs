using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReferralInsights.Transform.Audit;

/// <summary>
/// The audit log's canonical JSON: object keys sorted (ordinal), no whitespace, every character outside printable
/// ASCII escaped as <c>\uXXXX</c> (lower-case hex; <c>\" \\ \b \f \n \r \t</c> in their short forms), integers as
/// digits. It is byte for byte Python's <c>json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)</c>,
/// so an auditor can recompute every hash without this code.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>The canonical form of a node (through its JSON text, so there is one canonical writer).</summary>
    public static string Write(JsonNode? node) => node is null ? "null" : FromText(node.ToJsonString());

    /// <summary>The canonical form of JSON text (as DuckDB's JSON functions write it), read token by token with no
    /// document or node objects; a string of printable ASCII without escapes is copied as it is.</summary>
    public static string FromText(string json)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(0, Encoding.UTF8.GetBytes(json, bytes)));
            var text = new StringBuilder(json.Length + 16);
            reader.Read();
            AppendToken(text, ref reader);
            return text.ToString();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static void AppendToken(StringBuilder text, ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                AppendObject(text, ref reader);
                break;
            case JsonTokenType.StartArray:
                text.Append('[');
                var first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first) text.Append(',');
                    first = false;
                    AppendToken(text, ref reader);
                }
                text.Append(']');
                break;
            case JsonTokenType.String when !reader.ValueIsEscaped && IsPlainAscii(reader.ValueSpan):
                text.Append('"');
                foreach (var b in reader.ValueSpan) text.Append((char)b);
                text.Append('"');
                break;
            case JsonTokenType.String:
                AppendString(text, reader.GetString()!);
                break;
            case JsonTokenType.Number when reader.TryGetInt64(out var integer):
                text.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonTokenType.True:
                text.Append("true");
                break;
            case JsonTokenType.False:
                text.Append("false");
                break;
            case JsonTokenType.Null:
                text.Append("null");
                break;
            default:
                throw Unsupported(Encoding.UTF8.GetString(reader.ValueSpan));
        }
    }

    /// <summary>Each member's value is written once into one scratch buffer; the members are then copied out in key order.</summary>
    private static void AppendObject(StringBuilder text, ref Utf8JsonReader reader)
    {
        var values = new StringBuilder();
        var members = new List<(string Key, int Start, int Length)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            var start = values.Length;
            AppendToken(values, ref reader);
            members.Add((key, start, values.Length - start));
        }
        members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        text.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0 && members[i].Key == members[i - 1].Key)
                throw new InvalidDataException($"the key \"{members[i].Key}\" appears twice in one object");
            if (i > 0) text.Append(',');
            AppendString(text, members[i].Key);
            text.Append(':').Append(values, members[i].Start, members[i].Length);
        }
        text.Append('}');
    }

    /// <summary>Printable ASCII, which canonical JSON writes as it is (an unescaped JSON string holds no quote or backslash).</summary>
    private static bool IsPlainAscii(ReadOnlySpan<byte> value) => !value.ContainsAnyExceptInRange((byte)' ', (byte)'~');

    /// <summary>A string as a canonical JSON literal.</summary>
    public static string String(string s)
    {
        var text = new StringBuilder(s.Length + 2);
        AppendString(text, s);
        return text.ToString();
    }

    private static InvalidDataException Unsupported(string json) =>
        new($"the audit log's canonical JSON holds strings, integers, booleans and null only, not {json}");

    private static void AppendString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ' or > '~': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}

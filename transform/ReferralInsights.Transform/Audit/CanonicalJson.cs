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
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        Append(text, node);
        return text.ToString();
    }

    /// <summary>An object from members whose values are already canonical JSON (no re-parsing, no copying).</summary>
    public static string Object(IEnumerable<(string Key, string CanonicalValue)> members)
    {
        var text = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!first) text.Append(',');
            first = false;
            AppendString(text, key);
            text.Append(':').Append(value);
        }
        return text.Append('}').ToString();
    }

    /// <summary>A string as a canonical JSON literal.</summary>
    public static string String(string s)
    {
        var text = new StringBuilder(s.Length + 2);
        AppendString(text, s);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    AppendString(text, key);
                    text.Append(':');
                    Append(text, value);
                }
                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Append(text, array[i]);
                }
                text.Append(']');
                break;
            case JsonValue value:
                AppendValue(text, value);
                break;
        }
    }

    private static void AppendValue(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                AppendString(text, value.GetValue<string>());
                break;
            case JsonValueKind.Number when long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                text.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            default:
                throw new InvalidDataException($"the audit log's canonical JSON holds strings, integers, booleans and null only, not {value.ToJsonString()}");
        }
    }

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

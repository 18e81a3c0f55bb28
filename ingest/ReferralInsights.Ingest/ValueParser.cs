using System.Globalization;

namespace ReferralInsights.Ingest;

/// <summary>Turns a contract value's text into its landed type (data-contract.md: empty = null,
/// ISO-8601 timestamps without offset are UTC, dates are midnight UTC, booleans true/false/1/0/yes/no).</summary>
public static class ValueParser
{
    // DECIMAL(18,6) holds 12 integer digits.
    private const decimal DecimalLimit = 1_000_000_000_000m;

    /// <summary>Parses <paramref name="text"/>; null text or "" is a null value. Returns an error message or null.</summary>
    public static string? TryParse(string? text, ColumnType type, out object? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return null;
        switch (type)
        {
            case ColumnType.Text:
                value = text;
                return null;
            case ColumnType.Integer:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                        CultureInfo.InvariantCulture, out var l))
                {
                    value = l;
                    return null;
                }
                return $"'{text}' is not an integer";
            case ColumnType.Decimal:
                const NumberStyles decimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint |
                                                  NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
                if (!decimal.TryParse(text, decimalStyle, CultureInfo.InvariantCulture, out var d))
                    return $"'{text}' is not a decimal number";
                if (Math.Abs(d) >= DecimalLimit) return $"'{text}' is out of range (at most 12 integer digits)";
                if (decimal.Round(d, 6) != d) return $"'{text}' has more than 6 decimal places";
                value = d;
                return null;
            case ColumnType.Boolean:
                switch (text.Trim().ToLowerInvariant())
                {
                    case "true" or "1" or "yes": value = true; return null;
                    case "false" or "0" or "no": value = false; return null;
                    default: return $"'{text}' is not a boolean (true/false/1/0/yes/no)";
                }
            case ColumnType.Timestamp:
                if (TryParseTimestamp(text.Trim(), out var ts))
                {
                    value = ts;
                    return null;
                }
                return $"'{text}' is not an ISO-8601 date or timestamp";
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    /// <summary>ISO-8601 only (a date, or a date and time with an optional offset); the result is a UTC DateTime.</summary>
    public static bool TryParseTimestamp(string text, out DateTime utc)
    {
        utc = default;
        if (text.Length == 10)
        {
            if (!DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc))
                return false;
            return true;
        }
        // an ISO instant always has the date part followed by 'T' or a space
        if (text.Length < 16 || (text[10] != 'T' && text[10] != ' ') || text[4] != '-' || text[7] != '-')
            return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
            return false;
        utc = DateTime.SpecifyKind(dto.UtcDateTime, DateTimeKind.Utc);
        return true;
    }
}

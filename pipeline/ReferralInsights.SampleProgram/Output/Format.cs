using System.Globalization;

namespace ReferralInsights.SampleProgram.Output;

/// <summary>How values are spelled in the files: invariant culture, UTC timestamps, two-place money.</summary>
internal static class Format
{
    /// <summary>ISO-8601 UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c> (written digit by digit: it is the hottest formatting path).</summary>
    public static string Timestamp(DateTime utc) => string.Create(20, utc, static (text, t) =>
    {
        Digits(text[..4], t.Year);
        text[4] = '-';
        Digits(text.Slice(5, 2), t.Month);
        text[7] = '-';
        Digits(text.Slice(8, 2), t.Day);
        text[10] = 'T';
        Digits(text.Slice(11, 2), t.Hour);
        text[13] = ':';
        Digits(text.Slice(14, 2), t.Minute);
        text[16] = ':';
        Digits(text.Slice(17, 2), t.Second);
        text[19] = 'Z';
    });

    public static string? Timestamp(DateTime? utc) => utc is { } value ? Timestamp(value) : null;

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Decimal(double value, int places) =>
        Math.Round(value, places, MidpointRounding.AwayFromZero).ToString("F" + places, CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Digits(Span<char> text, int value)
    {
        for (var i = text.Length - 1; i >= 0; i--, value /= 10) text[i] = (char)('0' + value % 10);
    }
}

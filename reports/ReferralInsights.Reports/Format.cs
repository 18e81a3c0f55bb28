using System.Globalization;

namespace ReferralInsights.Reports;

/// <summary>Numbers for people, the same on every machine whatever its culture: thousands separators,
/// currency, percentages, days. Null shows as an en dash.</summary>
public sealed class Format(string currency)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    public const string Missing = "–";

    private readonly string _prefix = currency.ToUpperInvariant() switch
    {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        var code => code + " ",
    };

    public string Money(decimal? value) => value is { } v ? (v < 0 ? "−" : "") + _prefix + Math.Abs(v).ToString("#,##0", Invariant) : Missing;
    public string MoneyCents(decimal? value) => value is { } v ? (v < 0 ? "−" : "") + _prefix + Math.Abs(v).ToString("#,##0.00", Invariant) : Missing;
    /// <summary>Money as written in terms: cents only when there are any ($50, $12.50).</summary>
    /// <summary>A change in money: "+$1,200", "−$300", "$0".</summary>
    public string SignedMoney(decimal delta) => (delta > 0 ? "+" : "") + Money(delta);
    public string MoneyTerm(decimal value) => value == decimal.Truncate(value) ? Money(value) : MoneyCents(value);
    /// <summary>A rate as a percentage with the decimals it has (0.05 → 5 %, 0.075 → 7.5 %).</summary>
    public static string Rate(decimal rate) => (rate * 100).ToString("0.####", Invariant) + " %";
    public static string Count(long value) => value.ToString("#,##0", Invariant);
    public static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", Invariant) + " %" : Missing;
    public static string Days(double? days) => days is { } d ? d.ToString("0.#", Invariant) + " d" : Missing;
    public static string Ratio(double? value) => value is { } v ? v.ToString("0.00", Invariant) + "×" : Missing;
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", Invariant);
}

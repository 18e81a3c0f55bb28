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

    private readonly string _currency = currency.ToUpperInvariant();

    public Number Money(decimal? value) =>
        new(value is { } v ? (v < 0 ? "−" : "") + _prefix + Math.Abs(v).ToString("#,##0", Invariant) : Missing, Raw(value), _currency);
    public Number MoneyCents(decimal? value) =>
        new(value is { } v ? (v < 0 ? "−" : "") + _prefix + Math.Abs(v).ToString("#,##0.00", Invariant) : Missing, Raw(value), _currency);
    /// <summary>A change in money: "+$1,200", "−$300", "$0".</summary>
    public string SignedMoney(decimal delta) => (delta > 0 ? "+" : "") + Money(delta);
    /// <summary>Money as written in terms: cents only when there are any ($50, $12.50).</summary>
    public string MoneyTerm(decimal value) => value == decimal.Truncate(value) ? Money(value) : MoneyCents(value);
    /// <summary>A rate as a percentage with the decimals it has (0.05 → 5 %, 0.075 → 7.5 %).</summary>
    public static Number Rate(decimal rate) => new((rate * 100).ToString("0.####", Invariant) + " %", rate.ToString(Invariant), "ratio");
    public static Number Count(long value) => new(value.ToString("#,##0", Invariant), value.ToString(Invariant), null);
    public static Number Percent(double? ratio) =>
        new(ratio is { } r ? (r * 100).ToString("0.0", Invariant) + " %" : Missing, Raw(ratio), "ratio");
    public static Number Days(double? days) => new(days is { } d ? d.ToString("0.#", Invariant) + " d" : Missing, Raw(days), "days");
    public static Number Ratio(double? value) => new(value is { } v ? v.ToString("0.00", Invariant) + "×" : Missing, Raw(value), "times");

    private static string Raw(decimal? value) => value?.ToString(Invariant) ?? "";
    private static string Raw(double? value) => value?.ToString("R", Invariant) ?? "";

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", Invariant);
}

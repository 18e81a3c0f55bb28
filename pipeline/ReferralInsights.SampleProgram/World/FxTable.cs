using System.Globalization;
using ReferralInsights.SampleProgram.Output;

namespace ReferralInsights.SampleProgram.World;

/// <summary>Exchange rates to USD: the effective-dated rows of crm/fx_rates and, where they do not reach, the static
/// table of pipeline.example.yaml (rules.md §1).</summary>
internal static class FxTable
{
    private static readonly (string Currency, DateTime ValidFrom, decimal Rate)[] Rows =
    [
        ("EUR", Utc(2024, 7, 1), 1.0850m), ("EUR", Utc(2025, 1, 1), 1.0420m), ("EUR", Utc(2025, 7, 1), 1.1650m),
        ("EUR", Utc(2026, 1, 1), 1.1720m), ("EUR", Utc(2026, 7, 1), 1.1580m),
        ("GBP", Utc(2024, 7, 1), 1.2790m), ("GBP", Utc(2025, 1, 1), 1.2530m), ("GBP", Utc(2025, 7, 1), 1.3550m),
        ("GBP", Utc(2026, 1, 1), 1.3420m), ("GBP", Utc(2026, 7, 1), 1.3380m),
    ];

    private static readonly Dictionary<string, decimal> Static = new() { ["USD"] = 1.0m, ["EUR"] = 1.08m, ["GBP"] = 1.27m };

    public static decimal RateAt(string currency, DateTime instant)
    {
        decimal? rate = null;
        foreach (var row in Rows)
            if (row.Currency == currency && row.ValidFrom <= instant) rate = row.Rate;
        return rate ?? Static[currency];
    }

    public static void WriteTo(ITable<FxRateRow> table)
    {
        foreach (var (currency, validFrom, rate) in Rows)
            table.Write(new FxRateRow(currency, rate.ToString("0.0000", CultureInfo.InvariantCulture), Format.Timestamp(validFrom)));
    }

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);
}

namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §1 money: effective-dated fx (D11, D12), program currency = 1, rounding half away from zero at
/// the last step (D10).</summary>
public class FxTests
{
    [Fact]
    public void AmountUsd_EffectiveDatedRateStaticFallbackMissingAndRounding()
    {
        using var w = new TestWarehouse();
        w.Config.Fx["EUR"] = 1.05m;   // static: loses to crm/fx_rates whenever a row is valid
        w.Config.Fx["GBP"] = 1.27m;
        w.Account("A", "Alpha", "a.com")
         .FxRate("EUR", 1.10m, "2025-01-01").FxRate("EUR", 1.20m, "2025-03-01").FxRate("EUR", 1.30m, "2025-04-01")
         .FxRate("GBP", 1.50m, "2025-05-01")
         .FxRate("USD", 0.90m, "2025-01-01")          // the program currency's rate is always 1 (D11)
         .FxRate("EUR", 9.99m, "2025-07-01");         // valid after as_of: does not exist (D2)
        // closed 2025-03-10: the latest EUR row with valid_from ≤ that date is 1.20 → 1000.125 × 1.2 = 1200.15
        w.Opportunity("O-EUR", "A", "2025-02-01", "won", "2025-03-10 15:00:00", 1000.125m, "EUR")
        // valid_from on the closing date itself counts (dates compared): 1.20
         .Opportunity("O-EUR-SAMEDAY", "A", "2025-02-01", "won", "2025-03-01 08:00:00", 10m, "EUR")
        // open: the fx date is as_of (D1) → 1.30 (the 9.99 row is after as_of)
         .Opportunity("O-EUR-OPEN", "A", "2025-02-01", "open", null, 100m, "EUR")
        // currency codes are case-insensitive (D11); closed 2025-03-10 → 1.20
         .Opportunity("O-EUR-LOWER", "A", "2025-02-01", "lost", "2025-03-10", 100m, "eur")
        // GBP has fx_rates rows but none valid by 2025-02-01 → the static table (D12): 10 × 1.27
         .Opportunity("O-GBP", "A", "2025-01-01", "won", "2025-02-01", 10m, "GBP")
        // no rate anywhere → NULL (missing_fx_rate)
         .Opportunity("O-CHF", "A", "2025-01-01", "won", "2025-02-01", 10m, "CHF")
        // program currency with a fx_rates row: still 1; 2.345 rounds half AWAY from zero to 2.35 (banker's: 2.34)
         .Opportunity("O-USD", "A", "2025-01-01", "won", "2025-02-01", 2.345m, "USD")
        // empty currency = USD (D11); negative half-cent rounds away from zero
         .Opportunity("O-NOCUR", "A", "2025-01-01", "won", "2025-02-01", -2.345m, null)
        // the half cent appears only in the product: 10.0125 × 1.2 = 12.015 → 12.02 (exact DECIMAL, not DOUBLE)
         .Opportunity("O-EUR-HALF", "A", "2025-02-01", "won", "2025-03-10", 10.0125m, "EUR")
        // no amount → no amount_usd, but not a missing rate
         .Opportunity("O-NOAMOUNT", "A", "2025-01-01", "open", null, null, "EUR");
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "O-CHF | CHF | NULL | NULL",
            "O-EUR | EUR | 1.200000 | 1200.15",
            "O-EUR-HALF | EUR | 1.200000 | 12.02",
            "O-EUR-LOWER | EUR | 1.200000 | 120.00",
            "O-EUR-OPEN | EUR | 1.300000 | 130.00",
            "O-EUR-SAMEDAY | EUR | 1.200000 | 12.00",
            "O-GBP | GBP | 1.270000 | 12.70",
            "O-NOAMOUNT | EUR | 1.300000 | NULL",
            "O-NOCUR | USD | 1.000000 | -2.35",
            "O-USD | USD | 1.000000 | 2.35",
        ], w.Lines("SELECT opportunity_id, currency, CAST(fx_rate AS VARCHAR), CAST(amount_usd AS VARCHAR) FROM fct_opportunities ORDER BY 1"));
        Assert.Equal(["O-CHF"], w.Lines("SELECT opportunity_id FROM int_opportunities WHERE is_missing_fx_rate"));
    }
}

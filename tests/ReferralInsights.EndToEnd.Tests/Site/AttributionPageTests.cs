using ReferralInsights.Config;
using ReferralInsights.Reports;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>attribution.html: the seven models side by side, each partner's won revenue under each model (its CSV: raw
/// amounts, the currency in the header) as
/// fct_attribution × fct_opportunities give it for the fiscal year (calendar 2026 in the sample), the partners whose
/// credit moves most first.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class AttributionPageTests(SampleProgramRun run)
{
    [Fact]
    public void EachPartnersCreditUnderEachModel_IsTheAttributionMartsOverWonDealsOfTheYear()
    {
        using var db = new Db();
        var credited = db.Rows($"""
            SELECT a.partner_id, a.model, sum(a.credit * o.amount_usd)
            FROM '{run.Mart("fct_attribution")}' AS a JOIN '{run.Mart("fct_opportunities")}' AS o USING (opportunity_id)
            WHERE o.status = 'won' AND a.credit > 0 AND o.closed_at >= TIMESTAMP '2026-01-01' AND o.closed_at < TIMESTAMP '2027-01-01'
            GROUP BY ALL
            """).ToDictionary(r => ((string)r[0]!, (string)r[1]!), r => Math.Round((decimal)r[2]!, 2, MidpointRounding.AwayFromZero));
        var (header, rows) = PageCsv.Read(Path.Combine(run.OutDir, "site", "attribution", "partner-credit.csv"));
        decimal Number(object? cell) => decimal.Parse((string)cell!, System.Globalization.CultureInfo.InvariantCulture);
        var models = AttributionOptions.ModelNames;

        Assert.True(rows.Count > 20, $"only {rows.Count} partners credited");
        Assert.Equal(["partner", "id", "first touch (USD)", "last touch (USD)", "linear (USD)", "time decay (USD)", "position based (USD)",
            "primary share (pays) (USD)", "shapley (USD)", "spread (USD)"], header);
        Assert.Equal(credited.Keys.Select(k => k.Item1).Distinct().Order(StringComparer.Ordinal), rows.Select(r => (string)r[1]!).Order(StringComparer.Ordinal));
        var spreads = new List<decimal>();
        foreach (var row in rows)
        {
            var id = (string)row[1]!;
            var byModel = models.Select(m => credited.GetValueOrDefault((id, m))).ToList();
            Assert.Equal(byModel, row.Skip(2).Take(models.Count).Select(Number));
            spreads.Add(byModel.Max() - byModel.Min());
            Assert.Equal(spreads[^1], Number(row[^1]));
        }
        Assert.Equal(spreads.OrderByDescending(s => s), spreads);
    }
}

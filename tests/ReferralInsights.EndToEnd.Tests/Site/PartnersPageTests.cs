namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>The program owner's partners page beside the headline table: every partner's link campaigns of the fiscal
/// year, and every referral with its lead score and the model's reasons for it.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class PartnersPageTests(SampleProgramRun run)
{
    private string Csv(string name) => Path.Combine(run.OutDir, "site", "partners", name);

    [Fact]
    public void Campaigns_ListEveryPartnersCampaignsOfTheYear_MostConversionsFirst()
    {
        using var db = new Db();
        var expected = db.Rows($"""
            SELECT partner_id, campaign, CAST(CAST(clicks AS BIGINT) AS VARCHAR), CAST(visitors AS VARCHAR), CAST(converted_visitors AS VARCHAR)
            FROM '{run.Mart("fct_partner_campaigns")}' WHERE period = '2026'
            ORDER BY converted_visitors DESC, clicks DESC, partner_id, campaign
            """).Select(r => string.Join(" | ", r)).ToList();
        Assert.True(expected.Count > 50, "the sample has more campaigns than the page shows");
        Assert.Equal(expected, PageCsv.Records(Csv("partner-campaigns.csv"))
            .Select(r => $"{r["id"]} | {r["campaign"]} | {r["clicks"]} | {r["visitors"]} | {r["converted"]}"));
    }

    [Fact]
    public void Referrals_CarryEachLeadScoreAndItsTopFactors_AsTheModelPublishedThem()
    {
        using var db = new Db();
        var expected = db.Rows($"""
            SELECT r.referral_id, coalesce(printf('%.2f', s.score), '–'), coalesce(s.top_factors, '')
            FROM '{run.Mart("fct_referrals")}' AS r LEFT JOIN '{run.Mart("lead_scores")}' AS s USING (referral_id)
            ORDER BY r.submitted_at DESC, r.referral_id
            """).Select(r => string.Join(" | ", r)).ToList();
        var shown = PageCsv.Records(Csv("referral-scores.csv")).Select(r => $"{r["referral"]} | {r["lead score"]} | {r["why this score"] ?? ""}").ToList();
        Assert.Equal(expected, shown);
        Assert.Contains(shown, line => !line.EndsWith(" | ", StringComparison.Ordinal));
    }
}

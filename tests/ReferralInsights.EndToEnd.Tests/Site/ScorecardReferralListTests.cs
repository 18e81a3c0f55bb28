using System.Security.Cryptography;
using System.Text;
using ReferralInsights.Reports;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>The scorecard lists the partner's own referrals, newest first, each with its contact by pseudonym only, its
/// status, its deal, and what its rewards earned or why they are held, in plain words.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class ScorecardReferralListTests(SampleProgramRun run)
{
    private List<Dictionary<string, string?>> Listed(string partnerId) =>
        PageCsv.Records(Path.Combine(run.OutDir, "site", ScorecardPages.ExportFolderOf(partnerId), "referrals.csv"));

    // A reward held for two reasons and another for one of them: the referral lists each reason once.
    [Fact]
    public void EveryWhyHeld_NamesEachReasonOnce()
    {
        var cells = Directory.GetFiles(Path.Combine(run.OutDir, "site", "partners"), "referrals.csv", SearchOption.AllDirectories)
            .SelectMany(PageCsv.Records).Select(r => r["why held"]).OfType<string>().Where(c => c.Length > 0).ToList();

        Assert.NotEmpty(cells);
        Assert.All(cells, c => Assert.Equal(c.Split("; ").Distinct().Count(), c.Split("; ").Length));
    }

    private static string Pseudonym(string basis) => "contact " + Convert.ToHexStringLower(
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(SampleProgramRun.PseudonymKey), Encoding.UTF8.GetBytes(basis.Trim().ToLowerInvariant())))[..10];

    [Fact]
    public void ThePartnerWithMostReferrals_SeesEachOfThem_NewestFirst_WithItsContactPseudonymised()
    {
        using var db = new Db();
        var partner = (string)db.Rows($"SELECT partner_id FROM '{run.Mart("fct_referrals")}' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").Single()[0]!;
        var expected = db.Rows($"""
            SELECT f.referral_id, coalesce(nullif(trim(r.contact_email), ''), r.contact_name), f.is_duplicate, f.duplicate_of, f.status
            FROM '{run.Mart("fct_referrals")}' AS f JOIN {run.Raw("portal/referrals")} AS r USING (referral_id)
            WHERE f.partner_id = '{partner}' ORDER BY f.submitted_at DESC, f.referral_id
            """);

        var listed = Listed(partner);

        Assert.Equal(expected.Select(e => (string)e[0]!), listed.Select(l => l["referral"]!));
        Assert.Equal(expected.Select(e => e[1] is string basis ? Pseudonym(basis) : "–"), listed.Select(l => l["contact"]!));
        Assert.Equal(expected.Select(e => e[2] is true ? $"duplicate of {e[3]}" : (string?)e[4] ?? "submitted"), listed.Select(l => l["status"]!));
    }

    // A referral whose one reward is held for its industry says so in words, with the amount held.
    [Fact]
    public void AReferralWithItsRewardHeld_SaysWhyInPlainWords()
    {
        using var db = new Db();
        var held = db.Rows($"""
            SELECT partner_id, referral_id, amount FROM '{run.Mart("fct_rewards")}'
            WHERE referral_id IN (SELECT referral_id FROM '{run.Mart("fct_rewards")}' GROUP BY 1 HAVING count(*) = 1)
              AND status = 'withheld' AND reason = 'restricted_industry'
            ORDER BY referral_id LIMIT 1
            """).Single();

        var row = Listed((string)held[0]!).Single(l => l["referral"] == (string)held[1]!);

        Assert.Equal("restricted industry: held for compliance review", row["why held"]);
        Assert.Equal((decimal)held[2]!, decimal.Parse(row["withheld (USD)"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0m, decimal.Parse(row["rewards earned (USD)"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    // The statement: per quarter, rewards earned (payable or capped) and withheld by the quarter they were earned in,
    // payments by the quarter they were paid in (the sample pays in USD), newest quarter first, raw in the CSV.
    [Fact]
    public void TheStatement_PutsRewardsInTheQuarterEarnedAndPaymentsInTheQuarterPaid()
    {
        using var db = new Db();
        var partner = (string)db.Rows($"SELECT partner_id FROM '{run.Mart("fct_rewards")}' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").Single()[0]!;
        string Quarter(string column) => $"year({column}) || '-Q' || quarter({column})";
        var expected = db.Rows($"""
            WITH r AS (
                SELECT {Quarter("earned_at")} AS q, sum(amount) FILTER (WHERE status IN ('payable', 'capped')) AS earned,
                       sum(amount) FILTER (WHERE status = 'withheld') AS withheld
                FROM '{run.Mart("fct_rewards")}' WHERE partner_id = '{partner}' GROUP BY 1),
            p AS (SELECT {Quarter("paid_at")} AS q, sum(amount) AS paid FROM {run.Raw("portal/payouts")}
                  WHERE partner_id = '{partner}' AND paid_at < TIMESTAMP '2026-11-01' GROUP BY 1)
            SELECT q, coalesce(earned, 0), coalesce(withheld, 0), coalesce(paid, 0) FROM r FULL JOIN p USING (q) ORDER BY q DESC
            """).Select(r => FormattableString.Invariant(
                $"{r[0]}{((string)r[0]! == "2026-Q4" ? " (to date)" : "")},{(decimal)r[1]!:0.00},{(decimal)r[2]!:0.00},{(decimal)r[3]!:0.00}")).ToList();
        var csv = File.ReadAllLines(Path.Combine(run.OutDir, "site", ScorecardPages.ExportFolderOf(partner), "statement.csv"));

        Assert.Equal("quarter,earned (USD),withheld (USD),paid (USD)", csv[0]);
        Assert.Equal(expected, csv.Skip(1).Select(l => string.Join(',', l.Split(',').Select((v, i) => i == 0 ? v : decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))));
    }

    // Campaigns: the partner with most clicks and no click burst, recomputed from the landed clicks, links and
    // conversions — clicks, distinct visitors, and visitors converting on or after their first click of the campaign.
    [Fact]
    public void TheCampaigns_CountClicksVisitorsAndConversionsPerCampaign()
    {
        using var db = new Db();
        const string end = "TIMESTAMP '2026-11-01'";
        var partner = (string)db.Rows($"""
            SELECT l.partner_id FROM {run.Raw("clicks/clicks")} AS c JOIN {run.Raw("portal/links")} AS l USING (referral_code)
            WHERE c.clicked_at >= TIMESTAMP '2026-01-01' AND c.clicked_at < {end}
              AND l.partner_id NOT IN (SELECT partner_id FROM '{run.Mart("fct_compliance_flags")}' WHERE rule = 'click_burst')
            GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
            """).Single()[0]!;
        var expected = db.Rows($"""
            WITH c AS (
                SELECT coalesce(nullif(trim(c.utm_campaign), ''), nullif(trim(l.campaign), ''), '(none)') AS campaign, c.visitor_id, c.clicked_at
                FROM {run.Raw("clicks/clicks")} AS c JOIN {run.Raw("portal/links")} AS l USING (referral_code)
                WHERE l.partner_id = '{partner}' AND c.clicked_at >= TIMESTAMP '2026-01-01' AND c.clicked_at < {end}),
            v AS (SELECT campaign, visitor_id, count(*) AS clicks, min(clicked_at) AS first_click FROM c GROUP BY ALL)
            SELECT campaign, sum(clicks), count(*),
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM {run.Raw("clicks/conversions")} AS k
                                                  WHERE k.visitor_id = v.visitor_id AND k.converted_at >= v.first_click AND k.converted_at < {end}))
            FROM v GROUP BY 1 ORDER BY 2 DESC, 1
            """).Select(r => $"{r[0]},{r[1]},{r[2]},{r[3]}").ToList();
        var csv = File.ReadAllLines(Path.Combine(run.OutDir, "site", ScorecardPages.ExportFolderOf(partner), "campaigns.csv"));

        Assert.Equal("campaign,clicks,visitors,converted,conversion rate (ratio)", csv[0]);
        Assert.Equal(expected, csv.Skip(1).Select(l => string.Join(',', l.Split(',')[..4])));
        Assert.True(expected.Count > 1, $"{partner} has {expected.Count} campaign(s)");
    }
}

using System.Security.Cryptography;
using System.Text;
using ReferralInsights.Reports;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>The scorecard lists the partner's own referrals, newest first, each with its contact by pseudonym only, its
/// status, its deal, and what its rewards earned or why they are held, in plain words.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class ScorecardReferralListTests(SampleProgramRun run)
{
    private List<Dictionary<string, string?>> Listed(string partnerId)
    {
        using var db = new Db();
        var csv = Path.Combine(run.OutDir, "site", ScorecardPages.ExportFolderOf(partnerId), "referrals.csv").Replace("'", "''");
        var rows = db.Rows($"SELECT * FROM read_csv('{csv}', header = true, all_varchar = true, quote = '\"')");
        var names = db.Rows($"SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv('{csv}', header = true, all_varchar = true, quote = '\"'))")
            .Select(r => (string)r[0]!).ToList();
        return rows.Select(r => names.Select((n, i) => (n, Value: (string?)r[i])).ToDictionary(c => c.n, c => c.Value)).ToList();
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
}

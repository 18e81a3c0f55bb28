using System.Globalization;

namespace ReferralInsights.SampleProgram.Tests;

/// <summary>The defects the pipeline's quarantine, data-quality, compliance and reconciliation stages must find are there,
/// at realistic rates.</summary>
[Collection(SmallSampleCollection.Name)]
public sealed class DeliberateDefectsTests(SmallSample sample)
{
    // data-contract.md: a row with an empty required value or a value that does not parse goes to quarantine. A few
    // CSV entities carry 0.1–0.5 % such rows.
    [Theory]
    [InlineData("crm/accounts.csv", "account_id,name,created_at", "employee_count", "created_at")]
    [InlineData("crm/contacts.csv", "contact_id,email,created_at", null, "created_at")]
    [InlineData("crm/activities.csv", "activity_id,type,occurred_at", null, "occurred_at")]
    [InlineData("portal/referrals.csv", "referral_id,partner_id,submitted_at,company_name", "employee_count", "submitted_at")]
    public void ContractBreaks_AreAFewTenthsOfAPercent(string file, string required, string? integer, string timestamp)
    {
        var csv = sample.Csv(file);
        var header = csv.Header.ToList();
        var broken = csv.Records.Count(r =>
            required.Split(',').Any(c => r[header.IndexOf(c)].Length == 0)
            || (integer is not null && r[header.IndexOf(integer)] is { Length: > 0 } n && !long.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            || !DateTime.TryParseExact(r[header.IndexOf(timestamp)], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.InRange(broken / (double)csv.Records.Count, 0.001, 0.005);
    }

    // rules.md §3 and §11: duplicates (same partner, same company, within 90 days), a couple of unknown partner ids,
    // and self-referrals (the company domain is the partner's own).
    [Fact]
    public void Referrals_IncludeDuplicatesUnknownPartnersAndSelfReferrals()
    {
        var partners = sample.Csv("portal/partners.csv");
        var domainOf = partners.Column("partner_id").Zip(partners.Column("domain")).ToDictionary(x => x.First, x => x.Second);
        var referrals = sample.Csv("portal/referrals.csv");
        var rows = referrals.Column("partner_id").Zip(referrals.Column("company_domain"), referrals.Column("company_name")).ToList();

        Assert.InRange(rows.Count(r => !domainOf.ContainsKey(r.First)), 2, 5);
        Assert.InRange(rows.Count(r => domainOf.TryGetValue(r.First, out var d) && d.Length > 0 && r.Second == d), 3, 60);
        var repeats = rows.Where(r => r.Second.Length > 0).GroupBy(r => (r.First, Domain: r.Second.ToLowerInvariant().Replace("https://", "")
            .Replace("http://", "").Replace("www.", "").Split('/')[0])).Sum(g => g.Count() - 1);
        Assert.InRange(repeats / (double)rows.Count, 0.01, 0.08);
    }

    // rules.md §9 and §11: one or two bursts (more than 50 clicks from one ip_hash on one partner's links within a UTC hour)
    // and a few clicks on referral codes no link has.
    [Fact]
    public void Clicks_IncludeBurstsAndUnknownReferralCodes()
    {
        var links = sample.Csv("portal/links.csv");
        var partnerOf = links.Column("referral_code").Zip(links.Column("partner_id")).ToDictionary(x => x.First, x => x.Second);
        var clicks = SmallSample.Ndjson(Path.Combine(sample.Dir, "clicks/clicks.ndjson.gz"))
            .Select(c => (Code: c.GetProperty("referral_code").GetString()!, Ip: c.GetProperty("ip_hash").GetString(),
                Hour: c.GetProperty("clicked_at").GetString()![..13])).ToList();
        var bursts = clicks.Where(c => partnerOf.ContainsKey(c.Code)).GroupBy(c => (Partner: partnerOf[c.Code], c.Ip, c.Hour)).Count(g => g.Count() > 50);
        Assert.InRange(bursts, 1, 2);
        var unknown = clicks.Where(c => !partnerOf.ContainsKey(c.Code)).ToList();
        Assert.InRange(unknown.Select(c => c.Code).Distinct().Count(), 1, 10);
        Assert.InRange(unknown.Count, 10, 1_000);
    }

    // rules.md §10: the ledger pays most rewards under their reward ids, with a few deliberate errors — a duplicate
    // payment and a payout whose reward id is unknown or empty among them.
    [Fact]
    public void Payouts_UseTheRewardIdsWithAFewDeliberateErrors()
    {
        var rewardIds = sample.Csv("portal/payouts.csv").Column("reward_id").ToList();
        var standard = rewardIds.Count(id => id.Length > 0 && id.Split(':')[0] is "upfront" or "milestone" or "commission" or "clawback");
        Assert.True(standard > 0.98 * rewardIds.Count);
        Assert.InRange(rewardIds.Where(id => id.Length > 0).GroupBy(id => id).Count(g => g.Count() > 1), 1, 0.02 * rewardIds.Count);
        Assert.InRange(rewardIds.Count - standard, 1, 0.02 * rewardIds.Count);
        Assert.Contains(rewardIds, id => id.StartsWith("commission:OPP-", StringComparison.Ordinal) && id.Split(':').Length == 3);
    }
}

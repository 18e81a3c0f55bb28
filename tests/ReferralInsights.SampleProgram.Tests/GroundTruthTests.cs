namespace ReferralInsights.SampleProgram.Tests;

[Collection(SmallSampleCollection.Name)]
public sealed class GroundTruthTests(SmallSample sample)
{
    // The end-to-end attribution test joins the ground truth to every opportunity: each needs exactly one row.
    [Fact]
    public void GroundTruth_HasOneRowPerOpportunityAndPerReferral()
    {
        var truth = sample.Csv("ground_truth.csv");
        var byKind = truth.Records.GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Select(r => r[1]).ToList());
        Assert.Equal(["opportunity", "referral"], byKind.Keys.Order(StringComparer.Ordinal));
        AssertSameIds(sample.Csv("crm/opportunities.csv").Column("opportunity_id"), byKind["opportunity"]);
        AssertSameIds(sample.Csv("portal/referrals.csv").Column("referral_id"), byKind["referral"]);
    }

    // partner_ids name real partners; about 8 % of partner-sourced deals are co-referrals (two or more partners), and a good
    // share of the pipeline is the program's other, non-partner business (empty partner_ids).
    [Fact]
    public void GroundTruth_SourcingPartners_AreKnownPartnersWithSomeCoReferrals()
    {
        var partners = sample.Csv("portal/partners.csv").Column("partner_id").ToHashSet();
        var truth = sample.Csv("ground_truth.csv").Records.Where(r => r[0] == "opportunity").Select(r => r[2]).ToList();
        var sourced = truth.Where(p => p.Length > 0).Select(p => p.Split(';')).ToList();
        Assert.All(sourced.SelectMany(p => p), p => Assert.Contains(p, partners));
        Assert.All(sourced, p => Assert.Equal(p.Length, p.Distinct().Count()));
        Assert.InRange(sourced.Count(p => p.Length > 1) / (double)sourced.Count, 0.05, 0.12);
        Assert.InRange(sourced.Count / (double)truth.Count, 0.25, 0.7);
    }

    // The end-to-end test expects the pipeline to name the true sole partner as primary for ≥ 99 % of deals: that is only
    // fair if the files hold no accidental competing evidence. An independent reading of the rules must find exactly the
    // ground truth's partners, in the same order, for every opportunity.
    [Fact]
    public void GroundTruth_SourcingPartners_MatchAnIndependentReadingOfTheRules()
    {
        var replayed = RulesReplay.SourcingPartners(sample.Dir);
        var truth = sample.Csv("ground_truth.csv").Records.Where(r => r[0] == "opportunity")
            .ToDictionary(r => r[1], r => r[2].Split(';', StringSplitOptions.RemoveEmptyEntries).ToList());
        var mismatches = replayed.Where(o => !o.Value.SequenceEqual(truth[o.Key]))
            .Select(o => $"{o.Key}: truth [{string.Join(';', truth[o.Key])}], rules [{string.Join(';', o.Value)}]").ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(20)));
        Assert.True(replayed.Count(o => o.Value.Count == 1) > 1_000);
    }

    // The referral's quality is a probability with four decimals.
    [Fact]
    public void GroundTruth_ReferralQuality_IsAProbabilityWithFourDecimals()
    {
        var qualities = sample.Csv("ground_truth.csv").Records.Where(r => r[0] == "referral").Select(r => r[3]).ToList();
        Assert.All(qualities, q => Assert.Matches(@"^[01]\.\d{4}$", q));
        Assert.All(qualities, q => Assert.InRange(double.Parse(q, System.Globalization.CultureInfo.InvariantCulture), 0, 1));
    }

    private static void AssertSameIds(IEnumerable<string> fileIds, List<string> truthIds)
    {
        var ids = fileIds.ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(truthIds.Count, truthIds.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), truthIds.Order(StringComparer.Ordinal));
    }
}

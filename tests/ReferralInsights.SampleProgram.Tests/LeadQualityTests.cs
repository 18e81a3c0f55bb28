using System.Globalization;

namespace ReferralInsights.SampleProgram.Tests;

[Collection(SmallSampleCollection.Name)]
public sealed class LeadQualityTests(SmallSample sample)
{
    // The lead-score model must have something to learn: the latent quality moves with what the partner filled in.
    [Theory]
    [InlineData("budget_confirmed", "true", "false")]
    [InlineData("timeline", "0-3m", "12m+")]
    [InlineData("industry", "Software", "Hospitality")]
    public void Quality_DependsOnTheReferralsFeatures(string column, string better, string worse)
    {
        var byValue = QualityBy(column);
        Assert.True(byValue[better].Average() > byValue[worse].Average() + 0.08,
            $"{column}: mean quality {better} {byValue[better].Average():0.000}, {worse} {byValue[worse].Average():0.000}");
    }

    [Fact]
    public void Quality_VariesAcrossReferrals()
    {
        var all = sample.Csv("ground_truth.csv").Records.Where(r => r[0] == "referral")
            .Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(all.Average(), 0.2, 0.5);
        Assert.True(all.Min() < 0.1 && all.Max() > 0.8, $"quality spans {all.Min():0.000}..{all.Max():0.000}");
    }

    private Dictionary<string, List<double>> QualityBy(string column)
    {
        var quality = sample.Csv("ground_truth.csv").Records.Where(r => r[0] == "referral")
            .ToDictionary(r => r[1], r => double.Parse(r[3], CultureInfo.InvariantCulture));
        var referrals = sample.Csv("portal/referrals.csv");
        return referrals.Column("referral_id").Zip(referrals.Column(column))
            .GroupBy(x => Normalize(column, x.Second), x => quality[x.First])
            .ToDictionary(g => g.Key, g => g.ToList());
    }

    // data-contract.md booleans: true/false/1/0/yes/no in any case.
    private static string Normalize(string column, string value) => column != "budget_confirmed" ? value : value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => "true",
        "false" or "0" or "no" => "false",
        _ => value,
    };
}

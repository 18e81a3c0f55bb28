namespace ReferralInsights.Config.Tests;

/// <summary>The review decisions file (compliance.review_decisions) is read with pipeline.yaml, by the same loader: a
/// missing file means no decisions yet, and every problem names the file, line, column and key.</summary>
public class ReviewDecisionsFileTests
{
    private const string Config = "program:\n  name: P\n";

    private const string TwoDecisions = """
        reviews:
          - flag_id: restricted_industry:R1
            decision: cleared
            by: ana@program.example
            at: 2026-10-15
            why: legal approved it
          - flag_id: late_claim:R7:O2
            decision: upheld
            by: ana@program.example
            at: 2026-10-16T09:30:00Z
            why: claimed after the grace period
        """;

    [Fact]
    public void Load_ReadsTheDecisionsBesideTheConfig_WithTheirTimesInUtc()
    {
        using var folder = new TempFolder();
        folder.Write("decisions/reviews.yaml", TwoDecisions);

        var config = ConfigLoader.Load(folder.Write("pipeline.yaml", Config)).Config;

        Assert.Equal(["restricted_industry:R1 cleared 2026-10-15T00:00:00Z", "late_claim:R7:O2 upheld 2026-10-16T09:30:00Z"],
            config.ReviewDecisions.Select(r => $"{r.FlagId} {r.Decision} {r.DecidedAt:yyyy-MM-ddTHH:mm:ssZ}"));
        Assert.All(config.ReviewDecisions, r => Assert.Equal(DateTimeKind.Utc, r.DecidedAt.Kind));
    }

    [Fact]
    public void Load_WithoutADecisionsFile_HasNoDecisions()
    {
        using var folder = new TempFolder();
        Assert.Empty(ConfigLoader.Load(folder.Write("pipeline.yaml", Config)).Config.ReviewDecisions);
    }

    [Fact]
    public void Load_TheFileNamedByTheConfig()
    {
        using var folder = new TempFolder();
        folder.Write("owners/decided.yaml", TwoDecisions);
        var config = ConfigLoader.Load(folder.Write("pipeline.yaml", Config + "compliance:\n  review_decisions: owners/decided.yaml\n")).Config;
        Assert.Equal(2, config.ReviewDecisions.Count);
    }

    [Theory]
    [InlineData("decision: cleared", "decision: approved", "3:5: reviews[0].decision: 'approved' is not a decision; expected cleared or upheld")]
    [InlineData("at: 2026-10-15", "at: 15/10/2026", "5:5: reviews[0].at: '15/10/2026' is not a date (2026-11-02) or a UTC time (2026-11-02T14:30:00Z)")]
    [InlineData("why: legal approved it", "why: \"  \"", "6:5: reviews[0].why: required (the reason, as it will stand in the audit trail)")]
    [InlineData("    by: ana@program.example\n    at: 2026-10-15", "    at: 2026-10-15", "2:5: reviews[0].by: required (who decided)")]
    [InlineData("    why: legal approved it", "    why: legal approved it\n    who: ana", "7:5: reviews[0].who: unknown key; expected one of: flag_id, decision, by, at, why")]
    public void Load_ABadDecision_NamesTheFileLineAndKey(string from, string to, string expected)
    {
        using var folder = new TempFolder();
        var decisions = folder.Write("decisions/reviews.yaml", TwoDecisions.Replace(from, to));

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(folder.Write("pipeline.yaml", Config)));

        Assert.Equal($"{decisions}:{expected}", error.Message);
    }

    // the latest decision on a flag wins, so two at one instant would leave the outcome to file order
    [Fact]
    public void Load_TwoDecisionsOnOneFlagAtOneTime_AreRefused()
    {
        using var folder = new TempFolder();
        var decisions = folder.Write("decisions/reviews.yaml", TwoDecisions
            .Replace("flag_id: late_claim:R7:O2", "flag_id: restricted_industry:R1").Replace("at: 2026-10-16T09:30:00Z", "at: 2026-10-15T00:00:00Z"));

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(folder.Write("pipeline.yaml", Config)));

        Assert.Equal($"{decisions}:7:5: reviews[1]: flag restricted_industry:R1 already has a decision at that time (reviews[0]); give the later one its time",
            error.Message);
    }
}

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Properties that must hold on any program, checked on generated programs with other seeds (and Shapley as
/// the reward model on one of them).</summary>
public sealed class GeneratedProgramPropertyTests(GeneratedProgramsFixture programs) : IClassFixture<GeneratedProgramsFixture>
{
    public static TheoryData<int> Programs => new(Enumerable.Range(0, GeneratedProgramsFixture.Variants.Length));

    private string Mart(int program, string name) => Path.Combine(programs.MartDirs[program], name + ".parquet");

    // §5: in every model, credits lie in [0, 1] and sum to 1 over the sourcing partners of each sourced opportunity
    // (within the 18th-decimal rounding of each credit); every sourced opportunity is credited in all seven models.
    [Theory]
    [MemberData(nameof(Programs))]
    public void Credits_InZeroOne_SumToOnePerSourcedOpportunityAndModel(int program)
    {
        using var db = new Db();
        var attribution = Mart(program, "fct_attribution");
        Assert.Empty(db.Rows($"SELECT * FROM '{attribution}' WHERE credit < 0 OR credit > 1"));
        Assert.Empty(db.Rows($"""
            SELECT opportunity_id, model FROM '{attribution}' WHERE role <> 'assist'
            GROUP BY ALL HAVING abs(sum(credit) - 1) > 1e-15
            """));
        var sourced = db.Scalar<long>($"SELECT count(*) FROM '{Mart(program, "fct_opportunities")}' WHERE attribution_class IN ('direct', 'co_referral')");
        Assert.True(sourced > 100, $"only {sourced} sourced opportunities");
        Assert.Equal(sourced, db.Scalar<long>($"SELECT count(DISTINCT opportunity_id) FROM '{attribution}' WHERE is_reward_model AND role <> 'assist'"));
        // the reporting models credit the touch SP; only a dispute-only partner (D29) is credited by the reward model alone
        Assert.Empty(db.Rows($"""
            SELECT opportunity_id FROM '{attribution}' WHERE role <> 'assist'
            GROUP BY ALL HAVING bool_or(NOT is_reward_model) AND count(DISTINCT model) <> 7
            """));
    }

    // §6 with fiscal_year_start_month 1: a year's counts are the sums of its quarters' exactly; its revenue measures
    // too, up to the rounding of each period to cents (D10 rounds every period's sum once: at most half a cent per
    // quarter). Partner and program level.
    [Theory]
    [MemberData(nameof(Programs))]
    public void YearMetrics_EqualTheSumOfTheirQuarters(int program)
    {
        using var db = new Db();
        foreach (var (mart, keys) in new[] { ("fct_partner_metrics", "partner_id, "), ("fct_program_metrics", "") })
        {
            var file = Mart(program, mart);
            var offending = db.Rows($"""
                WITH y AS (SELECT * FROM '{file}' WHERE period_type = 'year'),
                q AS (SELECT {keys} left(period, 4) AS period, count(*) AS quarters,
                             sum(referrals) AS referrals, sum(duplicates) AS duplicates, sum(accepted) AS accepted,
                             sum(qualified) AS qualified, sum(won) AS won, sum(lost) AS lost, sum(sourced_revenue) AS sourced_revenue
                      FROM '{file}' WHERE period_type = 'quarter' GROUP BY ALL)
                SELECT {keys} period FROM y JOIN q USING ({keys} period)
                WHERE (y.referrals, y.duplicates, y.accepted, y.qualified, y.won, y.lost)
                      IS DISTINCT FROM (q.referrals, q.duplicates, q.accepted, q.qualified, q.won, q.lost)
                   OR abs(y.sourced_revenue - q.sourced_revenue) > 0.005 * q.quarters
                """);
            Assert.Empty(offending);
            Assert.True(db.Scalar<long>($"SELECT count(*) FROM '{file}' WHERE period_type = 'year' AND sourced_revenue > 0") > 0, $"{mart}: no revenue");
        }
    }
}

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Every column data-contract.md lists for the core marts is filled on the generated sample program: a column
/// that must always hold a value has no NULL, one that may be empty (an unmatched referral's account, an open deal's
/// closed_at, a rate with a zero denominator) is filled somewhere.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class MartCompletenessTests(SampleProgramRun run)
{
    public static TheoryData<string, string, string> Columns => new()
    {
        // lead_score is left out: the lead-quality model that fills it is a later issue (fct_referrals.lead_score is NULL)
        { "fct_referrals", "referral_id,partner_id,submitted_at,is_duplicate,sourced_opportunity_ids",
          "account_id,duplicate_of,status,qualified_at,won_at" },
        { "fct_opportunities", "opportunity_id,account_id,created_at,status,attribution_class,disputed,sourcing_window_start,sourcing_window_end,assist_window_end",
          "closed_at,amount_usd,qualified_at" },
        { "fct_touches", "touch_id,partner_id,kind,touch_at,evidence_id", "account_id,opportunity_id,role" },
        { "fct_attribution", "opportunity_id,partner_id,model,credit,role,decision", "" },
        { "fct_partner_metrics", "partner_id,period_type,period,referrals,duplicates,accepted,qualified,won,lost,sourced_revenue,open_pipeline,rewards_earned",
          "qualified_rate,conversion_rate,win_rate,avg_deal_size,median_days_to_close,p75_days_to_close" },
        { "fct_program_metrics", "period_type,period,referrals,duplicates,accepted,qualified,won,lost,sourced_revenue,open_pipeline,rewards_earned,program_cost",
          "qualified_rate,conversion_rate,win_rate,avg_deal_size,median_days_to_close,p75_days_to_close,roi,partner_share_of_new_revenue" },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void ContractColumns_AreFilled(string mart, string always, string sometimes)
    {
        using var db = new Db();
        var file = run.Mart(mart);
        foreach (var column in always.Split(',', StringSplitOptions.RemoveEmptyEntries))
            Assert.True(db.Scalar<long>($"SELECT count(*) FROM '{file}' WHERE \"{column}\" IS NULL") == 0, $"{mart}.{column} has NULLs");
        foreach (var column in sometimes.Split(',', StringSplitOptions.RemoveEmptyEntries))
            Assert.True(db.Scalar<long>($"SELECT count(\"{column}\") FROM '{file}'") > 0, $"{mart}.{column} is never filled");
    }

    // Every model of §5 is in fct_attribution, the data-quality audit found the sample's deliberate defects, and the
    // leadership marts have both segments.
    [Fact]
    public void NewMarts_AreFilled()
    {
        using var db = new Db();
        Assert.Equal(7, db.Scalar<long>($"SELECT count(DISTINCT model) FROM '{run.Mart("fct_attribution")}'"));
        var checks = db.Rows($"SELECT DISTINCT \"check\" FROM '{run.Mart("fct_data_quality")}'").Select(r => (string)r[0]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "duplicate_referral", "unknown_partner", "unknown_referral_code", "future_timestamp", "missing_fx_rate" }, checks);
        Assert.Equal(2, db.Scalar<long>($"SELECT count(DISTINCT segment) FROM '{run.Mart("fct_leadership_comparisons")}' WHERE avg_deal_size_lo IS NOT NULL"));
        Assert.True(db.Scalar<long>($"SELECT CAST(sum(opened) AS BIGINT) FROM '{run.Mart("fct_dispute_stats")}' WHERE period_type = 'year'") > 0);
    }
}

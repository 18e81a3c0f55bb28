using System.Text.Json;

namespace ReferralInsights.EndToEnd.Tests;

[Collection(SampleProgramCollection.Name)]
public sealed class SampleProgramRunTests(SampleProgramRun run)
{
    // data-contract.md, "Marts": the columns that must exist.
    public static TheoryData<string, string> MartColumns => new()
    {
        { "fct_referrals", "referral_id,partner_id,submitted_at,account_id,is_duplicate,duplicate_of,status,sourced_opportunity_ids,qualified_at,won_at,lead_score" },
        { "fct_opportunities", "opportunity_id,account_id,created_at,closed_at,status,amount_usd,qualified_at,attribution_class,disputed" },
        { "fct_touches", "touch_id,partner_id,account_id,opportunity_id,kind,touch_at,role,evidence_id" },
        { "fct_attribution", "opportunity_id,partner_id,model,credit,role" },
        { "fct_partner_metrics", "partner_id,period_type,period,referrals,duplicates,accepted,qualified,won,lost,qualified_rate,conversion_rate," +
                                 "win_rate,sourced_revenue,avg_deal_size,median_days_to_close,p75_days_to_close,open_pipeline,rewards_earned" },
        { "fct_program_metrics", "period_type,period,referrals,duplicates,accepted,qualified,won,lost,qualified_rate,conversion_rate," +
                                 "win_rate,sourced_revenue,avg_deal_size,median_days_to_close,p75_days_to_close,open_pipeline,rewards_earned," +
                                 "program_cost,roi,partner_share_of_new_revenue" },
        { "fct_rewards", "reward_id,partner_id,type,referral_id,opportunity_id,tier,basis_amount,rate,amount,earned_at,status,reason" },
        { "fct_reconciliation", "reward_id,payout_ids,partner_id,expected,paid,difference,status" },
        { "fct_compliance_flags", "flag_id,rule,severity,partner_id,referral_id,opportunity_id,detail" },
        { "tier_recommendations", "partner_id,assigned_tier,recommended_tier,move,trailing_sourced_revenue,trailing_qualified,reason" },
    };

    [Fact]
    public void Run_OnAFreshClone_GeneratesTheSampleAndPrintsWhereTheDashboardIs()
    {
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var index = Path.Combine(run.OutDir, "site", "index.html");
        Assert.Contains($"Dashboard: {index}", run.Output);
        Assert.True(File.Exists(index));
        Assert.True(File.Exists(Path.Combine(run.SampleDir, "ground_truth.csv")));
    }

    [Theory]
    [MemberData(nameof(MartColumns))]
    public void Run_PublishesEachMartWithItsContractColumns(string mart, string columns)
    {
        using var db = new Db();
        var actual = db.Rows($"SELECT column_name FROM (DESCRIBE SELECT * FROM '{run.Mart(mart)}')").Select(r => (string)r[0]!).ToHashSet();
        Assert.Equal([], columns.Split(',').Where(c => !actual.Contains(c)));
        Assert.True(db.Scalar<long>($"SELECT count(*) FROM '{run.Mart(mart)}'") > 0, $"{mart} is empty");
    }

    // Nothing is lost: per entity, rows in = landed + quarantined, the manifest agrees with the published Parquet,
    // and "rows in" is the number of records in the input files counted independently.
    [Fact]
    public void Run_CountsAddUpPerEntity()
    {
        using var manifestJson = JsonDocument.Parse(File.ReadAllText(
            Directory.GetFiles(Path.Combine(run.OutDir, "runs"), "manifest.json", SearchOption.AllDirectories).Single()));
        Assert.Equal("succeeded", manifestJson.RootElement.GetProperty("outcome").GetString());
        using var db = new Db();
        var entities = manifestJson.RootElement.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(14, entities.Count);
        foreach (var e in entities)
        {
            var (source, entity) = (e.GetProperty("source").GetString(), e.GetProperty("entity").GetString());
            var (rowsIn, landed, quarantined) = (e.GetProperty("rows_in").GetInt64(), e.GetProperty("landed").GetInt64(), e.GetProperty("quarantined").GetInt64());
            Assert.Equal(rowsIn, landed + quarantined);
            Assert.Equal(landed, db.Scalar<long>($"SELECT count(*) FROM {run.Raw($"{source}/{entity}")}"));
            Assert.Equal(quarantined, db.Scalar<long>($"SELECT count(*) FROM {run.Quarantine($"{source}/{entity}")}"));
            var files = e.GetProperty("files").EnumerateArray().Select(f => Path.Combine(run.Root, f.GetString()!)).ToList();
            Assert.Equal(files.Sum(RecordCounter.Count), rowsIn);
        }
        Assert.True(entities.Sum(e => e.GetProperty("quarantined").GetInt64()) > 0, "the sample program has deliberate contract breaks");
    }

    // rules.md §5 and data-contract.md: credit sums to 1 per opportunity and model over the sourcing partners, and
    // exactly the direct and co-referral opportunities have sourcing credit.
    [Fact]
    public void Attribution_CreditsSumToOnePerSourcedOpportunityAndModel()
    {
        using var db = new Db();
        var offending = db.Rows($"""
            SELECT opportunity_id, model, sum(credit) FROM '{run.Mart("fct_attribution")}'
            WHERE role IN ('primary', 'co') GROUP BY ALL HAVING abs(sum(credit) - 1) > 1e-9
            """);
        Assert.Empty(offending);
        var sourcedOpps = db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_opportunities")}' WHERE attribution_class IN ('direct', 'co_referral')");
        var creditedOpps = db.Scalar<long>($"SELECT count(DISTINCT opportunity_id) FROM '{run.Mart("fct_attribution")}' WHERE role IN ('primary', 'co')");
        Assert.True(sourcedOpps > 100, $"only {sourcedOpps} sourced opportunities");
        Assert.Equal(sourcedOpps, creditedOpps);
        Assert.Empty(db.Rows($"SELECT * FROM '{run.Mart("fct_attribution")}' WHERE credit < 0 OR credit > 1"));
    }

    // The generator's ground truth knows who really introduced each deal: the reward model names that partner primary.
    [Fact]
    public void Attribution_NamesTheTrueSoleIntroducerAsPrimary()
    {
        using var db = new Db();
        var rows = db.Rows($"""
            WITH truth AS (
                SELECT id AS opportunity_id, partner_ids AS partner_id FROM read_csv('{run.SampleDir}/ground_truth.csv', all_varchar = true)
                WHERE kind = 'opportunity' AND partner_ids IS NOT NULL AND partner_ids NOT LIKE '%;%'),
            primaries AS (
                SELECT opportunity_id, partner_id FROM '{run.Mart("fct_attribution")}' WHERE model = 'primary_share' AND role = 'primary')
            SELECT count(*), count(*) FILTER (WHERE p.partner_id = t.partner_id)
            FROM truth t JOIN '{run.Mart("fct_opportunities")}' o USING (opportunity_id) LEFT JOIN primaries p USING (opportunity_id)
            """).Single();
        var (total, matching) = ((long)rows[0]!, (long)rows[1]!);
        Assert.True(total > 100, $"only {total} single-partner opportunities in the ground truth");
        Assert.True(matching >= 0.99 * total, $"{matching} of {total} name the true partner as primary");
    }
}

using ReferralInsights.Reports;
using DuckDB.NET.Data;
using ReferralInsights.Ingest;

namespace ReferralInsights.Transform.Tests;

/// <summary>The published marts: the columns of data-contract.md, deterministic Parquet output, the raw zone view.</summary>
public class MartTests
{
    // data-contract.md "Marts (names and the columns that must exist)"
    public static TheoryData<string, string[]> ContractColumns => new()
    {
        { "fct_referrals", ["referral_id", "partner_id", "submitted_at", "account_id", "is_duplicate", "duplicate_of", "status",
            "sourced_opportunity_ids", "qualified_at", "won_at", "lead_score"] },
        { "fct_opportunities", ["opportunity_id", "account_id", "created_at", "closed_at", "status", "amount_usd", "qualified_at",
            "attribution_class", "disputed"] },
        { "fct_touches", ["touch_id", "partner_id", "account_id", "opportunity_id", "kind", "touch_at", "role", "evidence_id"] },
        { "fct_attribution", ["opportunity_id", "partner_id", "model", "credit", "role"] },
        { "fct_partner_metrics", ["partner_id", "period_type", "period", "referrals", "duplicates", "accepted", "qualified", "won", "lost",
            "qualified_rate", "conversion_rate", "win_rate", "sourced_revenue", "avg_deal_size", "median_days_to_close",
            "p75_days_to_close", "open_pipeline", "rewards_earned"] },
        { "fct_program_metrics", ["period_type", "period", "referrals", "duplicates", "accepted", "qualified", "won", "lost",
            "qualified_rate", "conversion_rate", "win_rate", "sourced_revenue", "avg_deal_size", "median_days_to_close",
            "p75_days_to_close", "open_pipeline", "rewards_earned", "program_cost", "roi", "partner_share_of_new_revenue"] },
        { "fct_rewards", ["reward_id", "partner_id", "type", "referral_id", "opportunity_id", "tier", "basis_amount", "rate", "amount",
            "earned_at", "status", "reason"] },
        { "fct_reconciliation", ["reward_id", "payout_ids", "partner_id", "expected", "paid", "difference", "status"] },
        { "fct_compliance_flags", ["flag_id", "rule", "severity", "partner_id", "referral_id", "opportunity_id", "detail"] },
        { "tier_recommendations", ["partner_id", "assigned_tier", "recommended_tier", "move", "trailing_sourced_revenue",
            "trailing_qualified", "reason"] },
    };

    [Theory]
    [MemberData(nameof(ContractColumns))]
    public void Mart_HasTheContractColumns_InOrder(string mart, string[] columns)
    {
        using var w = new TestWarehouse();
        w.Build("2025-06-30");
        var actual = w.Rows($"SELECT column_name FROM (DESCRIBE {mart})").Select(r => r[0]!).ToList();
        Assert.Equal(columns, actual.Take(columns.Length));
    }

    [Fact]
    public void MoneyColumns_AreDecimalCents_AndListIsVarcharList()
    {
        using var w = new TestWarehouse();
        w.Build("2025-06-30");
        Assert.Equal("DECIMAL(18,2)", w.Scalar("SELECT column_type FROM (DESCRIBE fct_opportunities) WHERE column_name = 'amount_usd'"));
        Assert.Equal("DECIMAL(18,2)", w.Scalar("SELECT column_type FROM (DESCRIBE fct_partner_metrics) WHERE column_name = 'sourced_revenue'"));
        Assert.Equal("VARCHAR[]", w.Scalar("SELECT column_type FROM (DESCRIBE fct_referrals) WHERE column_name = 'sourced_opportunity_ids'"));
        foreach (var (mart, column) in new[] { ("fct_rewards", "amount"), ("fct_rewards", "basis_amount"), ("fct_partner_metrics", "rewards_earned"),
                     ("fct_program_metrics", "program_cost"), ("fct_reconciliation", "expected"), ("fct_reconciliation", "paid"),
                     ("fct_reconciliation", "difference"), ("tier_recommendations", "trailing_sourced_revenue") })
            Assert.Equal($"{mart}.{column} DECIMAL(18,2)",
                $"{mart}.{column} " + w.Scalar($"SELECT column_type FROM (DESCRIBE {mart}) WHERE column_name = '{column}'"));
    }

    [Fact]
    public void AttachRawZone_PublishMarts_RoundTripThroughParquet_Deterministically()
    {
        // land a tiny program as raw Parquet (as ingest does), attach it as views, build, publish twice: same bytes
        var root = Directory.CreateTempSubdirectory("ri-transform-");
        var rawFiles = new Dictionary<string, IReadOnlyList<string>>();
        try
        {
            using (var src = new TestWarehouse())
            {
                src.Partner("P1").Account("A", "Alpha", "a.com").Opportunity("O1", "A", "2025-03-01", "won", "2025-04-01", 100m)
                   .Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com");
                foreach (var e in Contract.Entities)
                {
                    var dir = Directory.CreateDirectory(Path.Combine(root.FullName, "raw", e.Source, e.Name)).FullName;
                    rawFiles[e.QualifiedName] = [Path.Combine(dir, "data.parquet")];
                    // an unknown extra column in the raw zone is ignored by the models
                    src.Exec($"COPY (SELECT *, 'x' AS unknown_extra FROM raw_{e.Source}__{e.Name}) TO '{Path.Combine(dir, "data.parquet")}' (FORMAT parquet)");
                }
            }
            byte[] Publish(string name)
            {
                using var conn = new DuckDBConnection("DataSource=:memory:");
                conn.Open();
                Warehouse.AttachRawZone(conn, rawFiles);
                var result = Warehouse.Build(conn, new ReferralInsights.Config.PipelineConfig(), new DateOnly(2025, 6, 30));
                Assert.Equal(1, result.Models.Single(m => m.Name == "fct_referrals").Rows);
                var dir = Path.Combine(root.FullName, name);
                Warehouse.PublishMarts(conn, dir);
                Assert.Equal(Warehouse.MartNames.Select(n => n + ".parquet").Order(),
                    Directory.GetFiles(dir).Select(Path.GetFileName).Order());
                return File.ReadAllBytes(Path.Combine(dir, "fct_attribution.parquet"));
            }
            Assert.Equal(Publish("marts1"), Publish("marts2"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void PublishMarts_WithCsv_WritesEachMartAsCsvBesideItsParquet_WithTheSameRows()
    {
        // output.csv: true, through the reports' CSV writer. A partner name with a comma is quoted (RFC 4180); one that would
        // run as a spreadsheet formula gets a leading '.
        var dir = Directory.CreateTempSubdirectory("ri-csv-");
        try
        {
            using var w = new TestWarehouse();
            w.Partner("P1").Exec("UPDATE raw_portal__partners SET name = 'Acme, Inc.' WHERE partner_id = 'P1'")
             .Partner("P2").Exec("UPDATE raw_portal__partners SET name = '@SUM(1+1)' WHERE partner_id = 'P2'")
             .Account("A", "Alpha", "a.com").Opportunity("O1", "A", "2025-03-01", "won", "2025-04-01", 100m)
             .Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com");
            w.Build("2025-06-30");
            Warehouse.PublishMarts(w.Connection, dir.FullName, (file, header, rows) => Csv.WriteFile(file, header, rows));
            foreach (var mart in Warehouse.MartNames)
            {
                var parquet = Path.Combine(dir.FullName, mart + ".parquet");
                var csv = Path.Combine(dir.FullName, mart + ".csv");
                Assert.True(File.Exists(csv), $"{mart}.csv missing");
                Assert.Equal(w.Scalar($"SELECT count(*) FROM '{parquet}'"), w.Scalar($"SELECT count(*) FROM read_csv('{csv}', header = true)"));
            }
            var partners = File.ReadAllLines(Path.Combine(dir.FullName, "dim_partners.csv"));
            Assert.StartsWith("partner_id,name,", partners[0]);
            Assert.StartsWith("P1,\"Acme, Inc.\",", partners[1]);
            Assert.StartsWith("P2,'@SUM(1+1),", partners[2]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

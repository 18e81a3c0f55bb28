using Microsoft.Data.Sqlite;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Runs after the first: nothing new lands nothing; after rows are added and changed at each source the next run
/// lands those (a changed snapshot file whole, database rows by updated_at, log lines by offset), moves the batch the
/// snapshot superseded out of the raw zone into the history zone, and its marts equal a --full-refresh run on the same data.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class IncrementalRunTests(SampleProgramRun run)
{
    private static readonly string AsOf = SampleProgramRun.AsOf.ToString("yyyy-MM-dd");

    private static void Run(string root, params string[] extra)
    {
        var (exit, output, error) = Cli.Invoke(["run", "--config", Path.Combine(root, "pipeline.yaml"), "--as-of", AsOf, .. extra]);
        Assert.True(exit == 0, output + error);
    }

    [Fact]
    public void NextRun_LandsExactlyWhatChanged_AndItsMartsEqualAFullRefresh()
    {
        var root = run.CopyProgram("incremental");
        Run(root);
        Run(root);
        Assert.All(SampleProgramRun.RowsInOfLatestRun(root), e => Assert.Equal(0L, e.Value));

        // portal: one referral changed, one added (updated_at later than the landed rows')
        using (var portal = new SqliteConnection($"Data Source={Path.Combine(root, "sample", "portal.db")};Pooling=False"))
        {
            portal.Open();
            using var command = portal.CreateCommand();
            command.CommandText = """
                UPDATE referrals SET notes = 'called back', updated_at = '2026-11-01T08:00:00Z' WHERE rowid = 1;
                INSERT INTO referrals (referral_id, partner_id, submitted_at, company_name, status, updated_at)
                SELECT 'R-NEW-1', partner_id, '2026-10-30T12:00:00Z', 'Newco Ltd', 'submitted', '2026-11-01T08:00:01Z' FROM referrals WHERE rowid = 2;
                """;
            command.ExecuteNonQuery();
        }
        // clicks: a new rotated log file with two clicks
        var code = File.ReadLines(Path.Combine(root, "sample", "portal", "links.csv")).Skip(1).First().Split(',')[0];
        Directory.CreateDirectory(Path.Combine(root, "sample", "clicks", "clicks"));
        File.WriteAllText(Path.Combine(root, "sample", "clicks", "clicks", "2026-10-31.ndjson"),
            $"{{\"click_id\":\"K-NEW-1\",\"clicked_at\":\"2026-10-31T10:00:00Z\",\"referral_code\":\"{code}\",\"visitor_id\":\"V-NEW\"}}\n" +
            $"{{\"click_id\":\"K-NEW-2\",\"clicked_at\":\"2026-10-31T10:05:00Z\",\"referral_code\":\"{code}\",\"visitor_id\":\"V-NEW\"}}\n");
        // crm: one activity appended to the snapshot file, which is read again whole
        var activities = Path.Combine(root, "sample", "crm", "activities.csv");
        var activityRows = File.ReadLines(activities).Count() - 1;
        File.AppendAllText(activities, "ACT-NEW-1,call,2026-10-30T09:00:00Z,,,,\n");

        Run(root);

        var rowsIn = SampleProgramRun.RowsInOfLatestRun(root);
        Assert.Equal(2L, rowsIn["portal/referrals"]);
        Assert.Equal(2L, rowsIn["clicks/clicks"]);
        Assert.Equal(activityRows + 1, rowsIn["crm/activities"]);
        Assert.Equal(0L, rowsIn.Where(e => e.Key is not ("portal/referrals" or "clicks/clicks" or "crm/activities")).Sum(e => e.Value));

        // the activities read again whole superseded their first batch, which left the raw zone for the history zone: the
        // raw zone read as an external engine reads it (a glob, no state) holds each live row once
        var outDir = Path.Combine(root, "out");
        using (var files = new Db())
        {
            long Rows(string zone) => Directory.Exists(Path.Combine(outDir, zone))
                ? Directory.GetFiles(Path.Combine(outDir, zone), "*.parquet", SearchOption.AllDirectories)
                    .Sum(f => files.Scalar<long>($"SELECT count(*) FROM read_parquet('{f}')"))
                : 0;
            var external = files.Scalar<long>($"SELECT count(*) FROM read_parquet('{Path.Combine(outDir, "raw", "crm", "activities", "*", "*.parquet")}', " +
                                              "hive_partitioning = true, union_by_name = true)");
            Assert.Equal(files.Scalar<long>($"SELECT count(*) FROM {RawZoneFiles.Landed(outDir, "crm/activities")}"), external);
            Assert.Equal(activityRows, Rows("history/raw/crm/activities") + Rows("history/quarantine/crm/activities"));
            Assert.Equal(["activities"], Directory.GetDirectories(Path.Combine(outDir, "history", "raw", "crm")).Select(Path.GetFileName));
        }

        var refreshed = run.CopyProgramOf(root, "incremental-refresh");
        Run(refreshed, "--full-refresh");
        PublishedMarts.AssertIdentical(Path.Combine(refreshed, "out"), Path.Combine(root, "out"), "the incremental run (against a full refresh)");
        using var db = new Db();
        Assert.Equal("called back", db.Scalar<string>($"SELECT notes FROM {RawZoneFiles.Landed(Path.Combine(root, "out"), "portal/referrals")} " +
                                                     "WHERE notes = 'called back'"));
        Assert.Equal(1L, db.Scalar<long>($"SELECT count(*) FROM '{Path.Combine(root, "out", "marts", "fct_referrals.parquet")}' WHERE referral_id = 'R-NEW-1'"));
    }
}

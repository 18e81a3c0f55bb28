using ReferralInsights.Cli.Run;
using ReferralInsights.Cli.Schedule;
using ReferralInsights.Config;

namespace ReferralInsights.EndToEnd.Tests.Schedule;

/// <summary>The Quartz scheduler over a copy of the sample program, on second-level crons, with real jobs.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class SchedulerTests(SampleProgramRun run)
{
    private static async Task<string> RunScheduler(string config, TimeSpan for_)
    {
        var output = new StringWriter();
        var log = new RunLog(TextWriter.Synchronized(output));
        using var stop = new CancellationTokenSource(for_);
        await PipelineScheduler.RunAsync(ConfigLoader.Load(config), log, TimeProvider.System, stop.Token);
        return output.ToString();
    }

    [Fact]
    public async Task TwoJobs_NeverOverlap_TheFailingOneIsRetriedAndReported_TheOtherKeepsRunning_AndTheStopIsClean()
    {
        var root = run.CopyProgram("schedule-two-jobs");
        var config = ScheduleConfig.Write(root, """
            schedule:
              timezone: UTC
              jobs:
                ingest_clicks: "*/5 * * * * ?"
                ingest_crm: "2/5 * * * * ?"
              retries: 1
              retry_delay_seconds: 1
            """, crmPath: "sample/crm-missing");

        var log = await RunScheduler(config, TimeSpan.FromSeconds(12));

        var history = new RunHistory(Path.Combine(root, "out")).Last(100).OrderBy(r => r.Id).ToList();
        Assert.All(history, r => Assert.NotNull(r.FinishedAt));
        Assert.DoesNotContain(history, r => r.Outcome is "running" or "interrupted");
        for (var i = 1; i < history.Count; i++) // one run at a time: each starts after the one before it ended
            Assert.True(history[i].StartedAt >= history[i - 1].FinishedAt, $"run {history[i].Id} overlaps run {history[i - 1].Id}");

        var clicks = history.Where(r => r.Job == "ingest_clicks").ToList();
        Assert.True(clicks.Count >= 2, log);
        Assert.All(clicks, r => Assert.Equal(("schedule", "succeeded", "clicks"), (r.Trigger, r.Outcome, r.Sources)));
        var inputRows = Directory.GetFiles(Path.Combine(root, "sample", "clicks")).Sum(RecordCounter.Count);
        Assert.Equal(inputRows, clicks[0].RowsLanded + clicks[0].RowsQuarantined);
        Assert.All(clicks.Skip(1), r => Assert.Equal(0L, r.RowsLanded)); // nothing new after the first

        var crm = history.Where(r => r.Job == "ingest_crm").ToList();
        Assert.True(crm.Count >= 2, log);
        Assert.All(crm, r => Assert.Equal("failed", r.Outcome));
        Assert.All(crm, r => Assert.Contains("crm-missing does not exist", r.Error));
        // a firing: the scheduled attempt, then its one retry 1 s later (a retry that would land after the next firing, when
        // the attempt waited long for the lock, is dropped by Quartz: that firing is the next attempt)
        Assert.Equal(("schedule", 0), (crm[0].Trigger, crm[0].Attempt));
        Assert.All(crm.Where(r => r.Attempt > 0), r => Assert.Equal(("retry", 1), (r.Trigger, r.Attempt)));
        var retried = Enumerable.Range(1, crm.Count - 1).Where(i => crm[i].Attempt == 1).ToList();
        Assert.NotEmpty(retried);
        Assert.All(retried, i => Assert.Equal(("schedule", 0), (crm[i - 1].Trigger, crm[i - 1].Attempt)));
        Assert.All(retried, i => Assert.InRange((crm[i].StartedAt - crm[i - 1].FinishedAt!.Value).TotalSeconds, 0.9, 4));
        Assert.Contains("ingest_crm: failed, retry #1 scheduled: source 'crm': folder", log);
        Assert.Contains("ingest_crm: FAILED after 2 attempt(s); next run at", log);

        Assert.EndsWith("schedule  stopped" + Environment.NewLine, log);
        using var free = OutputLock.Acquire(Path.Combine(root, "out"), "test", TimeSpan.Zero, _ => { }); // released on stop
    }

    [Fact]
    public async Task AJobThatMissedItsFireTimeWhileTheSchedulerWasDown_RunsOnceAtStart()
    {
        var root = run.CopyProgram("schedule-catch-up");
        var config = ScheduleConfig.Write(root, """
            schedule:
              jobs:
                ingest_portal: "0 0 0 1 1 ?"
            """);
        var history = new RunHistory(Path.Combine(root, "out"));
        var lastYear = new DateTime(DateTime.UtcNow.Year - 1, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        history.Finish(history.Start("ingest_portal", "schedule", 0, lastYear), lastYear.AddSeconds(1), null, null);

        var log = await RunScheduler(config, TimeSpan.FromSeconds(5));

        Assert.Contains($"ingest_portal: missed its run at {DateTime.UtcNow.Year}-01-01 00:00:00 UTC while the scheduler was not running; running it once now", log);
        var caughtUp = Assert.Single(history.Last(10), r => r.Trigger == "catch-up");
        Assert.Equal(("ingest_portal", "succeeded", "portal"), (caughtUp.Job, caughtUp.Outcome, caughtUp.Sources));
        Assert.Equal(2, history.Last(10).Count); // once, not once per missed firing
    }

    [Fact]
    public void SigTerm_LetsTheRunningBuildFinish_ThenTheSchedulerExitsCleanly()
    {
        var root = run.CopyProgram("schedule-sigterm");
        Assert.Equal(0, Cli.Invoke("run", "--config", Path.Combine(root, "pipeline.yaml"), "--as-of", "2026-10-31", "--only", "ingest").ExitCode);
        var config = ScheduleConfig.Write(root, """
            schedule:
              jobs:
                build: "* * * * * ?"
            """);
        var history = new RunHistory(Path.Combine(root, "out"));

        using var scheduler = new CliProcess("schedule", "--config", config);
        CliProcess.WaitUntil(() => history.Last(1) is [{ Job: "build", Outcome: "running" }], TimeSpan.FromSeconds(60), "the build to start");
        scheduler.Signal("TERM");
        var exit = scheduler.WaitForExit(TimeSpan.FromSeconds(120));

        Assert.True(exit == 0, scheduler.Output);
        var build = Assert.Single(history.Last(10), r => r.Job == "build");
        Assert.Equal("succeeded", build.Outcome);
        Assert.Contains("schedule  stopped", scheduler.Output);
        Assert.True(File.Exists(Path.Combine(root, "out", "site", "index.html")));
    }
}

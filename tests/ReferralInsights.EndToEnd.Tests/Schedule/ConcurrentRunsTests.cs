using ReferralInsights.Cli.Run;

namespace ReferralInsights.EndToEnd.Tests.Schedule;

/// <summary>Two writers on one output folder.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class ConcurrentRunsTests(SampleProgramRun run)
{
    private static readonly string AsOf = SampleProgramRun.AsOf.ToString("yyyy-MM-dd");

    [Fact]
    public async Task TwoRunsAtOnce_TheSecondWaitsForTheFirst_AndThePublicationEqualsOneCleanRun()
    {
        var root = run.CopyProgram("two-runs");
        var config = Path.Combine(root, "pipeline.yaml");

        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(() => Cli.Invoke("run", "--config", config, "--as-of", AsOf))).ToArray();
        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Single(results, r => r.Output.Contains(" is locked by ", StringComparison.Ordinal) &&
                                    r.Output.Contains("; waiting up to 600 s for it to finish", StringComparison.Ordinal));
        var history = new RunHistory(Path.Combine(root, "out")).Last(10).OrderBy(r => r.Id).ToList();
        Assert.Equal(["succeeded", "succeeded"], history.Select(r => r.Outcome));
        Assert.True(history[1].StartedAt >= history[0].FinishedAt);
        PublishedMarts.AssertIdentical(run.OutDir, Path.Combine(root, "out"), "the second of two concurrent runs");
    }

    [Fact]
    public void ARunWithoutWait_ExitsAtOnce_NamingTheHolder_AndTouchesNothing()
    {
        var root = run.CopyProgram("run-while-locked");
        var output = Path.Combine(root, "out");

        using (OutputLock.Acquire(output, "schedule: build", TimeSpan.Zero, _ => { }))
        {
            var (exit, _, error) = Cli.Invoke("run", "--config", Path.Combine(root, "pipeline.yaml"), "--as-of", AsOf, "--wait", "0");

            Assert.Equal(3, exit);
            Assert.StartsWith($"not run: {output} is locked by pid {Environment.ProcessId} on {Environment.MachineName} (schedule: build, since ", error);
        }
        Assert.False(Directory.Exists(Path.Combine(output, "marts")));
        var refused = Assert.Single(new RunHistory(output).Last(10));
        Assert.Equal(("run", "manual", "failed"), (refused.Job, refused.Trigger, refused.Outcome));
        var (_, shown, _) = Cli.Invoke("runs", "--config", Path.Combine(root, "pipeline.yaml"));
        Assert.Matches(@"│ 1 +│ run +│ manual +│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d │ 0\.0 s │ failed +│", shown);
        Assert.Contains($"#1 run: {output} is locked by pid {Environment.ProcessId} on {Environment.MachineName} (schedule: build, since ", shown);
    }
}

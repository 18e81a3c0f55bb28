using ReferralInsights.Cli.Run;

namespace ReferralInsights.EndToEnd.Tests.Schedule;

public sealed class OutputLockTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("ri-lock-").FullName;

    [Fact]
    public void ASecondWriterWithoutWait_IsRefused_NamingTheHolder()
    {
        using var held = OutputLock.Acquire(_out, "schedule: build", TimeSpan.Zero, _ => { });

        var e = Assert.Throws<OutputLockedException>(() => OutputLock.Acquire(_out, "run", TimeSpan.Zero, _ => { }));

        Assert.StartsWith($"{_out} is locked by pid {Environment.ProcessId} on {Environment.MachineName} (schedule: build, since ", e.Message);
    }

    [Fact]
    public async Task AWaitingWriter_GetsTheLockWhenTheHolderReleasesIt()
    {
        var held = OutputLock.Acquire(_out, "run", TimeSpan.Zero, _ => { });
        var said = new List<string>();
        var release = Task.Run(() => { Thread.Sleep(600); held.Dispose(); });

        using var next = OutputLock.Acquire(_out, "run", TimeSpan.FromSeconds(30), said.Add);

        await release;
        var waiting = Assert.Single(said);
        Assert.Contains($"is locked by pid {Environment.ProcessId} on {Environment.MachineName} (run, since ", waiting);
        Assert.EndsWith("; waiting up to 30 s for it to finish", waiting);
    }

    [Fact]
    public void AWriterThatGivesUp_SaysHowLongItWaited()
    {
        using var held = OutputLock.Acquire(_out, "run", TimeSpan.Zero, _ => { });

        var e = Assert.Throws<OutputLockedException>(() => OutputLock.Acquire(_out, "run", TimeSpan.FromSeconds(1), _ => { }));

        Assert.Contains("; gave up after waiting 1 s. Only one run writes an output folder at a time", e.Message);
    }

    [Fact]
    public void ALockLeftByAKilledProcess_IsTakenOver_AndItsRunRecordedAsInterrupted()
    {
        var program = Directory.CreateTempSubdirectory("ri-lock-program-").FullName;
        try
        {
            File.Copy(Path.Combine(RepoPaths.Root, "pipeline.yaml"), Path.Combine(program, "pipeline.yaml"));
            var output = Path.Combine(program, "out");
            using (var killed = new CliProcess("run", "--config", Path.Combine(program, "pipeline.yaml"), "--as-of", "2026-10-31"))
            {
                CliProcess.WaitUntil(() => new RunHistory(output).Last(1) is [{ Outcome: "running" }], TimeSpan.FromSeconds(90), "the run to start under the lock");
                killed.Signal("KILL");
                killed.WaitForExit(TimeSpan.FromSeconds(10));
                var said = new List<string>();

                using (OutputLock.Acquire(output, "run", TimeSpan.Zero, said.Add))
                    Assert.Equal($"took over the output lock left by pid {killed.Id} on {Environment.MachineName} (run, since ",
                        Assert.Single(said)[..$"took over the output lock left by pid {killed.Id} on {Environment.MachineName} (run, since ".Length]);
            }
            var (exit, _, error) = Cli.Invoke("run", "--config", Path.Combine(program, "pipeline.yaml"), "--as-of", "2026-10-31");
            Assert.True(exit == 0, error);
            var runs = new RunHistory(output).Last(10);
            Assert.Equal(["succeeded", "interrupted"], runs.Select(r => r.Outcome));
        }
        finally
        {
            Directory.Delete(program, recursive: true);
        }
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}

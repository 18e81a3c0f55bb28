using System.Security.Cryptography;
using ReferralInsights.Cli.Run;
using ReferralInsights.EndToEnd.Tests.Schedule;

namespace ReferralInsights.EndToEnd.Tests.Reliability;

/// <summary>A run killed with SIGKILL at many points (<see cref="FaultInjection"/>): after each, the published output is
/// the old publication or the whole new one, <c>audit verify</c> passes (completing an append the run left torn), and the
/// next run publishes what a clean run does.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class KillTests(SampleProgramRun run)
{
    private const string AsOfA = "2026-10-31";
    private const string AsOfB = "2026-09-30";

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static Dictionary<string, string> Published(string root) => Hashes(Path.Combine(root, "out", "marts"));

    private static void Run(string config, string asOf)
    {
        var (exit, output, error) = Cli.Invoke("run", "--config", config, "--as-of", asOf);
        Assert.True(exit == 0, output + error);
    }

    [Fact]
    public void AfterAKillAnywhere_TheOldOrTheWholeNewPublicationIsPublished_TheAuditLogVerifies_AndTheNextRunEqualsACleanOne()
    {
        var cleanB = run.CopyProgram("kill-clean-b");
        Run(Path.Combine(cleanB, "pipeline.yaml"), AsOfB);
        var clean = new Dictionary<string, Dictionary<string, string>>
        {
            [AsOfA] = Published(run.Root),
            [AsOfB] = Published(cleanB),
        };
        var root = run.CopyProgram("kill");
        var config = Path.Combine(root, "pipeline.yaml");
        Run(config, AsOfA);
        var publishedAsOf = AsOfA;

        // point, whether the new publication is current after the kill, extra arguments
        (string Point, bool NewPublished, string[] Extra)[] kills =
        [
            ("before:transform", false, ["--full-refresh"]), // ingest has written a new generation of raw batches
            ("before:model", false, []),
            ("before:reports", false, []),
            ("before:publish", false, []),
            ("publish:zone-staged", false, []),
            ("publish:before-switch", false, []),
            ("publish:after-switch", true, []),
            ("before:audit-append", true, []),
            ("audit-append:torn", true, []),
        ];
        foreach (var (point, newPublished, extra) in kills)
        {
            var target = publishedAsOf == AsOfA ? AsOfB : AsOfA;
            using (var killed = new CliProcess(new Dictionary<string, string> { [FaultInjection.Variable] = point },
                       ["run", "--config", config, "--as-of", target, .. extra]))
                Assert.True(killed.WaitForExit(TimeSpan.FromMinutes(3)) != 0, $"{point}: the run was not killed\n{killed.Output}");

            var expected = newPublished ? target : publishedAsOf;
            Assert.True(clean[expected].SequenceEqual(Published(root)), $"{point}: the published marts are not the whole publication as of {expected}");
            Assert.True(File.Exists(Path.Combine(root, "out", "site", "index.html")), point);
            var verify = Cli.Invoke("audit", "verify", "--config", config);
            Assert.True(verify.ExitCode == 0, $"{point}: {verify.Output}{verify.Error}");
            if (point == "audit-append:torn") Assert.Contains("removed a torn last line", verify.Output);

            Run(config, target);
            Assert.True(clean[target].SequenceEqual(Published(root)), $"{point}: the next run differs from a clean run as of {target}");
            Assert.Equal(0, Cli.Invoke("audit", "verify", "--config", config).ExitCode);
            Assert.Empty(Directory.GetDirectories(Path.Combine(root, "out", ".staging")));
            Assert.Single(Directory.GetDirectories(Path.Combine(root, "out", ".publications")));
            publishedAsOf = target;
        }
    }
}

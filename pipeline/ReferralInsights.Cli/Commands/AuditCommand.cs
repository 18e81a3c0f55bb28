using System.CommandLine;
using System.Globalization;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using ReferralInsights.Transform.Audit;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>audit verify</c> checks the audit log's hash chain (and the heads the runs recorded);
/// <c>audit diff RUN RUN</c> lists the decisions that changed between two runs.</summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "The audit log of attribution and reward decisions (<out>/audit/audit_log.ndjson)")
    {
        Verify(),
        Diff(),
    };

    private static Command Verify()
    {
        var config = CommonOptions.Config();
        var command = new Command("verify", "Check the hash chain: exit 0 \"chain intact: N entries\", exit 1 naming the first broken seq. " +
                                                "An append a killed run left unfinished is completed first, under the output lock") { config };
        command.SetAction(parse => Run(parse, config, (loaded, layout, output) =>
        {
            if (PendingAudit.Any(layout))
                using (OutputLock.For(loaded, "audit verify", output.WriteLine))
                    foreach (var repair in PendingAudit.Recover(layout)) output.WriteLine(repair);
            var result = new AuditLog(layout.AuditLog).Verify(RecordedHeads(layout));
            if (result.Intact)
            {
                output.WriteLine($"chain intact: {result.Entries.ToString(CultureInfo.InvariantCulture)} entries");
                return 0;
            }
            parse.InvocationConfiguration.Error.WriteLine($"chain broken at seq {result.BrokenSeq}: {result.Problem}");
            return ExitCodes.Failed;
        }));
        return command;
    }

    private static Command Diff()
    {
        var config = CommonOptions.Config();
        var from = new Argument<string>("from-run") { Description = "The earlier run id (runs/<run_id>)" };
        var to = new Argument<string>("to-run") { Description = "The later run id" };
        var command = new Command("diff", "The decisions that differ between two runs (the log's state after each)") { config, from, to };
        command.SetAction(parse => Run(parse, config, (_, layout, output) =>
        {
            var log = new AuditLog(layout.AuditLog);
            var verification = log.Verify();
            if (!verification.Intact)
            {
                parse.InvocationConfiguration.Error.WriteLine($"chain broken at seq {verification.BrokenSeq}: {verification.Problem}");
                return ExitCodes.Failed;
            }
            var changes = AuditDiff.Between(log, parse.GetValue(from)!, parse.GetValue(to)!);
            output.WriteLine($"{changes.Count.ToString(CultureInfo.InvariantCulture)} decisions changed from run {parse.GetValue(from)} to run {parse.GetValue(to)}");
            foreach (var change in changes) output.WriteLine(change);
            return 0;
        }));
        return command;
    }

    private static int Run(ParseResult parse, Option<string> config, Func<LoadedConfig, OutputLayout, TextWriter, int> action)
    {
        try
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            return action(loaded, new OutputLayout(loaded.OutputDir), parse.InvocationConfiguration.Output);
        }
        catch (ConfigException e)
        {
            parse.InvocationConfiguration.Error.WriteLine(e.Message);
            return ExitCodes.ConfigError;
        }
        catch (Exception e) when (e is ArgumentException or IOException or System.Text.Json.JsonException)
        {
            parse.InvocationConfiguration.Error.WriteLine(e.Message);
            return ExitCodes.Failed;
        }
    }

    /// <summary>The chain heads the published runs recorded in their manifests.</summary>
    private static IEnumerable<AuditHead> RecordedHeads(OutputLayout layout) =>
        Directory.Exists(layout.Runs)
            ? Directory.EnumerateFiles(layout.Runs, "manifest.json", SearchOption.AllDirectories)
                .Select(RunManifest.Load)
                .Where(m => m.Audit is not null)
                .Select(m => new AuditHead(m.Audit!.HeadSeq, m.Audit.HeadHash, $"run {m.RunId}"))
                .ToList()
            : [];
}

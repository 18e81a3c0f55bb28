using System.CommandLine;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using ReferralInsights.Reports;
using Spectre.Console;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>simulate --rewards candidate.yaml</c>: the reward what-if. Replays the published history under the candidate's
/// rewards section (<see cref="RewardReplay"/>), compares with the published marts (<see cref="RewardComparison"/>), prints the
/// cost, ROI and the partners paid most more and less, and writes <c>site/what-if.html</c> with its CSVs.</summary>
internal static class SimulateCommand
{
    private const int PrintedPartners = 10;

    public static Command Create()
    {
        var config = CommonOptions.Config();
        var rewards = new Option<string>("--rewards", "-r")
        {
            Description = "A YAML file holding a candidate `rewards:` section (the same keys as pipeline.yaml's)",
            Required = true,
        };
        var asOf = CommonOptions.OptionalAsOf("Replay as of this day (YYYY-MM-DD). Default: the as-of of the published run, so only the rewards table differs");
        var command = new Command("simulate", "Replay the published history under a candidate rewards table and compare it with the current one")
            { config, rewards, asOf };
        command.SetAction(parse => Execute(parse.GetValue(config)!, parse.GetValue(rewards)!, parse.GetValue(asOf),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Execute(string configPath, string candidatePath, DateOnly? asOfOption, TextWriter output, TextWriter error)
    {
        var log = new RunLog(output);
        try
        {
            var loaded = ConfigLoader.Load(configPath);
            var candidate = ConfigLoader.LoadRewardsCandidate(candidatePath);
            var layout = new OutputLayout(loaded.OutputDir);
            using var writer = OutputLock.For(loaded, "simulate", message => log.Line("lock", message));
            var published = RunManifest.LastToPublish(layout, OutputLayout.MartsZone);
            if (published is null || !Directory.Exists(layout.Marts))
            {
                error.WriteLine($"no published run in {layout.Root}: run `referral-insights run` first");
                return 1;
            }
            if (published.ConfigHash != loaded.Hash)
                error.WriteLine($"warning: {loaded.FilePath} changed since the published run {published.RunId}; the deltas include those changes too");
            var asOf = asOfOption ?? published.AsOfDate;

            log.Line("simulate", $"replaying {layout.Raw} as of {asOf:yyyy-MM-dd} under {candidatePath}");
            var candidateMarts = RewardReplay.Run(layout, loaded.Config with { Rewards = candidate }, asOf, log.For("transform"));

            var comparison = RewardComparison.Compare(layout.Marts, candidateMarts, loaded.Config.Economics.GrossMargin);
            WhatIfPage.Write(layout.Site, loaded.Config, asOf, new WhatIfCandidate(Path.GetFileName(candidatePath), candidate, comparison));
            Print(comparison, new Format(loaded.Config.Program.Currency), output);
            output.WriteLine($"What-if page: {Path.Combine(layout.Site, WhatIfPage.FileName)}");
            output.WriteLine($"Partner CSV:  {Path.Combine(layout.Site, WhatIfPage.PartnerCsv)}");
            output.WriteLine($"Replay marts: {candidateMarts}");
            return 0;
        }
        catch (ConfigException e)
        {
            error.WriteLine($"configuration error: {e.Message}");
            error.WriteLine("Nothing ran.");
            return ExitCodes.ConfigError;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException
                                      or DuckDB.NET.Data.DuckDBException or ReferralInsights.Transform.ModelBuildException
                                      or ReferralInsights.Transform.DataTests.DataTestException)
        {
            error.WriteLine($"simulate failed: {e.Message}");
            return 1;
        }
    }

    private static void Print(RewardComparison c, Format format, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (Console.IsOutputRedirected || output != Console.Out) console.Profile.Width = 200;
        var years = new Table().AddColumns("fiscal year", "rewards, current", "rewards, candidate", "change", "ROI, current", "ROI, candidate");
        foreach (var column in years.Columns.Skip(1)) column.RightAligned();
        foreach (var y in c.Years)
            years.AddRow(y.Year, format.Money(y.CurrentRewards), format.Money(y.CandidateRewards), format.SignedMoney(y.Delta),
                Format.Ratio(y.CurrentRoi), Format.Ratio(y.CandidateRoi));
        var (now, next) = (c.Years.Sum(y => y.CurrentRewards), c.Years.Sum(y => y.CandidateRewards));
        years.AddRow("[bold]all years[/]", format.Money(now), format.Money(next), format.SignedMoney(next - now), Format.Ratio(c.CurrentRoi),
            Format.Ratio(c.CandidateRoi));
        console.Write(years);
        output.WriteLine($"Program cost (rewards + other costs): {format.Money(c.CurrentCost)} → {format.Money(c.CandidateCost)} " +
                         $"({format.SignedMoney(c.CandidateCost - c.CurrentCost)})");

        var partners = new Table().AddColumns("partner", "paid, current", "paid, candidate", "change");
        foreach (var column in partners.Columns.Skip(1)) column.RightAligned();
        var more = c.Partners.Where(p => p.Delta > 0).Take(PrintedPartners).ToList();
        var less = c.Partners.Where(p => p.Delta < 0).OrderBy(p => p.Delta).ThenBy(p => p.PartnerId, StringComparer.Ordinal).Take(PrintedPartners).ToList();
        foreach (var p in more.Concat(less))
            partners.AddRow(Markup.Escape($"{p.PartnerId} {p.Name}"), format.Money(p.Current.Cost), format.Money(p.Candidate.Cost), format.SignedMoney(p.Delta));
        output.WriteLine($"Partners paid more: {c.Partners.Count(p => p.Delta > 0):N0}, less: {c.Partners.Count(p => p.Delta < 0):N0}, " +
                         $"the same: {c.Partners.Count(p => p.Delta == 0):N0}");
        if (partners.Rows.Count > 0) console.Write(partners);
    }
}

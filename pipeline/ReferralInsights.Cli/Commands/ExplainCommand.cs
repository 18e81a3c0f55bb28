using System.CommandLine;
using ReferralInsights.Cli.Explain;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using ReferralInsights.Reports;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>explain opportunity &lt;id&gt;</c>: why the published marts credit an opportunity the way they do.</summary>
internal static class ExplainCommand
{
    public static Command Create() => new("explain", "Explain a published number from the marts") { Opportunity() };

    private static Command Opportunity()
    {
        var config = CommonOptions.Config();
        var id = new Argument<string>("id") { Description = "The opportunity_id" };
        var command = new Command("opportunity",
            "The account, t0/t1, the sourcing and assist windows, every touch, the class, each model's credit per partner and the rule that decided the reward model's split")
        {
            config, id,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var marts = new OutputLayout(ConfigLoader.Load(parse.GetValue(config)!).OutputDir).Marts;
                if (!Directory.Exists(marts)) throw new DirectoryNotFoundException($"no published marts in {marts}: run `referral-insights run` first");
                using var reader = new MartReader(marts);
                var opportunity = parse.GetValue(id)!;
                var lines = new OpportunityExplainer(reader).Explain(opportunity);
                if (lines is null)
                {
                    error.WriteLine($"no opportunity {opportunity} in the published marts ({marts})");
                    return ExitCodes.Failed;
                }
                foreach (var line in lines) output.WriteLine(line);
                return 0;
            }
            catch (ConfigException e)
            {
                error.WriteLine(e.Message);
                return ExitCodes.ConfigError;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or DuckDB.NET.Data.DuckDBException)
            {
                error.WriteLine(e.Message);
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}

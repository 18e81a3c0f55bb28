using System.CommandLine;
using ReferralInsights.Cli.Commands;

namespace ReferralInsights.Cli;

/// <summary>The <c>referral-insights</c> command tree.</summary>
internal static class CliApp
{
    public static RootCommand Build() => new("ReferralInsights: attribution, rewards and reporting for B2B referral partner programs.")
    {
        RunCommand.Create(),
        ScheduleCommand.Create(),
        RunsCommand.Create(),
        GenerateCommand.Create(),
        QueryCommand.Create(),
        ModelCommand.Create(),
        PayoutsCommand.Create(),
        AuditCommand.Create(),
        ExplainCommand.Create(),
        SimulateCommand.Create(),
        ServeCommand.Create(),
        TokensCommand.Create(),
        BenchCommand.Create(),
    };
}

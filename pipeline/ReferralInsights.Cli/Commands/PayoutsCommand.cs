using System.CommandLine;
using System.Globalization;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using ReferralInsights.Reports;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>payouts --period 2025-Q3 [--out FILE]</c>: the payout file for finance (<see cref="PayoutFile"/>) from the
/// published marts: payable and capped rewards earned in the period that no payout line has paid, with a total per
/// partner.</summary>
internal static class PayoutsCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var period = new Option<string>("--period")
        {
            Description = "The period the rewards were earned in: YYYY or YYYY-Qn (fiscal, as in the marts) or YYYY-MM",
            Required = true,
        };
        var outFile = new Option<string?>("--out", "-o") { Description = "Write the CSV to this file (default: standard output)" };
        var command = new Command("payouts", "Write the payout file (CSV) of a period's unpaid payable and capped rewards, per partner")
        {
            config, period, outFile,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var loaded = ConfigLoader.Load(parse.GetValue(config)!);
                var marts = new OutputLayout(loaded.OutputDir).Marts;
                if (!Directory.Exists(marts)) throw new DirectoryNotFoundException($"no published marts in {marts}: run `referral-insights run` first");
                using var reader = new MartReader(marts);
                var (_, _, start, end, _) = new PublishedCalendar(reader).Period(parse.GetValue(period)!);
                if (parse.GetValue(outFile) is not { } file)
                {
                    PayoutFile.Write(reader, start, end, output);
                    return 0;
                }
                using (var writer = new StreamWriter(file, append: false, new System.Text.UTF8Encoding(false)))
                {
                    var summary = PayoutFile.Write(reader, start, end, writer);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{summary.Rewards:N0} rewards for {summary.Partners:N0} partners, total {summary.Total:N2} {loaded.Config.Program.Currency}: {Path.GetFullPath(file)}"));
                }
                return 0;
            }
            catch (ConfigException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return ExitCodes.ConfigError;
            }
            catch (Exception e) when (e is ArgumentException or IOException or DuckDB.NET.Data.DuckDBException)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}

using System.CommandLine;
using ReferralInsights.Cli.Run;
using ReferralInsights.SampleProgram;

namespace ReferralInsights.Cli.Commands;

internal static class GenerateCommand
{
    public static Command Create()
    {
        var outDir = new Option<string>("--out", "-o") { Description = "Folder to write crm/, portal/, clicks/ and ground_truth.csv into", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed writes the same files", DefaultValueFactory = _ => 42 };
        var scale = new Option<string>("--scale") { Description = "small | medium | large", DefaultValueFactory = _ => "small" };
        scale.AcceptOnlyFromAmong(ScaleNames.All);
        var command = new Command("generate", "Write a realistic sample program in the file-drop format") { outDir, seed, scale };
        command.SetAction(parse =>
        {
            var log = new RunLog(parse.InvocationConfiguration.Output);
            var summary = SampleProgramGenerator.Generate(parse.GetValue(outDir)!, parse.GetValue(seed),
                ScaleNames.Parse(parse.GetValue(scale)!), log.For("generate"));
            foreach (var (entity, rows) in summary.RowsPerEntity) log.Line("generate", $"{entity}: {rows:N0} rows");
            log.Line("generate", $"done in {summary.Elapsed.TotalSeconds:0.0} s");
            return 0;
        });
        return command;
    }
}

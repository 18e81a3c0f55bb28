using System.CommandLine;
using System.Globalization;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using ReferralInsights.Models.Referrals;
using ReferralInsights.Models.Registry;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>model train</c> and <c>model score</c>: the run's model stage on demand, from the published
/// <c>fct_referral_features</c> mart and the published registry (<c>&lt;output.dir&gt;/models/</c>).</summary>
internal static class LeadModelCommands
{
    public static Command Train()
    {
        var config = CommonOptions.Config();
        var seed = new Option<int>("--seed") { Description = "Random seed (the same data and seed give the same model)", DefaultValueFactory = _ => 42 };
        var command = new Command("train", "Train the lead-quality model on the published fct_referral_features (time split) and register it") { config, seed };
        command.SetAction(parse => Handle(parse, "model train", output =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            var layout = new OutputLayout(loaded.OutputDir);
            using var writer = OutputLock.For(loaded, "model train", output.WriteLine);
            var lead = new ReferralLeadModel(new ModelRegistry(layout.Models), parse.GetValue(seed), LeadModelStage.TrainerSettingsOf(loaded.Config.Model));
            var outcome = lead.TrainAsync(FeaturesFile(layout), loaded.Config.Model.MinTrainingRows, cutoff: PublishedAsOf(layout)).GetAwaiter().GetResult();
            if (outcome.Model is not { } model)
            {
                output.WriteLine($"not trained: {outcome.NotTrainedReason}");
                return ExitCodes.Failed;
            }
            var card = model.Card;
            var m = card.Metrics;
            output.WriteLine($"trained on {outcome.TrainableRows:N0} referrals submitted {card.TrainingWindow.From} … {card.TrainingWindow.To}");
            output.WriteLine("validation AUC per trainer (fitted on the older 80 %, scored on the newest 20 %): " +
                             string.Join(", ", m.CandidateValidationAuc.Select(kv => $"{kv.Key} {F(kv.Value)}")));
            output.WriteLine($"chosen: {card.Trainer}{(card.Calibration is null ? "" : " with Platt scaling")}");
            output.WriteLine($"AUC {F(m.Auc)}  log-loss {F(m.LogLoss)}  ECE {F(m.Ece)}  lift@10% {m.LiftTopDecile.ToString("0.00", CultureInfo.InvariantCulture)}  " +
                             $"({m.ValidationRows:N0} validation referrals, {m.ValidationPositives:N0} qualified)");
            output.WriteLine($"passes model.min_auc {loaded.Config.Model.MinAuc.ToString("0.00##", CultureInfo.InvariantCulture)}: {(m.Auc >= loaded.Config.Model.MinAuc ? "yes" : "no")}");
            output.WriteLine($"registered {card.Version}: {model.Folder}");
            return 0;
        }));
        return command;
    }

    public static Command Score()
    {
        var config = CommonOptions.Config();
        var outFile = new Option<string?>("--out") { Description = "Where to write the scores (Parquet; default <output.dir>/scores/lead_scores.parquet)" };
        var command = new Command("score", "Score every published referral with the newest registered model that passes model.min_auc") { config, outFile };
        command.SetAction(parse => Handle(parse, "model score", output =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            var layout = new OutputLayout(loaded.OutputDir);
            var file = Path.GetFullPath(parse.GetValue(outFile) ?? layout.Scores);
            var lead = new ReferralLeadModel(new ModelRegistry(layout.Models));
            var outcome = lead.ScoreAsync(FeaturesFile(layout), loaded.Config.Model.MinAuc, file, PublishedAsOf(layout)).GetAwaiter().GetResult();
            if (outcome.Model is not { } model)
            {
                output.WriteLine($"scored nothing: {outcome.NotScoredReason}");
                return ExitCodes.Failed;
            }
            output.WriteLine($"scored {outcome.Rows:N0} referrals with {model.Card.Version} ({model.Card.Trainer}, validation AUC {F(model.Card.Metrics.Auc)})");
            output.WriteLine($"written: {file} (the marts use the newest passing model at the next `run`)");
            return 0;
        }));
        return command;
    }

    private static string FeaturesFile(OutputLayout layout)
    {
        var file = Path.Combine(layout.Marts, ReferralFeatures.Mart + ".parquet");
        return File.Exists(file) ? file : throw new FileNotFoundException($"no published {ReferralFeatures.Mart} in {layout.Marts}: run `referral-insights run` first");
    }

    /// <summary>The as-of the published features were built at: the training cut-off of a model trained on them, and the
    /// day whose model scores them.</summary>
    private static DateOnly? PublishedAsOf(OutputLayout layout) =>
        RunManifest.LastToPublish(layout, OutputLayout.MartsZone)?.AsOfDate;

    private static int Handle(ParseResult parse, string name, Func<TextWriter, int> action)
    {
        try
        {
            return action(parse.InvocationConfiguration.Output);
        }
        catch (Exception e) when (e is ConfigException or FileNotFoundException or InvalidDataException or OutputLockedException or DuckDB.NET.Data.DuckDBException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"{name}: {e.Message}");
            return e switch
            {
                ConfigException => ExitCodes.ConfigError,
                OutputLockedException => ExitCodes.Locked,
                _ => ExitCodes.Failed,
            };
        }
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}

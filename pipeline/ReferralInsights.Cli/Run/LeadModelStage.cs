using ReferralInsights.Config;
using ReferralInsights.Models.Referrals;
using ReferralInsights.Models.Registry;
using ReferralInsights.Models.Training;

namespace ReferralInsights.Cli.Run;

/// <summary>The model stage of a run: trains on <c>fct_referral_features</c> (the staged mart, or the published one when the
/// run does not transform) when enough referrals may train, registers the model (training cut-off = as_of) in the staged
/// registry (a copy of the published one plus this run's model, published with the rest), and scores every referral with
/// the model of the newest cut-off on or before as_of that passes <c>model.min_auc</c>. Returns the scores
/// file for the warehouse, or null when nothing was scored (the report says why).</summary>
internal sealed class LeadModelStage(RunLog log)
{
    /// <summary>The trainers as the config's model section sets them.</summary>
    public static TrainerSettings TrainerSettingsOf(ModelOptions options) => TrainerSettings.Default with { MaxFitRows = options.MaxTrainingRows };

    /// <param name="timings">gets how long training and scoring took ("train", "score")</param>
    public (LeadModelReport Report, string? ScoresFile) Run(Action<string, TimeSpan> timings, ModelOptions options, DateOnly asOf, OutputLayout layout, string martsDir, OutputLayout staged)
    {
        Folders.Copy(layout.Models, staged.Models);
        var lead = new ReferralLeadModel(new ModelRegistry(staged.Models), settings: TrainerSettingsOf(options));
        var features = Path.Combine(martsDir, ReferralFeatures.Mart + ".parquet");

        // Named after the run's inputs: the same data and as-of give the same version, so reruns publish the same marts.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var trained = lead.TrainAsync(features, options.MinTrainingRows, hash => $"{asOf:yyyyMMdd}-{hash[..8]}", asOf).GetAwaiter().GetResult();
        if (trained.Model is { } model)
            log.Line("model", $"{(trained.Reused ? "already registered, reused" : "trained")} {model.Card.Version} on {trained.TrainableRows:N0} referrals: " +
                              $"{model.Card.Trainer}, validation AUC {model.Card.Metrics.Auc:0.0000} (newest referrals)");
        else log.Line("model", $"not trained: {trained.NotTrainedReason}");

        var scoresFile = Path.Combine(staged.Temp, "lead_scores.parquet");
        timings("train", watch.Elapsed);
        watch.Restart();
        // the published marts: a referral whose features did not change keeps its published score under the same model
        var earlier = new EarlierScores(Path.Combine(layout.Marts, ReferralFeatures.Mart + ".parquet"), Path.Combine(layout.Marts, "lead_scores.parquet"));
        var scored = lead.ScoreAsync(features, options.MinAuc, scoresFile, asOf, earlier).GetAwaiter().GetResult();
        timings("score", watch.Elapsed);
        // The staged registry is published as the registry: name the published folder.
        var notScored = scored.NotScoredReason?.Replace(staged.Models, layout.Models, StringComparison.Ordinal);
        log.Line("model", scored.Model is { } used
            ? $"scored {scored.Rows:N0} referrals with {used.Card.Version} (AUC {used.Card.Metrics.Auc:0.0000} ≥ model.min_auc {options.MinAuc:0.00##}); " +
              $"{scored.Reused:N0} of them kept their published score (features unchanged)"
            : $"scored nothing: {notScored}");

        var report = new LeadModelReport
        {
            TrainableRows = trained.TrainableRows,
            MinTrainingRows = options.MinTrainingRows,
            TrainedVersion = trained.Model?.Card.Version,
            Reused = trained.Reused,
            NotTrainedReason = trained.NotTrainedReason,
            MinAuc = options.MinAuc,
            ScoredVersion = scored.Model?.Card.Version,
            ScoredRows = scored.Rows,
            ReusedScores = scored.Reused,
            NotScoredReason = notScored,
        };
        report.Save(staged.Models);
        return (report, scored.Model is null ? null : scoresFile);
    }
}

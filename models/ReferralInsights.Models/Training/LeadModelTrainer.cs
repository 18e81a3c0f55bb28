using System.Diagnostics;
using Microsoft.ML;
using ReferralInsights.Models.Data;
using ReferralInsights.Models.Evaluation;

namespace ReferralInsights.Models.Training;

/// <summary>A fold's outcome: every candidate's AUCs, the winner (by validation AUC) and its test metrics
/// with the trainer's own probabilities and, when Platt scaling was triggered, after it.</summary>
public sealed record FoldReport(
    int Fold, int TrainRows, int TestRows, int TestPositives,
    IReadOnlyList<CandidateResult> Candidates, TrainerKind Winner,
    BinaryMetrics BeforeCalibration, BinaryMetrics? AfterCalibration, PlattScaling? Calibration, TimeSpan Elapsed)
{
    public BinaryMetrics Final => AfterCalibration ?? BeforeCalibration;
    public double Auc => Final.Auc;
}

public sealed record CrossValidationReport(IReadOnlyList<FoldReport> Folds, bool TimeOrdered, int Seed, TimeSpan Elapsed)
{
    public double MeanAuc => Folds.Average(f => f.Auc);
    public double StdAuc => Math.Sqrt(Folds.Average(f => Math.Pow(f.Auc - MeanAuc, 2)));
    /// <summary>Mean test AUC of each trainer family, had it always been chosen.</summary>
    public IReadOnlyDictionary<TrainerKind, double> MeanAucByTrainer =>
        Folds.SelectMany(f => f.Candidates).Where(c => c.TestAuc is not null).GroupBy(c => c.Trainer)
            .ToDictionary(g => g.Key, g => g.Average(c => c.TestAuc!.Value));
    public double MeanEceBefore => Folds.Average(f => f.BeforeCalibration.Ece);
    public double MeanEceAfter => Folds.Average(f => f.Final.Ece);
}

/// <summary>Trains the candidates on the same featurization, keeps the best by validation AUC, calibrates
/// it when needed; and cross-validates that whole procedure.</summary>
public static class LeadModelTrainer
{
    /// <summary>Trains on all rows of <paramref name="data"/>, holding back <see cref="TrainerSettings.ValidationFraction"/>
    /// (the latest rows when <paramref name="timeOrdered"/>) to choose the trainer and fit the calibration.</summary>
    public static TrainedModel Train(ModelData data, TrainerSettings? settings = null, int seed = 42, bool timeOrdered = false)
    {
        settings ??= TrainerSettings.Default;
        var labels = data.RequireLabels();
        var all = Enumerable.Range(0, data.RowCount).ToArray();
        var (fit, validation) = Folds.Inner(all, labels, settings.ValidationFraction, timeOrdered, seed);
        return Select(data, fit, validation, settings, seed);
    }

    /// <summary>k-fold cross-validation of <see cref="Train"/>: each fold chooses and calibrates on its own
    /// training rows only and is scored on its test rows. Folds run in parallel, each with its own
    /// <c>MLContext(seed + fold)</c>, so results do not depend on scheduling.</summary>
    public static CrossValidationReport CrossValidate(ModelData data, int folds = 5, bool timeOrdered = false, int seed = 42,
        TrainerSettings? settings = null, IProgress<string>? progress = null)
    {
        settings ??= TrainerSettings.Default;
        var labels = data.RequireLabels();
        var clock = Stopwatch.StartNew();
        var splits = timeOrdered ? Folds.TimeOrdered(data.RowCount, folds) : Folds.Stratified(labels, folds, seed);
        var reports = new FoldReport[splits.Count];
        Parallel.For(0, splits.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.ParallelFolds }, i =>
        {
            var split = splits[i];
            var foldClock = Stopwatch.StartNew();
            var foldSeed = seed + split.Fold;
            var (fit, validation) = Folds.Inner(split.Train, labels, settings.ValidationFraction, timeOrdered, foldSeed);
            var model = Select(data, fit, validation, settings, foldSeed, out var fitted);
            var testView = data.ToDataView(split.Test);
            var testLabels = split.Test.Select(r => labels[r]).ToArray();
            var candidates = model.Candidates.Select(c =>
            {
                var scores = fitted[c.Trainer].Predict(testView).Scores;
                return c with { TestAuc = Metrics.Auc(scores, testLabels) };
            }).ToArray();
            var (testScores, testOwn) = model.Candidate.Predict(testView);
            var before = BinaryMetrics.Compute(testOwn, testLabels, testScores);
            var after = model.Calibration is { } platt ? BinaryMetrics.Compute(platt.Apply(testScores), testLabels, testScores) : null;
            reports[i] = new FoldReport(split.Fold, split.Train.Length, split.Test.Length, testLabels.Count(l => l),
                candidates, model.Trainer, before, after, model.Calibration, foldClock.Elapsed);
            progress?.Report($"fold {split.Fold}: AUC {reports[i].Auc:0.0000} ({model.Trainer}) in {foldClock.Elapsed.TotalSeconds:0.0} s");
        });
        return new CrossValidationReport(reports, timeOrdered, seed, clock.Elapsed);
    }

    internal static TrainedModel Select(ModelData data, int[] fit, int[] validation, TrainerSettings settings, int seed) =>
        Select(data, fit, validation, settings, seed, out _);

    private static TrainedModel Select(ModelData data, int[] fit, int[] validation, TrainerSettings settings, int seed,
        out Dictionary<TrainerKind, IFittedCandidate> fitted)
    {
        var labels = data.RequireLabels();
        var ml = new MLContext(seed);
        var fitPool = fit;
        fit = Folds.TimeSpreadSample(fitPool, labels, settings.MaxFitRows);
        var fitView = data.ToDataView(fit);
        var featurizer = Featurizer.Build(ml, data.Schema).Fit(fitView);
        var featurized = ml.Data.Cache(featurizer.Transform(fitView));
        var slots = Featurizer.Slots(data.Schema, featurized.Schema);
        var validationView = data.ToDataView(validation);
        var validationLabels = validation.Select(r => labels[r]).ToArray();

        fitted = new Dictionary<TrainerKind, IFittedCandidate>();
        var results = new List<CandidateResult>();
        var predictions = new Dictionary<TrainerKind, (float[] Scores, float[] Probabilities)>();
        // Each candidate is fitted on one thread with its own seeded context, so fitting them side by side changes nothing.
        var candidates = new IFittedCandidate[settings.Candidates.Count];
        Parallel.For(0, candidates.Length, new ParallelOptions { MaxDegreeOfParallelism = settings.ParallelCandidates },
            i => candidates[i] = Candidates.Fit(new MLContext(seed), settings.Candidates[i], settings, seed, featurizer, featurized));
        foreach (var (trainer, candidate) in settings.Candidates.Zip(candidates))
        {
            fitted[trainer] = candidate;
            predictions[trainer] = candidate.Predict(validationView);
            results.Add(new CandidateResult(trainer, Metrics.Auc(predictions[trainer].Scores, validationLabels), null, candidate.FitTime));
        }
        // Best validation AUC; on a tie the earlier candidate in the settings' order.
        var winner = results.Aggregate((best, c) => c.ValidationAuc > best.ValidationAuc ? c : best).Trainer;
        var (scores, own) = predictions[winner];
        var before = BinaryMetrics.Compute(own, validationLabels, scores);
        PlattScaling? platt = null;
        var after = before;
        if (before.Ece > settings.RecalibrateAboveEce)
        {
            platt = PlattScaling.Fit(scores, validationLabels);
            after = BinaryMetrics.Compute(platt.Apply(scores), validationLabels, scores);
        }
        var chosen = fitted[winner];
        var fittedRows = fit.Length;
        if (settings.RefitWinner)
        {
            var all = Folds.TimeSpreadSample(fitPool.Concat(validation).Order().ToArray(), labels, settings.MaxFitRows);
            fittedRows = all.Length;
            var allView = data.ToDataView(all);
            var allFeaturizer = Featurizer.Build(ml, data.Schema).Fit(allView);
            var allFeaturized = ml.Data.Cache(allFeaturizer.Transform(allView));
            slots = Featurizer.Slots(data.Schema, allFeaturized.Schema);
            chosen = Candidates.Fit(ml, winner, settings, seed, allFeaturizer, allFeaturized);
        }
        return new TrainedModel(ml, data.Schema, chosen, slots, platt, results, before, after, fit.Length, validation.Length, fittedRows,
            settings.RefitWinner);
    }
}

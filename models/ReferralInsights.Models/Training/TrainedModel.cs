using Microsoft.ML;
using ReferralInsights.Models.Data;
using ReferralInsights.Models.Evaluation;

namespace ReferralInsights.Models.Training;

/// <summary>A candidate's result: AUC on the validation rows it was chosen by, and on the test rows when evaluated.</summary>
public sealed record CandidateResult(TrainerKind Trainer, double ValidationAuc, double? TestAuc, TimeSpan FitTime);

/// <summary>One factor behind a row's score: a source column, its value there, and its contribution to the
/// raw score (log-odds scale for the linear model; tree path contributions for FastTree/LightGbm).</summary>
public sealed record Factor(string Feature, string Value, double Contribution);

public sealed record RowExplanation(int Row, float Probability, IReadOnlyList<Factor> Factors);

/// <summary>Global importance of a source column: the AUC drop when its values are shuffled across the rows, and the
/// standard error of that over the shuffles (0 after one).</summary>
public sealed record FeatureImportance(string Feature, double AucDrop, double StandardError);

/// <summary>The chosen model: featurizer + winning trainer (+ Platt scaling when it was needed).</summary>
public sealed class TrainedModel
{
    private readonly MLContext _ml;
    private readonly IFittedCandidate _winner;

    internal TrainedModel(MLContext ml, DatasetSchema schema, IFittedCandidate winner, IReadOnlyList<FeatureSlots> slots,
        PlattScaling? calibration, IReadOnlyList<CandidateResult> candidates, BinaryMetrics beforeCalibration, BinaryMetrics validation,
        int fitRows, int validationRows, int fittedRows, bool refitted)
    {
        FittedRows = fittedRows;
        Refitted = refitted;
        _ml = ml;
        _winner = winner;
        Schema = schema;
        Slots = slots;
        Calibration = calibration;
        Candidates = candidates;
        ValidationBeforeCalibration = beforeCalibration;
        Validation = validation;
        FitRows = fitRows;
        ValidationRows = validationRows;
    }

    public DatasetSchema Schema { get; }
    public TrainerKind Trainer => _winner.Trainer;
    public IReadOnlyList<FeatureSlots> Slots { get; }
    /// <summary>Platt scaling fitted on the validation rows, or <c>null</c> when the trainer's own probabilities were calibrated well enough.</summary>
    public PlattScaling? Calibration { get; }
    public IReadOnlyList<CandidateResult> Candidates { get; }
    /// <summary>The winner on the validation rows, with the trainer's own probabilities.</summary>
    public BinaryMetrics ValidationBeforeCalibration { get; }
    /// <summary>The winner on the validation rows as it will score (after Platt scaling when applied — then
    /// in-sample for the calibration, so its ECE is optimistic; cross-validation gives the honest one).</summary>
    public BinaryMetrics Validation { get; }
    /// <summary>Whether the winner was fitted again on fit + validation rows after being chosen.</summary>
    public bool Refitted { get; }
    /// <summary>The rows the candidates were fitted on (a sample of the older rows past <see cref="TrainerSettings.MaxFitRows"/>).</summary>
    public int FitRows { get; }
    /// <summary>The rows the returned model was fitted on: after the refit, fit + validation rows (or a sample of them).</summary>
    public int FittedRows { get; }
    public int ValidationRows { get; }
    public IFittedCandidate Candidate => _winner;

    /// <summary>Probabilities of the positive class for every row of <paramref name="data"/>.</summary>
    public float[] Score(ModelData data) => Predict(data.ToDataView()).Probabilities;

    internal (float[] Scores, float[] Probabilities) Predict(IDataView view)
    {
        var (scores, probabilities) = _winner.Predict(view);
        return (scores, Calibration is { } platt ? platt.Apply(scores) : probabilities);
    }

    /// <summary>Per row, the <paramref name="top"/> source columns with the largest absolute contribution.</summary>
    public IReadOnlyList<RowExplanation> Explain(ModelData data, int top = 3) =>
        Explanations.Explain(_winner, Calibration, Slots, data, top);

    /// <summary>Permutation feature importance on labelled <paramref name="data"/> (its first <paramref name="maxRows"/> rows):
    /// per source column, how much the AUC falls when the column's values are shuffled across the rows (all its
    /// <c>Features</c> slots together, so a one-hot column is shuffled as the column it is), averaged over
    /// <paramref name="permutations"/> seeded shuffles; largest drop first. The rows are featurized once and re-scored
    /// in memory, the columns side by side; each shuffle is seeded by the column's position, so the result is the same on
    /// any number of cores.</summary>
    public IReadOnlyList<FeatureImportance> PermutationImportance(ModelData data, int permutations = 1, int? maxRows = null, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        var allLabels = data.RequireLabels();
        var rows = Enumerable.Range(0, Math.Min(data.RowCount, maxRows ?? int.MaxValue)).ToArray();
        var labels = rows.Select(r => allLabels[r]).ToArray();
        var width = _winner.Slots;
        var matrix = _winner.DenseFeatures(data.ToDataView(rows));
        var baseline = Metrics.Auc(_winner.ScoreFeatures(matrix), labels);
        var features = Schema.Features;
        var importance = new FeatureImportance[features.Count];
        Parallel.For(0, features.Count, f =>
        {
            var slots = Slots.Where(s => Explanations.IndexOf(features, s.Source) == f)
                .SelectMany(s => Enumerable.Range(s.Start, s.Length)).ToArray();
            var drops = new double[permutations];
            for (var p = 0; p < permutations && slots.Length > 0; p++)
            {
                var order = Enumerable.Range(0, rows.Length).ToArray();
                new Random(unchecked(seed * 1_000_003 + f * 7_919 + p)).Shuffle(order);
                var shuffled = (float[])matrix.Clone();
                for (var r = 0; r < rows.Length; r++)
                    foreach (var k in slots) shuffled[r * width + k] = matrix[order[r] * width + k];
                drops[p] = baseline - Metrics.Auc(_winner.ScoreFeatures(shuffled), labels);
            }
            var mean = drops.Average();
            var standardError = permutations == 1 ? 0 : Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / (permutations - 1) / permutations);
            importance[f] = new FeatureImportance(features[f].Name, mean, standardError);
        });
        return importance.OrderByDescending(f => f.AucDrop).ThenBy(f => f.Feature, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Writes the ML.NET chain (featurizer → trainer) to a zip; the input schema has no label.</summary>
    public void Save(string path)
    {
        var inputSchema = ModelData.Empty(Schema).ToDataView().Schema;
        _ml.Model.Save(_winner.Chain, inputSchema, path);
    }
}

using ReferralInsights.Models.Data;
using ReferralInsights.Models.Evaluation;
using ReferralInsights.Models.Training;

namespace ReferralInsights.Models.Registry;

/// <summary>The period (or row range) a model was trained on.</summary>
public sealed record TrainingWindow(string? From, string? To, int Rows)
{
    /// <summary>The window spanned by a date/time or numeric column of the training frame (its min and max).</summary>
    public static TrainingWindow FromColumn(TabularFrame frame, string column)
    {
        var raw = frame[column];
        var present = Enumerable.Range(0, frame.RowCount).Where(r => !raw.IsMissing(r)).ToArray();
        if (present.Length == 0) return new TrainingWindow(null, null, frame.RowCount);
        return raw switch
        {
            TemporalRawColumn t => new TrainingWindow(
                present.Min(r => t.Values[r]!.Value).ToString("O"), present.Max(r => t.Values[r]!.Value).ToString("O"), frame.RowCount),
            NumericRawColumn n => new TrainingWindow(
                present.Min(r => n.Values[r]).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                present.Max(r => n.Values[r]).ToString("R", System.Globalization.CultureInfo.InvariantCulture), frame.RowCount),
            _ => new TrainingWindow(present.Select(raw.Format).Min(StringComparer.Ordinal), present.Select(raw.Format).Max(StringComparer.Ordinal), frame.RowCount),
        };
    }
}

public sealed record ModelMetrics
{
    /// <summary>AUC on the validation rows (the model's gate metric).</summary>
    public required double Auc { get; init; }
    public required double LogLoss { get; init; }
    public required double Ece { get; init; }
    public required double EceBeforeCalibration { get; init; }
    public required double LiftTopDecile { get; init; }
    public required int ValidationRows { get; init; }
    public required int ValidationPositives { get; init; }
    public IReadOnlyDictionary<string, double> CandidateValidationAuc { get; init; } = new Dictionary<string, double>();
    /// <summary>Mean test AUC of a cross-validation run of the same procedure, when one was made.</summary>
    public double? CrossValidationMeanAuc { get; init; }
    public IReadOnlyList<CalibrationBin> Calibration { get; init; } = [];
}

/// <summary><c>model.json</c>: everything needed to trust, compare and reuse a saved model.</summary>
public sealed record ModelCard
{
    public required string Version { get; init; }
    public required DateTimeOffset TrainedAtUtc { get; init; }
    public required string Trainer { get; init; }
    public required TrainingWindow TrainingWindow { get; init; }
    /// <summary>The rows the saved model was fitted on: fewer than the window's when training was bounded
    /// (<see cref="TrainerSettings.MaxFitRows"/>). Null on cards written before training could be bounded (all rows).</summary>
    public int? FittedRows { get; init; }
    public required IReadOnlyList<string> Features { get; init; }
    public required DatasetSchema Schema { get; init; }
    public required ModelMetrics Metrics { get; init; }
    /// <summary>SHA-256 of the training frame (<see cref="TabularFrame.ContentHash"/>).</summary>
    public required string DataHash { get; init; }
    public required int Seed { get; init; }
    public PlattScaling? Calibration { get; init; }
    /// <summary>Permutation importance (the AUC drop when a source column is shuffled), largest first, when it was measured.</summary>
    public IReadOnlyList<FeatureImportance> FeatureImportance { get; init; } = [];
    public string? Notes { get; init; }
    /// <summary>The as-of the training data was cut at: nothing after that day was known to the model. Null on cards of
    /// models registered without one (their training day stands in: they cannot have known anything later).</summary>
    public DateOnly? TrainingCutoff { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public DateOnly EffectiveCutoff => TrainingCutoff ?? DateOnly.FromDateTime(TrainedAtUtc.UtcDateTime);

    public static ModelCard Describe(TrainedModel model, string version, DateTimeOffset trainedAt, TrainingWindow window,
        string dataHash, int seed, double? crossValidationMeanAuc = null, string? notes = null) => new()
    {
        Version = version,
        TrainedAtUtc = trainedAt,
        Trainer = model.Trainer.ToString(),
        TrainingWindow = window,
        FittedRows = model.FittedRows,
        Features = model.Schema.Features.Select(f => f.Name).ToArray(),
        Schema = model.Schema,
        Metrics = new ModelMetrics
        {
            Auc = model.Validation.Auc,
            LogLoss = model.Validation.LogLoss,
            Ece = model.Validation.Ece,
            EceBeforeCalibration = model.ValidationBeforeCalibration.Ece,
            LiftTopDecile = model.Validation.LiftTopDecile,
            ValidationRows = model.Validation.Count,
            ValidationPositives = model.Validation.Positives,
            CandidateValidationAuc = model.Candidates.ToDictionary(c => c.Trainer.ToString(), c => c.ValidationAuc),
            CrossValidationMeanAuc = crossValidationMeanAuc,
            Calibration = model.Validation.Calibration,
        },
        DataHash = dataHash,
        Seed = seed,
        Calibration = model.Calibration,
        Notes = notes,
    };
}

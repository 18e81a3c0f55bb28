namespace ReferralInsights.Models.Training;

public enum TrainerKind { FastTree, LightGbm, Logistic }

/// <summary>Hyper-parameters of the candidate trainers and how a model is chosen and calibrated.</summary>
public sealed record TrainerSettings
{
    public IReadOnlyList<TrainerKind> Candidates { get; init; } = [TrainerKind.FastTree, TrainerKind.LightGbm, TrainerKind.Logistic];

    public int FastTreeTrees { get; init; } = 300;
    public int FastTreeLeaves { get; init; } = 16;
    public int FastTreeMinLeaf { get; init; } = 40;
    public double FastTreeLearningRate { get; init; } = 0.05;
    public double FastTreeFeatureFraction { get; init; } = 0.8;

    public int LightGbmIterations { get; init; } = 300;
    public int LightGbmLeaves { get; init; } = 16;
    public int LightGbmMinLeaf { get; init; } = 40;
    public double LightGbmLearningRate { get; init; } = 0.05;
    public double LightGbmFeatureFraction { get; init; } = 0.8;
    public double LightGbmL2 { get; init; } = 1.0;

    public float LogisticL2 { get; init; } = 1f;

    /// <summary>Threads per trainer. 1 keeps every trainer bit-for-bit reproducible; folds run in parallel instead.</summary>
    public int ThreadsPerTrainer { get; init; } = 1;
    /// <summary>Folds trained at the same time (each with its own <c>MLContext</c> and seed).</summary>
    public int ParallelFolds { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Candidate trainers fitted at the same time (each on one thread, with its own seeded <c>MLContext</c>).</summary>
    public int ParallelCandidates { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Share of the training rows held back to choose the trainer and fit the calibration
    /// (the last rows in time-ordered mode, a stratified random sample otherwise).</summary>
    public double ValidationFraction { get; init; } = 0.2;
    /// <summary>When the winner's expected calibration error on the validation rows is above this, a Platt
    /// scaling fitted on those rows replaces the trainer's own probabilities.</summary>
    public double RecalibrateAboveEce { get; init; } = 0.03;

    /// <summary>After choosing (and calibrating) on the validation rows, fit the winner again on all training
    /// rows; the Platt scaling found on the validation rows is kept.</summary>
    public bool RefitWinner { get; init; } = true;

    /// <summary>Rows a model is fitted on, at most: past this, the fit rows (and the refit's) are a
    /// <see cref="Folds.TimeSpreadSample"/> of them. The validation rows are always all of them.</summary>
    public int MaxFitRows { get; init; } = int.MaxValue;

    public static TrainerSettings Default { get; } = new();

    /// <summary>Small ensembles for tests and quick looks (roughly 5× faster, a little less accurate).</summary>
    public static TrainerSettings Quick { get; } = new()
    {
        FastTreeTrees = 60, LightGbmIterations = 60, FastTreeLearningRate = 0.15, LightGbmLearningRate = 0.15,
    };
}

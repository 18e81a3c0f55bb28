using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using ReferralInsights.Models.Data;

namespace ReferralInsights.Models.Training;

/// <summary>A fitted candidate: featurizer → (normalizer) → typed prediction transformer.</summary>
public interface IFittedCandidate
{
    TrainerKind Trainer { get; }
    TimeSpan FitTime { get; }
    /// <summary>The data as the predictor sees it: featurized (and normalized for the linear model).</summary>
    IDataView PredictorInput(IDataView raw);
    /// <summary>Raw scores (margins) and the trainer's own calibrated probabilities.</summary>
    (float[] Scores, float[] Probabilities) Predict(IDataView raw);
    /// <summary>The trainer's own calibrated probability of a raw score.</summary>
    float Probability(float score);
    /// <summary>In one pass over <paramref name="raw"/>: each row's raw score into <paramref name="scores"/> and its
    /// contributions into <paramref name="contributions"/> (row-major, a row per <paramref name="groups"/> values): the
    /// contribution of <c>Features</c> slot <c>k</c> counts towards group <c>groupOfSlot[k]</c> (one group per slot gives
    /// each slot's own).</summary>
    void ScoreAndContribute(IDataView raw, int[] groupOfSlot, int groups, Span<float> scores, Span<double> contributions);
    /// <summary>The <c>Features</c> slots the predictor reads.</summary>
    int Slots { get; }
    /// <summary>The <c>Features</c> rows the predictor reads for <paramref name="raw"/>: dense, row-major, <see cref="Slots"/> values a row.</summary>
    float[] DenseFeatures(IDataView raw);
    /// <summary>The raw score of each row of <paramref name="rows"/> (row-major <c>Features</c>, as <see cref="DenseFeatures"/>
    /// gives them): what <see cref="Predict"/> scores for the rows they came from.</summary>
    float[] ScoreFeatures(ReadOnlySpan<float> rows);
    /// <summary>The whole chain, for saving.</summary>
    ITransformer Chain { get; }
}

internal sealed class FittedCandidate<TSub>(
    MLContext ml, TrainerKind trainer, ITransformer featurizer, ITransformer? normalizer,
    ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<TSub, PlattCalibrator>> predictor, TimeSpan fitTime)
    : IFittedCandidate where TSub : class, ICalculateFeatureContribution
{
    private readonly int _slots = predictor.FeatureColumnType is VectorDataViewType { Size: > 0 } features
        ? features.Size : throw new InvalidDataException($"the predictor reads {predictor.FeatureColumnType}, not a fixed-size vector");
    private readonly TreePathExplainer? _trees = predictor.Model.SubModel is TreeEnsembleModelParametersBasedOnRegressionTree ensemble
        ? new TreePathExplainer(ensemble.TrainedTreeEnsemble) : null;
    private readonly float[]? _weights = predictor.Model.SubModel switch
    {
        LinearBinaryModelParameters linear => linear.Weights.ToArray(),
        TreeEnsembleModelParametersBasedOnRegressionTree => null,
        var other => throw new InvalidDataException($"no contributions for a {other.GetType().Name}"),
    };
    private readonly float _bias = (predictor.Model.SubModel as LinearBinaryModelParameters)?.Bias ?? 0f;

    public TrainerKind Trainer => trainer;
    public TimeSpan FitTime => fitTime;
    public ITransformer Chain => normalizer is null
        ? new TransformerChain<ITransformer>(featurizer, predictor)
        : new TransformerChain<ITransformer>(featurizer, normalizer, predictor);

    public IDataView PredictorInput(IDataView raw)
    {
        var featurized = featurizer.Transform(raw);
        return normalizer is null ? featurized : normalizer.Transform(featurized);
    }

    public (float[] Scores, float[] Probabilities) Predict(IDataView raw)
    {
        var scored = predictor.Transform(PredictorInput(raw));
        var scores = new List<float>();
        var probabilities = new List<float>();
        using var cursor = scored.GetRowCursor([scored.Schema["Score"], scored.Schema["Probability"]]);
        var score = cursor.GetGetter<float>(scored.Schema["Score"]);
        var probability = cursor.GetGetter<float>(scored.Schema["Probability"]);
        float value = 0;
        while (cursor.MoveNext())
        {
            score(ref value);
            scores.Add(value);
            probability(ref value);
            probabilities.Add(value);
        }
        return (scores.ToArray(), probabilities.ToArray());
    }

    public float Probability(float score) => predictor.Model.Calibrator.PredictProbability(score);

    public void ScoreAndContribute(IDataView raw, int[] groupOfSlot, int groups, Span<float> scores, Span<double> contributions)
    {
        var slots = groupOfSlot.Length;
        if (slots != _slots) throw new ArgumentException($"the predictor has {_slots} Features slots, not {slots}", nameof(groupOfSlot));
        if (groupOfSlot.Any(g => g < 0 || g >= groups)) throw new ArgumentOutOfRangeException(nameof(groupOfSlot), $"a group outside 0…{groups - 1}");
        contributions.Clear();
        var grouped = _trees?.Group(groupOfSlot);
        // The linear model's score is ML.NET's (a SIMD dot product), read beside its features; trees score themselves.
        var view = _trees is null ? predictor.Transform(PredictorInput(raw)) : PredictorInput(raw);
        var features = view.Schema[Featurizer.FeaturesColumn];
        using var cursor = view.GetRowCursor(_trees is null ? [features, view.Schema["Score"]] : [features]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        var getScore = _trees is null ? cursor.GetGetter<float>(view.Schema["Score"]) : null;
        var buffer = default(VBuffer<float>);
        var dense = new float[slots];
        var scratch = new int[_trees?.ScratchLength ?? 0];
        var rowMask = new ulong[TreePathExplainer.MaskLength(slots)];
        for (var row = 0; cursor.MoveNext(); row++)
        {
            getFeatures(ref buffer);
            buffer.CopyTo(dense);
            var contribution = contributions.Slice(row * groups, groups);
            if (_trees is not null)
                scores[row] = _trees.Explain(dense, contribution, grouped!, scratch, rowMask);
            else
            {
                getScore!(ref scores[row]);
                for (var k = 0; k < slots; k++) contribution[groupOfSlot[k]] += _weights![k] * dense[k];
            }
        }
    }

    public int Slots => _slots;

    public float[] DenseFeatures(IDataView raw)
    {
        var view = PredictorInput(raw);
        var features = view.Schema[Featurizer.FeaturesColumn];
        var rows = new List<float>();
        using var cursor = view.GetRowCursor([features]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        var buffer = default(VBuffer<float>);
        var dense = new float[_slots];
        while (cursor.MoveNext())
        {
            getFeatures(ref buffer);
            buffer.CopyTo(dense);
            rows.AddRange(dense);
        }
        return rows.ToArray();
    }

    private float LinearScore(ReadOnlySpan<float> row)
    {
        var score = _bias;
        for (var k = 0; k < row.Length; k++) score += _weights![k] * row[k];
        return score;
    }

    public float[] ScoreFeatures(ReadOnlySpan<float> rows)
    {
        if (rows.Length % _slots != 0) throw new ArgumentException($"{rows.Length} values are no whole rows of {_slots} slots", nameof(rows));
        var scores = new float[rows.Length / _slots];
        var rowMask = new ulong[TreePathExplainer.MaskLength(_slots)];
        for (var r = 0; r < scores.Length; r++)
        {
            var row = rows.Slice(r * _slots, _slots);
            scores[r] = _trees?.Score(row, rowMask) ?? LinearScore(row);
        }
        return scores;
    }
}

/// <summary>Fits the candidate trainers on already-featurized rows.</summary>
internal static class Candidates
{
    public static IFittedCandidate Fit(MLContext ml, TrainerKind trainer, TrainerSettings s, int seed, ITransformer featurizer, IDataView featurized)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var label = ColumnarDataView.LabelColumn;
        var features = Featurizer.FeaturesColumn;
        switch (trainer)
        {
            case TrainerKind.FastTree:
            {
                var predictor = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    LabelColumnName = label, FeatureColumnName = features,
                    NumberOfTrees = s.FastTreeTrees, NumberOfLeaves = s.FastTreeLeaves, MinimumExampleCountPerLeaf = s.FastTreeMinLeaf,
                    LearningRate = s.FastTreeLearningRate, FeatureFraction = s.FastTreeFeatureFraction,
                    NumberOfThreads = s.ThreadsPerTrainer, Seed = seed, FeatureSelectionSeed = seed,
                }).Fit(featurized);
                return new FittedCandidate<FastTreeBinaryModelParameters>(ml, trainer, featurizer, null, predictor, clock.Elapsed);
            }
            case TrainerKind.LightGbm:
            {
                var predictor = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    LabelColumnName = label, FeatureColumnName = features,
                    NumberOfIterations = s.LightGbmIterations, NumberOfLeaves = s.LightGbmLeaves, MinimumExampleCountPerLeaf = s.LightGbmMinLeaf,
                    LearningRate = s.LightGbmLearningRate,
                    Booster = new GradientBooster.Options { FeatureFraction = s.LightGbmFeatureFraction, L2Regularization = s.LightGbmL2 },
                    NumberOfThreads = s.ThreadsPerTrainer, Seed = seed, Deterministic = true, Silent = true, Verbose = false,
                }).Fit(featurized);
                return new FittedCandidate<LightGbmBinaryModelParameters>(ml, trainer, featurizer, null, predictor, clock.Elapsed);
            }
            case TrainerKind.Logistic:
            {
                // L-BFGS passes over the data many times: cache the normalized rows once.
                var fitted = ml.Transforms.NormalizeMeanVariance(features)
                    .AppendCacheCheckpoint(ml)
                    .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                    {
                        LabelColumnName = label, FeatureColumnName = features, L2Regularization = s.LogisticL2,
                        NumberOfThreads = s.ThreadsPerTrainer, Quiet = true,
                    }))
                    .Fit(featurized);
                return new FittedCandidate<LinearBinaryModelParameters>(ml, trainer, featurizer, fitted.First(), fitted.LastTransformer, clock.Elapsed);
            }
            default: throw new ArgumentOutOfRangeException(nameof(trainer));
        }
    }

    /// <summary>The typed candidate inside a chain loaded from a <c>model.zip</c> (featurizer → [normalizer] → predictor).
    /// ML.NET loads the chain as plain <see cref="ITransformer"/>s, but it re-creates the prediction transformer with its
    /// model's runtime type, so the predictor can be cast back to the typed interface that feature contributions and
    /// permutation importance need — which model parameters to cast to is the trainer recorded on the model card.</summary>
    public static IFittedCandidate FromLoadedChain(MLContext ml, TrainerKind trainer, ITransformer loaded)
    {
        var parts = (loaded as TransformerChain<ITransformer>
                     ?? throw new InvalidDataException($"the saved model is a {loaded.GetType().Name}, not a transformer chain")).ToArray();
        if (parts.Length is not (2 or 3)) throw new InvalidDataException($"the saved chain has {parts.Length} parts; expected featurizer, [normalizer,] predictor");
        var featurizer = parts[0];
        var normalizer = parts.Length == 3 ? parts[1] : null;
        return trainer switch
        {
            TrainerKind.FastTree => Loaded<FastTreeBinaryModelParameters>(ml, trainer, featurizer, normalizer, parts[^1]),
            TrainerKind.LightGbm => Loaded<LightGbmBinaryModelParameters>(ml, trainer, featurizer, normalizer, parts[^1]),
            TrainerKind.Logistic => Loaded<LinearBinaryModelParameters>(ml, trainer, featurizer, normalizer, parts[^1]),
            _ => throw new ArgumentOutOfRangeException(nameof(trainer)),
        };
    }

    private static FittedCandidate<TSub> Loaded<TSub>(MLContext ml, TrainerKind trainer, ITransformer featurizer, ITransformer? normalizer,
        ITransformer predictor) where TSub : class, ICalculateFeatureContribution =>
        predictor is ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<TSub, PlattCalibrator>> typed
            ? new FittedCandidate<TSub>(ml, trainer, featurizer, normalizer, typed, TimeSpan.Zero)
            : throw new InvalidDataException($"the saved predictor is a {predictor.GetType().Name}, not a calibrated {typeof(TSub).Name} as the card says ({trainer})");
}

using System.Collections.Immutable;
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
    /// <summary>Per row, each <c>Features</c> slot's contribution to the score.</summary>
    float[][] Contributions(IDataView raw);
    /// <summary>Per <c>Features</c> slot, the AUC change when that slot is permuted (typed LastTransformer overload).</summary>
    ImmutableArray<BinaryClassificationMetricsStatistics> PermutationImportance(IDataView raw, int permutations, int? maxRows);
    /// <summary>The whole chain, for saving.</summary>
    ITransformer Chain { get; }
}

internal sealed class FittedCandidate<TSub>(
    MLContext ml, TrainerKind trainer, ITransformer featurizer, ITransformer? normalizer,
    ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<TSub, PlattCalibrator>> predictor, TimeSpan fitTime)
    : IFittedCandidate where TSub : class, ICalculateFeatureContribution
{
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
        return (scored.GetColumn<float>("Score").ToArray(), scored.GetColumn<float>("Probability").ToArray());
    }

    public float[][] Contributions(IDataView raw)
    {
        var input = PredictorInput(raw);
        var slots = ((VectorDataViewType)input.Schema[Featurizer.FeaturesColumn].Type).Size;
        var fcc = ml.Transforms.CalculateFeatureContribution(predictor, numberOfPositiveContributions: slots,
            numberOfNegativeContributions: slots, normalize: false).Fit(input);
        var result = new List<float[]>();
        foreach (var buffer in fcc.Transform(input).GetColumn<VBuffer<float>>("FeatureContributions"))
        {
            var dense = new float[slots];
            buffer.CopyTo(dense);
            result.Add(dense);
        }
        return result.ToArray();
    }

    public ImmutableArray<BinaryClassificationMetricsStatistics> PermutationImportance(IDataView raw, int permutations, int? maxRows) =>
        ml.BinaryClassification.PermutationFeatureImportance(predictor, PredictorInput(raw),
            labelColumnName: ColumnarDataView.LabelColumn, numberOfExamplesToUse: maxRows, permutationCount: permutations);
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

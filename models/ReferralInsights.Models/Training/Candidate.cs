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
    BinaryPredictionTransformer<CalibratedModelParametersBase<TSub, PlattCalibrator>> predictor, TimeSpan fitTime)
    : IFittedCandidate where TSub : class, ICalculateFeatureContribution
{
    public TrainerKind Trainer => trainer;
    public TimeSpan FitTime => fitTime;
    public BinaryPredictionTransformer<CalibratedModelParametersBase<TSub, PlattCalibrator>> Predictor => predictor;

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
public static class Candidates
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
}

using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using ReferralInsights.Models.Data;
using ReferralInsights.Models.Training;

namespace ReferralInsights.Models.Tests.Training;

/// <summary>Scores and contributions come from our own pass over the trees (and the linear weights); these pin them to
/// what ML.NET itself gives for the same fitted model: its Score and Probability columns bit for bit, and its feature
/// contribution calculator to float rounding.</summary>
public class ScoreAndContributeTests
{
    private static readonly TrainerSettings Small = TrainerSettings.Quick with { FastTreeTrees = 40, LightGbmIterations = 40 };

    [Theory]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.Logistic)]
    public void ScoreAndContribute_EqualsMlNetScoresProbabilitiesAndContributions(TrainerKind trainer)
    {
        var data = TestData.Prepare(ChannelDriven(3_000, seed: 4));
        AssertSameAsMlNet(LeadModelTrainer.Train(data, Small with { Candidates = [trainer] }, seed: 3).Candidate, data);
    }

    // LightGbm treats one-hot levels as a category only past 50,000 rows (ML.NET's default): on this many, with the
    // channel carrying most of the signal, it splits on the channel as a category, so the categorical rule (the level
    // that sent the row right gains, the others lose) is checked against ML.NET too.
    [Fact]
    public void ScoreAndContribute_LightGbmWithCategoricalSplits_EqualsMlNet()
    {
        var data = TestData.Prepare(ChannelDriven(60_000, seed: 4));
        var candidate = LeadModelTrainer.Train(data, Small with { Candidates = [TrainerKind.LightGbm] }, seed: 3).Candidate;
        var predictor = (ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>>)
            ((TransformerChain<ITransformer>)candidate.Chain).Last();
        Assert.Contains(predictor.Model.SubModel.TrainedTreeEnsemble.Trees, t => t.CategoricalSplitFlags.Any(categorical => categorical));
        AssertSameAsMlNet(candidate, data);
    }

    private static void AssertSameAsMlNet(IFittedCandidate candidate, ModelData data)
    {
        var view = data.ToDataView();
        var input = candidate.PredictorInput(view);
        var slots = ((VectorDataViewType)input.Schema[Featurizer.FeaturesColumn].Type).Size;
        var scores = new float[data.RowCount];
        var contributions = new double[data.RowCount * slots];

        candidate.ScoreAndContribute(view, Enumerable.Range(0, slots).ToArray(), slots, scores, contributions);

        var (mlScores, mlProbabilities) = candidate.Predict(view);
        Assert.Equal(mlScores, scores);
        Assert.Equal(mlProbabilities, Array.ConvertAll(scores, candidate.Probability));
        AssertDenseScoresSameAsMlNet(candidate, view, data.RowCount, mlScores);
        var mlContributions = MlNetContributions(candidate, input, slots);
        var largestGap = 0.0;
        for (var row = 0; row < data.RowCount; row++)
            for (var k = 0; k < slots; k++)
                largestGap = Math.Max(largestGap, Math.Abs(contributions[row * slots + k] - mlContributions[row][k]) / Math.Max(1, Math.Abs(mlContributions[row][k])));
        // ML.NET sums each slot's contributions in float, tree after tree; 40 such sums drift by up to ~40 × 2⁻²⁴ of the total.
        Assert.InRange(largestGap, 0, 5e-6);
        Assert.Contains(contributions, c => Math.Abs(c) > 0.01);
        AssertGroupsSumTheirSlots(candidate, view, slots, contributions);
    }

    // Permutation importance re-scores featurized rows in memory: those scores are ML.NET's for the rows they came from
    // (the trees' bit for bit; the linear model's up to the order its dot product adds in).
    private static void AssertDenseScoresSameAsMlNet(IFittedCandidate candidate, IDataView view, int rows, float[] mlScores)
    {
        var dense = candidate.DenseFeatures(view);
        var scores = candidate.ScoreFeatures(dense);

        Assert.Equal(rows * candidate.Slots, dense.Length);
        if (candidate.Trainer == TrainerKind.Logistic)
            for (var row = 0; row < rows; row++) Assert.Equal(mlScores[row], scores[row], 1e-5f * Math.Max(1, Math.Abs(mlScores[row])));
        else Assert.Equal(mlScores, scores);
    }

    // Grouped (as explanations group the slots of a source column), each group is the sum of its slots' contributions:
    // a categorical split adds its levels' share once per group, not once per level.
    private static void AssertGroupsSumTheirSlots(IFittedCandidate candidate, IDataView view, int slots, double[] perSlot)
    {
        var groupOfSlot = Enumerable.Range(0, slots).Select(k => k % 3).ToArray();
        var rows = perSlot.Length / slots;
        var scores = new float[rows];
        var grouped = new double[rows * 3];
        candidate.ScoreAndContribute(view, groupOfSlot, 3, scores, grouped);
        for (var row = 0; row < rows; row++)
            for (var g = 0; g < 3; g++)
            {
                var sum = 0.0;
                for (var k = g; k < slots; k += 3) sum += perSlot[row * slots + k];
                Assert.InRange(grouped[row * 3 + g] - sum, -1e-9, 1e-9);
            }
    }

    // Rows are explained in blocks on several threads: a row's explanation is the same in the last block of a large
    // frame as when it is the first row of a frame of its own.
    [Fact]
    public void Explain_RowInALaterBlock_SameAsTheRowExplainedAlone()
    {
        var rows = 2 * Explanations.BlockRows + 500;
        var frame = ChannelDriven(rows, seed: 8);
        var data = TestData.Prepare(frame);
        var model = LeadModelTrainer.Train(data, Small with { Candidates = [TrainerKind.LightGbm] }, seed: 5);
        var tail = Enumerable.Range(rows - 40, 40).ToArray();

        var whole = model.Explain(data, top: 3);
        var alone = model.Explain(model.Schema.Prepare(Slice(frame, tail)), top: 3);

        for (var i = 0; i < tail.Length; i++)
        {
            Assert.Equal(whole[tail[i]].Probability, alone[i].Probability);
            Assert.Equal(whole[tail[i]].Factors, alone[i].Factors);
        }
    }

    private static double[][] MlNetContributions(IFittedCandidate candidate, IDataView input, int slots) =>
        ((TransformerChain<ITransformer>)candidate.Chain).Last() switch
        {
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> p => MlNetContributions(p, input, slots),
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> p => MlNetContributions(p, input, slots),
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> p => MlNetContributions(p, input, slots),
            var other => throw new ArgumentException(other.GetType().Name),
        };

    private static double[][] MlNetContributions<TSub>(ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<TSub, PlattCalibrator>> predictor,
        IDataView input, int slots) where TSub : class, ICalculateFeatureContribution
    {
        var fcc = new MLContext(seed: 1).Transforms.CalculateFeatureContribution(predictor, numberOfPositiveContributions: slots,
            numberOfNegativeContributions: slots, normalize: false).Fit(input);
        return fcc.Transform(input).GetColumn<VBuffer<float>>("FeatureContributions")
            .Select(buffer =>
            {
                var dense = new float[slots];
                buffer.CopyTo(dense);
                return Array.ConvertAll(dense, c => (double)c);
            }).ToArray();
    }

    /// <summary>The label is 1 when <c>signal</c> plus a per-channel shift plus noise &gt; 0 (partner +1.5, event −1).</summary>
    private static TabularFrame ChannelDriven(int rows, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        string[] channels = ["web", "partner", "event", "email", "webinar"];
        var signal = new double[rows];
        var noise = new double[rows];
        var channel = new string?[rows];
        var label = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            signal[i] = Normal();
            noise[i] = Normal();
            channel[i] = i % 23 == 0 ? null : channels[random.Next(channels.Length)];
            var shift = channel[i] switch { "partner" => 1.5, "event" => -1.0, _ => 0.0 };
            label[i] = 0.5 * signal[i] + shift + 0.5 * Normal() > 0 ? 1 : 0;
        }
        return new TabularFrame([
            new NumericRawColumn("signal", "Double", signal),
            new TextRawColumn("channel", "String", channel),
            new NumericRawColumn("noise", "Double", noise),
            new NumericRawColumn("converted", "Int64", label),
        ]);
    }

    private static TabularFrame Slice(TabularFrame frame, int[] rows) => new(frame.Columns.Select(RawColumn (column) => column switch
    {
        NumericRawColumn n => new NumericRawColumn(n.Name, n.SourceType, rows.Select(r => n.Values[r]).ToArray()),
        TextRawColumn t => new TextRawColumn(t.Name, t.SourceType, rows.Select(r => t.Values[r]).ToArray()),
        _ => throw new ArgumentException(column.GetType().Name),
    }).ToList());
}

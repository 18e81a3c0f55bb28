using ReferralInsights.Models.Training;
using Xunit.Abstractions;

namespace ReferralInsights.Models.Tests.Training;

public class TrainingTests(ITestOutputHelper output)
{
    private static readonly TrainerSettings Small = TrainerSettings.Quick with { FastTreeTrees = 30, LightGbmIterations = 30 };

    // Same seed → the same folds, winners and AUCs, whether folds run one at a time or in parallel.
    [Fact]
    public void CrossValidate_SameSeed_IdenticalFoldAucs()
    {
        var data = TestData.Prepare(TestData.Synthetic(800, seed: 3));
        var first = LeadModelTrainer.CrossValidate(data, folds: 3, seed: 11, settings: Small with { ParallelFolds = 2 });
        var second = LeadModelTrainer.CrossValidate(data, folds: 3, seed: 11, settings: Small with { ParallelFolds = 1 });
        Assert.Equal(first.Folds.Select(f => f.Auc), second.Folds.Select(f => f.Auc));
        Assert.Equal(first.Folds.Select(f => f.Winner), second.Folds.Select(f => f.Winner));
        Assert.Equal(first.Folds.SelectMany(f => f.Candidates.Select(c => c.TestAuc)), second.Folds.SelectMany(f => f.Candidates.Select(c => c.TestAuc)));
        output.WriteLine(string.Join(", ", first.Folds.Select(f => $"{f.Auc:0.0000} ({f.Winner})")));
    }

    // The label depends on 'signal' only: it must rank first in permutation importance, lead most rows'
    // explanations, and the model must separate the classes (AUC > 0.9).
    [Fact]
    public void Train_LabelFromOneFeature_ThatFeatureRanksFirst()
    {
        var data = TestData.Prepare(TestData.Synthetic(1500, seed: 5));
        var model = LeadModelTrainer.Train(data, Small, seed: 1);
        output.WriteLine($"winner {model.Trainer}, validation AUC {model.Validation.Auc:0.0000}");
        Assert.True(model.Validation.Auc > 0.9, $"validation AUC {model.Validation.Auc}");

        var importance = model.PermutationImportance(data);
        foreach (var f in importance) output.WriteLine($"  {f.Feature,-8} ΔAUC {f.AucDrop:0.0000} ± {f.StandardError:0.0000}");
        Assert.Equal("signal", importance[0].Feature);
        Assert.True(importance[0].AucDrop > 10 * Math.Max(0.001, importance[1].AucDrop));

        var explanations = model.Explain(data, top: 2);
        Assert.Equal(data.RowCount, explanations.Count);
        var ledBySignal = explanations.Count(e => e.Factors.Count > 0 && e.Factors[0].Feature == "signal");
        Assert.True(ledBySignal > 0.8 * data.RowCount, $"{ledBySignal} of {data.RowCount} rows led by 'signal'");

        var cv = LeadModelTrainer.CrossValidate(data, folds: 3, seed: 1, settings: Small);
        Assert.True(cv.MeanAuc > 0.9, $"mean AUC {cv.MeanAuc}");
    }

    // Each column's shuffles are seeded by its position, so the importance does not depend on the cores or a rerun; more
    // shuffles give the spread of the drop.
    [Fact]
    public void PermutationImportance_Repeated_SameDrops_SeveralShufflesGiveAStandardError()
    {
        var data = TestData.Prepare(TestData.Synthetic(1500, seed: 5));
        var model = LeadModelTrainer.Train(data, Small with { Candidates = [TrainerKind.FastTree] }, seed: 1);

        var once = model.PermutationImportance(data, maxRows: 1000);
        var again = model.PermutationImportance(data, maxRows: 1000);
        var thrice = model.PermutationImportance(data, permutations: 3, maxRows: 1000);

        Assert.Equal(once, again);
        Assert.All(once, f => Assert.Equal(0, f.StandardError));
        Assert.Equal("signal", thrice[0].Feature);
        Assert.True(thrice[0].StandardError > 0, "three shuffles of the signal differ");
        Assert.Equal(data.Schema.Features.Select(f => f.Name).Order(), once.Select(f => f.Feature).Order());
    }

    // Each trainer family works end to end: contributions and importances come back for every one.
    [Theory]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.Logistic)]
    public void Train_EachTrainer_ExplainsAndRanks(TrainerKind trainer)
    {
        var data = TestData.Prepare(TestData.Synthetic(600, seed: 9));
        var model = LeadModelTrainer.Train(data, Small with { Candidates = [trainer] }, seed: 2);
        Assert.Equal(trainer, model.Trainer);
        Assert.Equal("signal", model.PermutationImportance(data)[0].Feature);
        var first = model.Explain(data, top: 3)[0];
        Assert.InRange(first.Probability, 0f, 1f);
        Assert.Equal("signal", first.Factors[0].Feature);
    }

    // Time-ordered folds never train on a row after the test block; k = 1 is the first 80 % vs the last 20 %.
    [Fact]
    public void Folds_TimeOrdered_ExpandingWindow()
    {
        var splits = Folds.TimeOrdered(12, 5); // 6 blocks of 2
        Assert.Equal(5, splits.Count);
        Assert.Equal([0, 1], splits[0].Train);
        Assert.Equal([2, 3], splits[0].Test);
        Assert.Equal(Enumerable.Range(0, 10), splits[4].Train);
        Assert.Equal([10, 11], splits[4].Test);
        var holdout = Folds.TimeOrdered(10, 1).Single();
        Assert.Equal(Enumerable.Range(0, 8), holdout.Train);
        Assert.Equal([8, 9], holdout.Test);
    }

    [Fact]
    public void Folds_Stratified_EveryRowTestedOnceSamePositiveRate()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i % 4 == 0).ToArray();
        var splits = Folds.Stratified(labels, 5, seed: 1);
        Assert.Equal(Enumerable.Range(0, 100), splits.SelectMany(s => s.Test).Order());
        Assert.All(splits, s => Assert.Equal(5, s.Test.Count(r => labels[r])));
        Assert.All(splits, s => Assert.Empty(s.Train.Intersect(s.Test)));
    }

    // Worked by hand: 4 positives (0, 3, 6, 9) and 6 negatives, 5 wanted → 2 positives and 3 negatives, each the middle
    // row of equal stretches of its class: positives 3 and 9, negatives 2, 5 and 8.
    [Fact]
    public void TimeSpreadSample_KeepsEachClassShareEvenlyOverTime()
    {
        var labels = Enumerable.Range(0, 10).Select(i => i % 3 == 0).ToArray();
        Assert.Equal([2, 3, 5, 8, 9], Folds.TimeSpreadSample(Enumerable.Range(0, 10).ToArray(), labels, max: 5));
    }

    [Fact]
    public void TimeSpreadSample_RareClassKeepsARow_FewRowsKeptWhole()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i == 57).ToArray();
        var sample = Folds.TimeSpreadSample(Enumerable.Range(0, 100).ToArray(), labels, max: 10);
        Assert.Equal([5, 16, 27, 38, 49, 57, 61, 72, 83, 94], sample);
        int[] few = [1, 4, 9];
        Assert.Same(few, Folds.TimeSpreadSample(few, labels, max: 3));
    }

    // Past MaxFitRows the candidates and the refit see a sample; the validation rows stay whole.
    [Fact]
    public void Train_MoreRowsThanMaxFitRows_FitsOnTheBoundValidatesOnAll()
    {
        var data = TestData.Prepare(TestData.Synthetic(1500, seed: 5));
        var model = LeadModelTrainer.Train(data, Small with { MaxFitRows = 400 }, seed: 1, timeOrdered: true);
        Assert.Equal(400, model.FitRows);
        Assert.Equal(300, model.ValidationRows);
        Assert.Equal(400, model.FittedRows);
        Assert.True(model.Validation.Auc > 0.9, $"validation AUC {model.Validation.Auc}");
        var unbounded = LeadModelTrainer.Train(data, Small, seed: 1, timeOrdered: true);
        Assert.Equal((1200, 1500), (unbounded.FitRows, unbounded.FittedRows));
    }
}

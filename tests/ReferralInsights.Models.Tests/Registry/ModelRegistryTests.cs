using ReferralInsights.Models.Registry;
using ReferralInsights.Models.Training;

namespace ReferralInsights.Models.Tests.Registry;

public class ModelRegistryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-registry-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly TrainerSettings Small = TrainerSettings.Quick with { FastTreeTrees = 20, LightGbmIterations = 20 };

    // An older good model (label from 'signal') and a newer useless one (random label): the AUC floor decides.
    [Fact]
    public void Latest_NewestBelowFloor_FallsBackToOlderModelAboveIt()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var registry = new ModelRegistry(Path.Combine(_root, "models"), clock);

        var goodFrame = TestData.Synthetic(600, seed: 1);
        var good = registry.Register(LeadModelTrainer.Train(TestData.Prepare(goodFrame), Small, seed: 1),
            new TrainingWindow("2025-01-01", "2025-12-31", goodFrame.RowCount), goodFrame.ContentHash(), seed: 1);
        clock.Now = clock.Now.AddDays(7);
        var noiseFrame = TestData.Synthetic(600, seed: 2, withSignal: false);
        var noise = registry.Register(LeadModelTrainer.Train(TestData.Prepare(noiseFrame), Small, seed: 1),
            new TrainingWindow("2025-01-08", "2026-01-07", noiseFrame.RowCount), noiseFrame.ContentHash(), seed: 1);

        Assert.Equal("20260105-090000", good.Card.Version);
        Assert.Equal("20260112-090000", noise.Card.Version);
        Assert.True(good.Card.Metrics.Auc > 0.9);
        Assert.True(noise.Card.Metrics.Auc < 0.7);
        Assert.True(File.Exists(Path.Combine(_root, "models", "20260105-090000", "model.zip")));
        Assert.True(File.Exists(Path.Combine(_root, "models", "20260105-090000", "model.json")));

        var atFloor = registry.Latest(minAuc: 0.8);
        Assert.Equal(good.Card.Version, atFloor.Model?.Card.Version);
        Assert.Null(atFloor.Reason);
        Assert.Equal(noise.Card.Version, registry.Latest(minAuc: 0.0).Model?.Card.Version);

        var none = registry.Latest(minAuc: 0.999);
        Assert.False(none.Found);
        Assert.Contains("none of 2 model(s) reaches the minimum AUC 0.9990", none.Reason);
        Assert.Contains("20260112-090000", none.Reason);

        // The card round-trips and the saved model scores as the trained one did.
        var card = atFloor.Model!.Card;
        Assert.Equal(["noise1", "signal", "noise2", "channel", "noise3"], card.Features);
        Assert.Equal(goodFrame.ContentHash(), card.DataHash);
        Assert.Equal("2025-01-01", card.TrainingWindow.From);
        var loaded = ModelRegistry.Load(atFloor.Model!);
        var original = LeadModelTrainer.Train(TestData.Prepare(goodFrame), Small, seed: 1);
        var expected = original.Score(TestData.Prepare(goodFrame));
        var actual = loaded.Score(goodFrame);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    [Fact]
    public void Latest_EmptyRegistry_SaysSo()
    {
        var lookup = new ModelRegistry(Path.Combine(_root, "models")).Latest(0.5);
        Assert.False(lookup.Found);
        Assert.StartsWith("no model in ", lookup.Reason);
    }

    // A folder without a readable card is reported, not fatal.
    [Fact]
    public void Latest_BrokenFolder_ReportedInReason()
    {
        Directory.CreateDirectory(Path.Combine(_root, "models", "20260101-000000"));
        File.WriteAllText(Path.Combine(_root, "models", "20260101-000000", "model.json"), "{ not json");
        File.WriteAllText(Path.Combine(_root, "models", "20260101-000000", "model.zip"), "");
        var lookup = new ModelRegistry(Path.Combine(_root, "models")).Latest(0.5);
        Assert.False(lookup.Found);
        Assert.Contains("20260101-000000: model.json unreadable", lookup.Reason);
    }

    // At an as-of, the model of the newest training cut-off on or before it scores, whatever order the models were registered
    // in; a model cut later is never used; a model without a cut-off counts as cut on the day it was trained.
    [Fact]
    public void Latest_AtAnAsOf_TakesTheNewestCutoffOnOrBeforeIt_NotTheNewestRegistered()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var registry = new ModelRegistry(Path.Combine(_root, "models"), clock);
        var frame = TestData.Synthetic(300, seed: 4);
        var model = LeadModelTrainer.Train(TestData.Prepare(frame), Small with { Candidates = [TrainerKind.Logistic] }, seed: 1);
        var window = new TrainingWindow(null, null, frame.RowCount);
        registry.Register(model, window, "h", 1, version: "dec", cutoff: new DateOnly(2025, 12, 31));
        clock.Now = clock.Now.AddDays(1);
        registry.Register(model, window, "h", 1, version: "sep", cutoff: new DateOnly(2025, 9, 30)); // registered last
        clock.Now = new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);
        registry.Register(model, window, "h", 1, version: "uncut"); // trained 2026-01-15, no cut-off

        Assert.Equal("dec", registry.Latest(0, new DateOnly(2025, 12, 31)).Model?.Card.Version);
        Assert.Equal("sep", registry.Latest(0, new DateOnly(2025, 12, 30)).Model?.Card.Version);
        Assert.Equal("uncut", registry.Latest(0, new DateOnly(2026, 1, 15)).Model?.Card.Version);
        Assert.Equal("sep", registry.Latest(0).Model?.Card.Version); // without an as-of: the newest registered
        var none = registry.Latest(0, new DateOnly(2025, 9, 29));
        Assert.Null(none.Model);
        Assert.Equal($"none of 3 model(s) in {registry.Folder} was trained on data cut at or before 2025-09-29 (earliest cut-off 2025-09-30)", none.Reason);
    }

    // Two models in the same second get distinct versions.
    [Fact]
    public void Register_SameSecond_SuffixedVersion()
    {
        var registry = new ModelRegistry(Path.Combine(_root, "models"), new FixedClock(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        var frame = TestData.Synthetic(300, seed: 4);
        var model = LeadModelTrainer.Train(TestData.Prepare(frame), Small with { Candidates = [TrainerKind.Logistic] }, seed: 1);
        var window = new TrainingWindow(null, null, frame.RowCount);
        Assert.Equal("20260201-000000", registry.Register(model, window, "h", 1).Card.Version);
        Assert.Equal("20260201-000000-2", registry.Register(model, window, "h", 1).Card.Version);
    }

    // A model loaded from the registry explains its scores exactly as the model did before it was saved, for each
    // trainer family (the loaded chain is rebuilt typed from the trainer on the card), and keeps its importance.
    [Theory]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.Logistic)]
    public void Load_RoundTrip_ExplainsAsTheTrainedModel(TrainerKind trainer)
    {
        var frame = TestData.Synthetic(400, seed: 5);
        var data = TestData.Prepare(frame);
        var trained = LeadModelTrainer.Train(data, Small with { Candidates = [trainer] }, seed: 3);
        var importance = trained.PermutationImportance(data);
        var registry = new ModelRegistry(Path.Combine(_root, "models"), new FixedClock(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        var entry = registry.Register(trained, new TrainingWindow(null, null, frame.RowCount), frame.ContentHash(), 3,
            importance: importance, version: "fixed");

        var loaded = ModelRegistry.Load(registry.Latest(0).Model!);
        var unlabelled = loaded.Card.Schema.Prepare(frame, requireLabel: false);
        var expected = trained.Explain(unlabelled, top: 2);
        var actual = loaded.Explain(unlabelled, top: 2);

        Assert.Equal("fixed", entry.Card.Version);
        Assert.Equal(trainer.ToString(), loaded.Card.Trainer);
        Assert.Equal("signal", loaded.Card.FeatureImportance[0].Feature);
        Assert.Equal(importance.Select(i => (i.Feature, i.AucDrop)), loaded.Card.FeatureImportance.Select(i => (i.Feature, i.AucDrop)));
        Assert.Equal(expected.Count, actual.Count);
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(expected[row].Probability, actual[row].Probability);
            Assert.Equal(expected[row].Factors.Select(f => (f.Feature, f.Value)), actual[row].Factors.Select(f => (f.Feature, f.Value)));
            Assert.Equal(expected[row].Factors.Select(f => f.Contribution), actual[row].Factors.Select(f => f.Contribution));
        }
        // The row with the most extreme signal is explained by it.
        var signal = ((ReferralInsights.Models.Data.NumericRawColumn)frame["signal"]).Values;
        var extreme = Enumerable.Range(0, frame.RowCount).MaxBy(r => Math.Abs(signal[r]));
        Assert.Equal("signal", actual[extreme].Factors[0].Feature);
    }
}

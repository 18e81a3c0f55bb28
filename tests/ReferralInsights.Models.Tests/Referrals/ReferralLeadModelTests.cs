using DuckDB.NET.Data;
using ReferralInsights.Models.Data;
using ReferralInsights.Models.Referrals;
using ReferralInsights.Models.Registry;
using ReferralInsights.Models.Training;

namespace ReferralInsights.Models.Tests.Referrals;

/// <summary>The referral lead model on a small hand-made fct_referral_features file: 400 referrals a day apart, the first
/// 300 trainable (label known), the newest 100 not; a confirmed budget qualifies 80 % of the time, else 20 %.</summary>
public sealed class ReferralLeadModelTests : IDisposable
{
    private static readonly TrainerSettings Small = TrainerSettings.Quick with { FastTreeTrees = 20, LightGbmIterations = 20 };
    private readonly string _root = Directory.CreateTempSubdirectory("ri-lead-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string EmployeeCount = "100 + (i % 50) * 20";

    private string Features(string name = "fct_referral_features.parquet", int rows = 400, string employeeCount = EmployeeCount)
    {
        var file = Path.Combine(_root, name);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // hash() is DuckDB's deterministic row hash: the same file every time.
        command.CommandText = $"""
            COPY (
                SELECT printf('R-%04d', i) AS referral_id, 'P-' || (i % 7) AS partner_id,
                       TIMESTAMP '2025-01-01' + to_days(CAST(i AS INTEGER)) AS submitted_at,
                       CASE WHEN i % 2 = 0 THEN 'yes' ELSE 'no' END AS budget_confirmed,
                       {employeeCount} AS employee_count,
                       (hash(i) % 100) < CASE WHEN i % 2 = 0 THEN 80 ELSE 20 END AS label,
                       i < 300 AS label_known, i < 300 AS is_trainable
                FROM range({rows}) AS t(i)
            ) TO '{file}' (FORMAT parquet)
            """;
        command.ExecuteNonQuery();
        return file;
    }

    [Fact]
    public async Task Train_FewerTrainableRowsThanTheMinimum_TrainsNothingAndSaysWhy()
    {
        var lead = new ReferralLeadModel(new ModelRegistry(Path.Combine(_root, "models")), settings: Small);
        var outcome = await lead.TrainAsync(Features(), minTrainingRows: 301);

        Assert.Null(outcome.Model);
        Assert.Equal(300, outcome.TrainableRows);
        Assert.Equal("300 trainable referrals (label window closed by as_of, not duplicate, known partner), fewer than model.min_training_rows 301",
            outcome.NotTrainedReason);
        Assert.Empty(lead.Registry.List().Models);
    }

    [Fact]
    public async Task Train_EnoughRows_RegistersUnderTheGivenVersion_AndReusesItForTheSameData()
    {
        var lead = new ReferralLeadModel(new ModelRegistry(Path.Combine(_root, "models")), settings: Small);
        var first = await lead.TrainAsync(Features(), minTrainingRows: 300, version: hash => "20251231-" + hash[..8]);
        var again = await lead.TrainAsync(Features(), minTrainingRows: 300, version: hash => "20251231-" + hash[..8]);

        var card = first.Model!.Card;
        Assert.False(first.Reused);
        Assert.True(again.Reused);
        Assert.Equal(card.Version, again.Model!.Card.Version);
        Assert.Single(lead.Registry.List().Models);
        Assert.StartsWith("20251231-", card.Version);
        Assert.Equal(card.DataHash[..8], card.Version[9..]);
        // Time split: the newest 20 % of the 300 trainable referrals validate; keys, time and label bookkeeping are no features.
        Assert.Equal(60, card.Metrics.ValidationRows);
        Assert.Equal(300, card.TrainingWindow.Rows);
        Assert.StartsWith("2025-01-01T00:00:00", card.TrainingWindow.From);
        Assert.StartsWith("2025-10-27T00:00:00", card.TrainingWindow.To);
        Assert.Equal(["budget_confirmed", "employee_count"], card.Features.Order());
        Assert.Equal("budget_confirmed", card.FeatureImportance[0].Feature);
    }

    // The AUC floor: a model below it never scores, and the reason names the floor and the model's AUC.
    [Fact]
    public async Task Score_NoModelReachesTheFloor_WritesNothingAndSaysWhy()
    {
        var lead = new ReferralLeadModel(new ModelRegistry(Path.Combine(_root, "models")), settings: Small);
        var trained = (await lead.TrainAsync(Features(), minTrainingRows: 0)).Model!;
        var scores = Path.Combine(_root, "scores.parquet");

        var outcome = await lead.ScoreAsync(Features(), minAuc: 0.999, scores);

        Assert.Null(outcome.Model);
        Assert.Equal(0, outcome.Rows);
        Assert.False(File.Exists(scores));
        Assert.StartsWith("none of 1 model(s) reaches the minimum AUC 0.9990 (newest first: " + trained.Card.Version + " AUC 0.", outcome.NotScoredReason);
    }

    [Fact]
    public async Task Score_EmptyRegistry_SaysThereIsNoModel()
    {
        var outcome = await new ReferralLeadModel(new ModelRegistry(Path.Combine(_root, "models"))).ScoreAsync(Features(), 0.6, Path.Combine(_root, "s.parquet"));
        Assert.Equal($"no model in {Path.Combine(_root, "models")}", outcome.NotScoredReason);
    }

    // Every referral (trainable or not) once, with a probability, the version and its top factors; the same again from a
    // second registry trained on the same data (seeded training).
    [Fact]
    public async Task Score_EveryReferralOnce_Deterministic()
    {
        var features = Features();
        var files = new List<TabularFrame>();
        foreach (var name in new[] { "a", "b" })
        {
            var lead = new ReferralLeadModel(new ModelRegistry(Path.Combine(_root, name, "models")), settings: Small);
            await lead.TrainAsync(features, minTrainingRows: 0, version: _ => "v1");
            var file = Path.Combine(_root, name, "scores.parquet");
            var outcome = await lead.ScoreAsync(features, minAuc: 0.6, file);
            Assert.Equal(400, outcome.Rows);
            await using var connection = await DuckDbTabularReader.OpenAsync();
            files.Add(await DuckDbTabularReader.ReadQueryAsync(connection, $"SELECT * FROM read_parquet('{file}')"));
        }
        var scored = files[0];
        var ids = Enumerable.Range(0, scored.RowCount).Select(r => scored["referral_id"].Format(r)).ToArray();
        Assert.Equal(400, ids.Distinct().Count());
        Assert.Equal("R-0000", ids[0]);
        var score = (NumericRawColumn)scored["score"];
        Assert.All(score.Values, s => Assert.InRange(s, 0, 1));
        Assert.All(Enumerable.Range(0, 400), r => Assert.Equal("v1", scored["model_version"].Format(r)));
        // A confirmed budget raises the score: its factor leads with a positive contribution on R-0000 (budget yes).
        Assert.StartsWith("budget_confirmed=yes (+", scored["top_factors"].Format(0));
        Assert.Equal(files[0].ContentHash(), files[1].ContentHash());
    }

    /// <summary>A registry with model v1 trained on <paramref name="features"/>, and those features' scores file.</summary>
    private async Task<(ReferralLeadModel Lead, string ScoresFile)> ScoredWithV1(string features)
    {
        var lead = new ReferralLeadModel(new ModelRegistry(Path.Combine(_root, "models")), settings: Small);
        await lead.TrainAsync(features, minTrainingRows: 0, version: _ => "v1");
        var scores = Path.Combine(_root, "earlier.parquet");
        await lead.ScoreAsync(features, minAuc: 0.6, scores);
        return (lead, scores);
    }

    private static async Task<string> ContentHashOf(string parquetFile)
    {
        await using var connection = await DuckDbTabularReader.OpenAsync();
        return (await DuckDbTabularReader.ReadQueryAsync(connection, $"SELECT * FROM read_parquet('{parquetFile}')")).ContentHash();
    }

    // The next run's mart: R-0005 and R-0006 changed, R-0400 and R-0401 new; the other 398 rows keep their earlier scores,
    // and the file equals scoring the new mart from scratch.
    [Fact]
    public async Task Score_WithEarlierScores_ScoresOnlyNewAndChangedRows_AndWritesWhatAFullScoringWrites()
    {
        var before = Features();
        var (lead, earlierScores) = await ScoredWithV1(before);
        var after = Features("next.parquet", rows: 402, employeeCount: $"CASE WHEN i IN (5, 6) THEN 7 ELSE {EmployeeCount} END");

        var incremental = await lead.ScoreAsync(after, 0.6, Path.Combine(_root, "incremental.parquet"), earlier: new EarlierScores(before, earlierScores));
        var full = await lead.ScoreAsync(after, 0.6, Path.Combine(_root, "full.parquet"));

        Assert.Equal((402, 398), (incremental.Rows, incremental.Reused));
        Assert.Equal((402, 0), (full.Rows, full.Reused));
        Assert.Equal(await ContentHashOf(Path.Combine(_root, "full.parquet")), await ContentHashOf(Path.Combine(_root, "incremental.parquet")));
    }

    // A rerun on the same mart keeps every score and reads no features row: the file is the same
    [Fact]
    public async Task Score_WithEarlierScoresOfTheSameMart_KeepsEveryScore()
    {
        var features = Features();
        var (lead, earlierScores) = await ScoredWithV1(features);

        var again = Path.Combine(_root, "again.parquet");
        var outcome = await lead.ScoreAsync(features, 0.6, again, earlier: new EarlierScores(features, earlierScores));

        Assert.Equal((400, 400), (outcome.Rows, outcome.Reused));
        Assert.Equal(await ContentHashOf(earlierScores), await ContentHashOf(again));
    }

    // Scores of another model version are never kept, though the features are the same.
    [Fact]
    public async Task Score_WithEarlierScoresOfAnotherModelVersion_ScoresEveryRow()
    {
        var features = Features();
        var (lead, earlierScores) = await ScoredWithV1(features);
        await lead.TrainAsync(features, minTrainingRows: 0, version: _ => "v2");

        var outcome = await lead.ScoreAsync(features, 0.6, Path.Combine(_root, "now.parquet"), earlier: new EarlierScores(features, earlierScores));

        Assert.Equal("v2", outcome.Model!.Card.Version);
        Assert.Equal((400, 0), (outcome.Rows, outcome.Reused));
    }

    [Fact]
    public void FormatFactors_SignedThreeDecimals_LargestFirstAsGiven()
    {
        Assert.Equal("budget_confirmed=yes (+0.412); employee_count=150 (-0.070); timeline=(missing) (0.000)",
            ReferralLeadModel.FormatFactors([new Factor("budget_confirmed", "yes", 0.41249), new Factor("employee_count", "150", -0.0704),
                new Factor("timeline", "(missing)", 0.0)]));
    }
}

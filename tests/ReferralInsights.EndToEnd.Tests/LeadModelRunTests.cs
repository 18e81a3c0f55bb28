using System.Net;
using System.Text.Json;
using ReferralInsights.Models.Registry;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>The model stage of <c>run</c> on the sample program: trains on the trainable referrals, registers the model
/// in the published registry, scores every referral and feeds the marts; the model card; <c>model train|score</c>.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class LeadModelRunTests(SampleProgramRun run)
{
    private static JsonElement LeadModel(string outDir)
    {
        var manifest = Directory.GetFiles(Path.Combine(outDir, "runs"), "manifest.json", SearchOption.AllDirectories).Order().Last();
        return JsonDocument.Parse(File.ReadAllText(manifest)).RootElement.GetProperty("lead_model").Clone();
    }

    [Fact]
    public void Run_TrainsOnTrainableReferrals_ScoresEveryReferralOnce_AndFeedsFctReferrals()
    {
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var db = new Db();
        var trainable = db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_referral_features")}' WHERE is_trainable");
        var referrals = db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_referrals")}'");
        var report = LeadModel(run.OutDir);
        var version = report.GetProperty("trained_version").GetString()!;

        Assert.Equal(trainable, report.GetProperty("trainable_rows").GetInt64());
        Assert.Equal(version, report.GetProperty("scored_version").GetString());
        Assert.Equal(referrals, report.GetProperty("scored_rows").GetInt64());
        Assert.StartsWith("20261031-", version);
        Assert.True(File.Exists(Path.Combine(run.OutDir, "models", version, "model.zip")));
        var card = new ModelRegistry(Path.Combine(run.OutDir, "models")).List().Models.Single().Card;
        Assert.Equal(trainable, card.TrainingWindow.Rows);

        // lead_scores: each referral of fct_referrals exactly once, scored by this version; fct_referrals.lead_score is that score.
        Assert.Equal([referrals, referrals, referrals, 0L, 0L], db.Rows($"""
            SELECT count(*), count(DISTINCT s.referral_id), count(r.referral_id),
                   count(*) FILTER (WHERE s.score IS DISTINCT FROM r.lead_score), count(*) FILTER (WHERE s.model_version <> '{version}')
            FROM '{run.Mart("lead_scores")}' AS s FULL JOIN '{run.Mart("fct_referrals")}' AS r USING (referral_id)
            """).Single().Select(v => Convert.ToInt64(v)).ToArray());
    }

    // The issue's bar: clearly above the logistic baseline on the time split, or the card says why not.
    [Fact]
    public void ModelCard_ShowsTheScoringModel_AndWhyItIsOrIsNotAboveTheLogisticBaseline()
    {
        var card = new ModelRegistry(Path.Combine(run.OutDir, "models")).List().Models.Single().Card;
        var comparison = BaselineComparison.Of(card)!;
        var html = File.ReadAllText(Path.Combine(run.OutDir, "site", "model-card.html"));
        var index = File.ReadAllText(Path.Combine(run.OutDir, "site", "index.html"));

        Assert.True(card.Metrics.Auc > 0.7, $"validation AUC {card.Metrics.Auc}");
        Assert.Equal(["FastTree", "LightGbm", "Logistic"], card.Metrics.CandidateValidationAuc.Keys.Order());
        Assert.True(comparison.ClearlyAboveBaseline || html.Contains(WebUtility.HtmlEncode(comparison.Verdict)), html);
        Assert.Contains($"Model {card.Version} scored ", html);
        Assert.Contains("<svg", html[html.IndexOf("id=\"calibration\"", StringComparison.Ordinal)..]);
        Assert.Contains("<svg", html[html.IndexOf("id=\"importance\"", StringComparison.Ordinal)..]);
        Assert.Contains(card.DataHash, html);
        Assert.Contains("href=\"model-card.html\"", index);
    }

    // Not enough labelled referrals: nothing trains, nothing scores, the manifest and the card say why, the marts stay unscored.
    [Fact]
    public void Run_TooFewTrainableReferrals_RecordsWhy_AndPublishesNoScores()
    {
        var root = run.CopyProgram("few-rows");
        var config = Path.Combine(root, "pipeline.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("min_training_rows: 200", "min_training_rows: 100000", StringComparison.Ordinal));

        var (exit, output, error) = Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31");

        Assert.True(exit == 0, error + output);
        using var db = new Db();
        var marts = Path.Combine(root, "out", "marts");
        var trainable = db.Scalar<long>($"SELECT count(*) FROM '{marts}/fct_referral_features.parquet' WHERE is_trainable");
        var report = LeadModel(Path.Combine(root, "out"));
        var notTrained = $"{trainable:N0} trainable referrals (label window closed by as_of, not duplicate, known partner), fewer than model.min_training_rows 100,000";
        Assert.Equal(notTrained, report.GetProperty("not_trained_reason").GetString());
        Assert.Equal($"no model in {Path.Combine(root, "out", "models")}", report.GetProperty("not_scored_reason").GetString());
        Assert.Contains($"not trained: {notTrained}", output);
        Assert.Equal(0, db.Scalar<long>($"SELECT count(*) FROM '{marts}/lead_scores.parquet'"));
        Assert.Equal(0, db.Scalar<long>($"SELECT count(lead_score) FROM '{marts}/fct_referrals.parquet'"));
        var html = File.ReadAllText(Path.Combine(root, "out", "site", "model-card.html"));
        Assert.Contains("No model scored referrals in this run: no model in ", html);
        Assert.Contains(WebUtility.HtmlEncode($"Not trained this run: {notTrained}."), html);
    }

    // model score before any model, model train, model score, and the AUC floor, on a copy of the published features.
    [Fact]
    public void ModelTrainThenScore_OnThePublishedFeatures_ScoresEveryReferral_AndTheFloorGates()
    {
        var root = Directory.CreateDirectory(Path.Combine(run.Root, "model-cli")).FullName;
        var config = Path.Combine(root, "pipeline.yaml");
        File.Copy(run.ConfigPath, config);
        Directory.CreateDirectory(Path.Combine(root, "out", "marts"));
        File.Copy(run.Mart("fct_referral_features"), Path.Combine(root, "out", "marts", "fct_referral_features.parquet"));
        using var db = new Db();
        var referrals = db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_referral_features")}'");

        var before = Cli.Invoke("model", "score", "--config", config);
        var train = Cli.Invoke("model", "train", "--config", config);
        var score = Cli.Invoke("model", "score", "--config", config);
        File.WriteAllText(config, File.ReadAllText(config).Replace("min_auc: 0.6 ", "min_auc: 0.99", StringComparison.Ordinal));
        var gated = Cli.Invoke("model", "score", "--config", config, "--out", Path.Combine(root, "gated.parquet"));

        Assert.Equal(1, before.ExitCode);
        Assert.Equal($"scored nothing: no model in {Path.Combine(root, "out", "models")}", before.Output.Trim());
        Assert.True(train.ExitCode == 0, train.Error + train.Output);
        var version = new ModelRegistry(Path.Combine(root, "out", "models")).List().Models.Single().Card.Version;
        Assert.Contains($"registered {version}: {Path.Combine(root, "out", "models", version)}", train.Output);
        Assert.Contains("validation AUC per trainer", train.Output);
        Assert.True(score.ExitCode == 0, score.Error + score.Output);
        Assert.StartsWith($"scored {referrals:N0} referrals with {version} ", score.Output);
        Assert.Equal(referrals, db.Scalar<long>($"SELECT count(DISTINCT referral_id) FROM '{root}/out/scores/lead_scores.parquet'"));
        Assert.Equal(1, gated.ExitCode);
        Assert.StartsWith($"scored nothing: none of 1 model(s) reaches the minimum AUC 0.9900 (newest first: {version} AUC 0.", gated.Output);
        Assert.False(File.Exists(Path.Combine(root, "gated.parquet")));
    }
}

using System.Globalization;
using System.Text;
using ReferralInsights.Models.Referrals;
using ReferralInsights.Models.Registry;

namespace ReferralInsights.Reports;

/// <summary>
/// <c>site/model-card.html</c>: the lead-quality model behind <c>lead_scores</c> and the upfront quality gate — what it
/// was trained on, how well it ranks and how well its probabilities hold (on the newest referrals, held out in time),
/// a reliability chart, the features it relies on, and how it compares with the logistic baseline. Read from the
/// registry folder the run publishes beside the marts (<c>models/</c>: each model's <c>model.json</c> and the run's
/// <see cref="LeadModelReport"/>). When no model scored, the page says why.
/// </summary>
internal static class ModelCardPage
{
    public const string FileName = "model-card.html";
    private const int MinReferralsToChart = 10;

    /// <summary>Writes the page with the program navigation; the registry is <paramref name="modelsDir"/>.</summary>
    public static void Write(SiteContext site, string modelsDir)
    {
        var report = LeadModelReport.Load(modelsDir);
        var models = new ModelRegistry(modelsDir).List().Models;
        var shown = models.FirstOrDefault(m => m.Card.Version == (report?.ScoredVersion ?? report?.TrainedVersion));
        var page = site.Page(FileName);
        var body = new StringBuilder();
        body.Append(StatusSection(report, shown));
        if (shown is not null)
        {
            body.Append(MetricsSection(page, shown.Card, report));
            body.Append(BaselineSection(page, shown.Card));
            body.Append(CalibrationSection(page, shown.Card));
            body.Append(ImportanceSection(shown.Card));
        }
        site.SaveProgramPage(page, "lead-quality model card", body.ToString());
    }

    private static string StatusSection(LeadModelReport? report, RegisteredModel? shown)
    {
        string text;
        if (report is null) text = "No model stage has run: the lead scores are empty and referrals are unscored.";
        else if (report.ScoredVersion is { } scored)
            text = $"Model {scored} scored {Format.Count(report.ScoredRows)} referrals (lead_scores, fct_referrals.lead_score and the " +
                   $"upfront quality gate). Its validation AUC passes the floor model.min_auc {Num(report.MinAuc, "0.00##")}.";
        else text = $"No model scored referrals in this run: {report.NotScoredReason}. Lead scores are empty; with " +
                    "rewards.quality_gate.min_lead_score above 0 upfront bonuses stay withheld (quality_gate) until a model passes.";
        var training = report switch
        {
            null => "",
            { NotTrainedReason: { } why } => $"Not trained this run: {why}.",
            // whether this run trained it or found it registered by an earlier run on the same data: the same words
            _ => $"Model {report.TrainedVersion} is the model of these inputs and as-of, trained on {Format.Count(report.TrainableRows)} referrals.",
        };
        var shownNote = shown is not null && shown.Card.Version != report?.ScoredVersion
            ? $" The card below describes {shown.Card.Version}, trained this run but not used." : "";
        return Html.Section("status", "Status", Html.Paragraph(text), training + shownNote);
    }

    private static string MetricsSection(SitePage page, ModelCard card, LeadModelReport? report)
    {
        var m = card.Metrics;
        string[][] rows =
        [
            ["version", card.Version],
            ["chosen trainer", card.Trainer + (card.Calibration is null ? "" : " + Platt scaling")],
            ["training window (submitted)", $"{Day(card.TrainingWindow.From)} – {Day(card.TrainingWindow.To)}"],
            ["training referrals", $"{Format.Count(card.TrainingWindow.Rows)} (the newest {Format.Count(m.ValidationRows)} held out to choose and calibrate, then refitted on " +
                (card.FittedRows is { } fitted && fitted < card.TrainingWindow.Rows
                    ? $"{Format.Count(fitted)} of them spread evenly over time and by outcome: model.max_training_rows)" : "all)")],
            ["validation referrals", $"{Format.Count(m.ValidationRows)}, {Format.Count(m.ValidationPositives)} qualified ({Format.Percent((double)m.ValidationPositives / Math.Max(1, m.ValidationRows))})"],
            ["AUC", Num(m.Auc, "0.0000") + (report is null ? "" : $" (floor {Num(report.MinAuc, "0.00##")})")],
            ["log-loss", Num(m.LogLoss, "0.0000")],
            ["expected calibration error", $"{Num(m.Ece, "0.0000")} (trainer's own probabilities: {Num(m.EceBeforeCalibration, "0.0000")})"],
            ["lift at the top decile", Format.Ratio(m.LiftTopDecile)],
            ["features", string.Join(", ", card.Features)],
            ["data hash (SHA-256 of the training rows)", card.DataHash],
            ["seed", card.Seed.ToString(CultureInfo.InvariantCulture)],
        ];
        var table = page.Table("model-metrics", ["", "value"], rows.Select(r => (IReadOnlyList<Cell>)r.Select(c => (Cell)c).ToList()), numericFrom: 2);
        return Html.Section("metrics", "Model and metrics", table,
            "Label: the referral qualified within model.label_days of submission. Only referrals whose window closed by " +
            "as-of train. Metrics are on the newest referrals, held out in time. The AUC is the chance that a qualifying referral " +
            "scores above one that does not; lift at the top decile is the qualified rate of the 10 % best-scored referrals over the " +
            "overall rate.");
    }

    private static string BaselineSection(SitePage page, ModelCard card)
    {
        if (BaselineComparison.Of(card) is not { } comparison) return "";
        var table = page.Table("baseline",
            ["trainer", "validation AUC (time split)", "vs logistic baseline"],
            card.Metrics.CandidateValidationAuc.OrderByDescending(kv => kv.Value).Select(kv => (IReadOnlyList<Cell>)
            [
                kv.Key + (kv.Key == card.Trainer ? " (chosen)" : ""), Num(kv.Value, "0.0000"),
                kv.Key == "Logistic" ? "baseline" : Num(kv.Value - comparison.LogisticAuc, "+0.0000;-0.0000;0.0000"),
            ]));
        return Html.Section("baseline", "Against the logistic baseline", table + Html.Paragraph(comparison.Verdict),
            "Each trainer is fitted on the older 80 % of the training referrals and scored on the newest 20 %.");
    }

    private static string CalibrationSection(SitePage page, ModelCard card)
    {
        var bins = card.Metrics.Calibration.Where(b => b.Count > 0).ToArray();
        if (bins.Length == 0) return "";
        // A bin of a handful of referrals has an observed rate of mostly noise (one referral: 0 % or 100 %); the table keeps it.
        var charted = bins.Where(b => b.Count >= MinReferralsToChart).ToArray();
        var svg = Charts.Reliability(charted.Select(b => b.MeanPredicted).ToArray(), charted.Select(b => b.ObservedRate).ToArray());
        var table = page.Table("reliability", ["predicted", "referrals", "mean predicted", "observed"],
            bins.Select(b => (IReadOnlyList<Cell>)
            [
                $"{Format.Percent(b.Lower)} – {Format.Percent(b.Upper)}", Format.Count(b.Count), Format.Percent(b.MeanPredicted), Format.Percent(b.ObservedRate),
            ]));
        return Html.Section("calibration", "Calibration", svg + table, "Validation referrals binned by predicted " +
            "probability: a calibrated model's points lie on the diagonal, so a score of 0.3 means about 30 % of such referrals qualify. " +
            $"The chart leaves out bins of fewer than {MinReferralsToChart} referrals.");
    }

    private static string ImportanceSection(ModelCard card)
    {
        var importance = card.FeatureImportance;
        if (importance.Count == 0) return "";
        var svg = Charts.HorizontalBars(importance.Select(i => i.Feature).ToArray(), importance.Select(i => i.AucDrop).ToArray(),
            "AUC drop when the feature is shuffled", v => v.ToString("0.000", CultureInfo.InvariantCulture), height: 80 + 22 * importance.Count);
        return Html.Section("importance", "Feature importance", svg, "Permutation importance on the training " +
            "referrals: how much the AUC falls when one feature's values are shuffled. Each referral's top factors in lead_scores are " +
            "that referral's own per-feature contributions (log-odds).");
    }

    private static string Num(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Day(string? timestamp) =>
        DateTime.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? Format.Date(DateOnly.FromDateTime(t)) : Format.Missing;
}

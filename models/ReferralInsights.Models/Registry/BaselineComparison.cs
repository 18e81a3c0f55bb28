using System.Globalization;

namespace ReferralInsights.Models.Registry;

/// <summary>The chosen model against the logistic baseline on the same validation rows (for a registered lead model:
/// the newest referrals, a time split), and in words why the result is what it is.</summary>
public sealed record BaselineComparison(string Trainer, double ModelAuc, double LogisticAuc, string BestTree, double BestTreeAuc, int TrainingRows)
{
    /// <summary>An AUC margin below this is within what a different seed or month of data moves.</summary>
    public const double ClearMargin = 0.01;

    public double Margin => ModelAuc - LogisticAuc;
    public bool ClearlyAboveBaseline => Margin >= ClearMargin;

    public static BaselineComparison? Of(ModelCard card)
    {
        var aucs = card.Metrics.CandidateValidationAuc;
        if (!aucs.TryGetValue("Logistic", out var logistic)) return null;
        var trees = aucs.Where(kv => kv.Key != "Logistic").OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        if (trees.Length == 0) return null;
        return new BaselineComparison(card.Trainer, aucs.GetValueOrDefault(card.Trainer, card.Metrics.Auc), logistic, trees[0].Key, trees[0].Value,
            card.TrainingWindow.Rows);
    }

    public string Verdict
    {
        get
        {
            string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
            if (ClearlyAboveBaseline)
                return $"{Trainer} is clearly above the logistic baseline: AUC {F(ModelAuc)} against {F(LogisticAuc)} (+{F(Margin)}).";
            if (Trainer == "Logistic")
                return $"The logistic baseline itself is the chosen model: the best tree model ({BestTree}) reaches AUC {F(BestTreeAuc)} " +
                       $"against its {F(LogisticAuc)}. Trees win when qualifying hinges on interactions or thresholds between features; when " +
                       "the chance of qualifying instead adds up over the features in log-odds (the logistic model's own form) and the " +
                       $"training set is small ({TrainingRows.ToString("N0", CultureInfo.InvariantCulture)} referrals), their extra freedom costs more " +
                       "variance than it gains, and the simpler model ranks the newest referrals better.";
            return $"{Trainer} is not clearly above the logistic baseline: AUC {F(ModelAuc)} against {F(LogisticAuc)} " +
                   $"(a margin under {F(ClearMargin)}); both rank leads about equally well on the newest referrals.";
        }
    }
}

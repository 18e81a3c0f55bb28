using ReferralInsights.Models.Evaluation;

namespace ReferralInsights.Models.Tests.Evaluation;

public class MetricsTests
{
    // 4 positives, 4 negatives; of the 16 positive–negative pairs exactly 5 are discordant
    // (0.7<0.8, 0.5<0.8, 0.2<0.8, 0.2<0.4, 0.2<0.3), so AUC = 11/16.
    [Fact]
    public void Auc_FourPositivesFourNegatives_ElevenOfSixteenPairsConcordant()
    {
        float[] scores = [0.9f, 0.7f, 0.5f, 0.2f, 0.8f, 0.4f, 0.3f, 0.1f];
        bool[] labels = [true, true, true, true, false, false, false, false];
        Assert.Equal(11.0 / 16, Metrics.Auc(scores, labels), 12);
    }

    // A tie between a positive and a negative counts one half: pairs (0.6,0.5) ✓ (0.6,0.1) ✓ (0.5,0.5) ½ (0.5,0.1) ✓.
    [Fact]
    public void Auc_TiedPair_CountsHalf()
    {
        Assert.Equal(3.5 / 4, Metrics.Auc([0.6f, 0.5f, 0.5f, 0.1f], [true, true, false, false]), 12);
    }

    // Row order and a monotone transform of the scores must not change the AUC.
    [Fact]
    public void Auc_ShuffledAndTransformed_Unchanged()
    {
        // the scores above squared, negatives first and shuffled within each class
        Assert.Equal(11.0 / 16, Metrics.Auc([0.16f, 0.64f, 0.01f, 0.09f, 0.25f, 0.81f, 0.04f, 0.49f],
            [false, false, false, false, true, true, true, true]), 12);
    }

    [Fact]
    public void Auc_OneClassOnly_IsNaN() => Assert.True(double.IsNaN(Metrics.Auc([0.1f, 0.2f], [true, true])));

    // −(ln 0.8 + ln 0.6) / 2
    [Fact]
    public void LogLoss_TwoRows_MatchesFormula() =>
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.6)) / 2, Metrics.LogLoss([0.8f, 0.4f], [true, false]), 6);

    // Bin 0: 0.05, 0.05 → mean 0.05, observed 1/2; bin 1: 0.15 ×3 → mean 0.15, observed 0;
    // bin 9: 0.95, 0.95, 1.0 → mean 0.9667, observed 1. ECE = (2·0.45 + 3·0.15 + 3·0.0333)/8 = 1.45/8.
    [Fact]
    public void CalibrationBins_HandMadeSet_BinsAndEce()
    {
        float[] p = [0.05f, 0.05f, 0.15f, 0.15f, 0.15f, 0.95f, 0.95f, 1.0f];
        bool[] y = [false, true, false, false, false, true, true, true];
        var bins = Metrics.CalibrationBins(p, y);
        Assert.Equal(10, bins.Count);
        Assert.Equal([2, 3, 0, 0, 0, 0, 0, 0, 0, 3], bins.Select(b => b.Count));
        Assert.Equal(0.05, bins[0].MeanPredicted, 6);
        Assert.Equal(0.5, bins[0].ObservedRate, 12);
        Assert.Equal(0.15, bins[1].MeanPredicted, 6);
        Assert.Equal(0.0, bins[1].ObservedRate, 12);
        Assert.Equal(2.9 / 3, bins[9].MeanPredicted, 6);
        Assert.Equal(1.0, bins[9].ObservedRate, 12);
        Assert.True(double.IsNaN(bins[5].MeanPredicted));
        Assert.Equal(1.45 / 8, Metrics.ExpectedCalibrationError(bins), 6);
        Assert.Equal(1.45 / 8, BinaryMetrics.Compute(p, y).Ece, 6);
    }

    // 20 rows, 4 positives (base rate 0.2); the top decile is the 2 highest scores, one of them positive:
    // rate 0.5, lift 0.5 / 0.2 = 2.5.
    [Fact]
    public void Lift_TopDecileOfTwenty_IsTwoAndAHalf()
    {
        var scores = Enumerable.Range(0, 20).Select(i => (float)(20 - i)).ToArray(); // rank 1 = highest
        var labels = new bool[20];
        foreach (var rank in new[] { 1, 5, 12, 18 }) labels[rank - 1] = true;
        Assert.Equal(2.5, Metrics.Lift(scores, labels, 0.1), 12);
    }

    // Scores drawn so that P(y=1 | s) = σ(2s − 1) exactly: Platt scaling must find A ≈ 2, B ≈ −1.
    [Fact]
    public void PlattScaling_KnownSigmoid_RecoversSlopeAndIntercept()
    {
        var random = new Random(7);
        var scores = new float[20000];
        var labels = new bool[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = (float)(random.NextDouble() * 6 - 3);
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(2 * scores[i] - 1)));
        }
        var platt = PlattScaling.Fit(scores, labels);
        Assert.InRange(platt.A, 1.85, 2.15);
        Assert.InRange(platt.B, -1.1, -0.9);
    }
}

namespace ReferralInsights.Models.Evaluation;

/// <summary>One reliability bin: predictions in [<see cref="Lower"/>, <see cref="Upper"/>) (the last bin includes 1).</summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate);

/// <summary>Quality of probabilities for a binary label on one evaluation set.</summary>
public sealed record BinaryMetrics
{
    public required int Count { get; init; }
    public required int Positives { get; init; }
    /// <summary>Area under the ROC curve (ties between a positive and a negative count one half).</summary>
    public required double Auc { get; init; }
    public required double LogLoss { get; init; }
    public required double Brier { get; init; }
    /// <summary>Expected calibration error over 10 equal-width bins: Σ (count/N)·|mean predicted − observed rate|.</summary>
    public required double Ece { get; init; }
    /// <summary>Positive rate among the 10 % highest scores divided by the overall positive rate.</summary>
    public required double LiftTopDecile { get; init; }
    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }

    /// <summary>Metrics of <paramref name="probabilities"/>; AUC and lift rank by <paramref name="ranking"/>
    /// when given (a model's raw score, which has no ties from probabilities saturating at 0 or 1).</summary>
    public static BinaryMetrics Compute(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, ReadOnlySpan<float> ranking = default)
    {
        if (ranking.IsEmpty) ranking = probabilities;
        var bins = Metrics.CalibrationBins(probabilities, labels);
        return new BinaryMetrics
        {
            Count = labels.Length,
            Positives = Metrics.CountTrue(labels),
            Auc = Metrics.Auc(ranking, labels),
            LogLoss = Metrics.LogLoss(probabilities, labels),
            Brier = Metrics.Brier(probabilities, labels),
            Ece = Metrics.ExpectedCalibrationError(bins),
            LiftTopDecile = Metrics.Lift(ranking, labels, 0.1),
            Calibration = bins,
        };
    }
}

/// <summary>The metric formulas, on plain arrays, so each can be checked by hand.</summary>
internal static class Metrics
{
    public static int CountTrue(ReadOnlySpan<bool> labels)
    {
        var n = 0;
        foreach (var l in labels) if (l) n++;
        return n;
    }

    /// <summary>ROC AUC = P(score of a random positive &gt; score of a random negative), ties counting ½
    /// (Mann–Whitney U from mid-ranks). NaN when either class is absent.</summary>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        Check(scores, labels);
        var n = scores.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var copy = scores.ToArray();
        Array.Sort(copy, order);
        double positiveRankSum = 0;
        long positives = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && copy[j + 1] == copy[i]) j++;
            var midRank = (i + j) / 2.0 + 1; // 1-based mid-rank of the tie group
            for (var k = i; k <= j; k++)
                if (labels[order[k]]) { positiveRankSum += midRank; positives++; }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    /// <summary>Mean negative log-likelihood (natural log), probabilities clipped to [1e-15, 1 − 1e-15].</summary>
    public static double LogLoss(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels)
    {
        Check(probabilities, labels);
        double sum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var p = Math.Clamp((double)probabilities[i], 1e-15, 1 - 1e-15);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / labels.Length;
    }

    public static double Brier(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels)
    {
        Check(probabilities, labels);
        double sum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var d = probabilities[i] - (labels[i] ? 1.0 : 0.0);
            sum += d * d;
        }
        return sum / labels.Length;
    }

    /// <summary><paramref name="binCount"/> equal-width bins over [0, 1]; a probability p goes to bin
    /// ⌊p·binCount⌋ (1 goes to the last). Empty bins are kept with count 0 and NaN means.</summary>
    public static IReadOnlyList<CalibrationBin> CalibrationBins(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> labels, int binCount = 10)
    {
        Check(probabilities, labels);
        var count = new int[binCount];
        var predicted = new double[binCount];
        var observed = new double[binCount];
        for (var i = 0; i < labels.Length; i++)
        {
            var p = Math.Clamp((double)probabilities[i], 0, 1);
            var b = Math.Min((int)(p * binCount), binCount - 1);
            count[b]++;
            predicted[b] += p;
            if (labels[i]) observed[b]++;
        }
        var bins = new CalibrationBin[binCount];
        for (var b = 0; b < binCount; b++)
            bins[b] = new CalibrationBin((double)b / binCount, (double)(b + 1) / binCount, count[b],
                count[b] == 0 ? double.NaN : predicted[b] / count[b], count[b] == 0 ? double.NaN : observed[b] / count[b]);
        return bins;
    }

    public static double ExpectedCalibrationError(IReadOnlyList<CalibrationBin> bins)
    {
        var total = bins.Sum(b => b.Count);
        return total == 0 ? double.NaN : bins.Where(b => b.Count > 0).Sum(b => (double)b.Count / total * Math.Abs(b.MeanPredicted - b.ObservedRate));
    }

    /// <summary>Lift in the top <paramref name="fraction"/> of scores: the top k = ⌈fraction·n⌉ rows (highest
    /// score first, ties in row order) have positive rate r_k; lift = r_k / (positives / n).</summary>
    public static double Lift(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels, double fraction)
    {
        Check(scores, labels);
        var n = labels.Length;
        var total = CountTrue(labels);
        if (n == 0 || total == 0) return double.NaN;
        var k = Math.Max(1, (int)Math.Ceiling(n * fraction - 1e-9));
        var order = Enumerable.Range(0, n).ToArray();
        var copy = scores.ToArray();
        Array.Sort(order, (a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var top = 0;
        for (var i = 0; i < k; i++) if (labels[order[i]]) top++;
        return (double)top / k / ((double)total / n);
    }

    private static void Check(ReadOnlySpan<float> values, ReadOnlySpan<bool> labels)
    {
        if (values.Length != labels.Length) throw new ArgumentException($"{values.Length} scores but {labels.Length} labels");
    }
}

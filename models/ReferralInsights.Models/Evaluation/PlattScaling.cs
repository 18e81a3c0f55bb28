namespace ReferralInsights.Models.Evaluation;

/// <summary>Platt scaling: p = 1 / (1 + exp(−(A·s + B))) on a model's raw score s, fitted on held-out rows
/// with Platt's smoothed targets (Lin, Lin &amp; Weng 2007: Newton steps with a backtracking line search).</summary>
public sealed record PlattScaling(double A, double B)
{
    public float Apply(float score) => (float)(1 / (1 + Math.Exp(-(A * score + B))));

    public float[] Apply(ReadOnlySpan<float> scores)
    {
        var result = new float[scores.Length];
        for (var i = 0; i < scores.Length; i++) result[i] = Apply(scores[i]);
        return result;
    }

    public static PlattScaling Fit(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("scores and labels differ in length");
        var positives = Metrics.CountTrue(labels);
        var negatives = labels.Length - positives;
        double hiTarget = (positives + 1.0) / (positives + 2.0), loTarget = 1.0 / (negatives + 2.0);
        var t = new double[labels.Length];
        for (var i = 0; i < t.Length; i++) t[i] = labels[i] ? hiTarget : loTarget;
        var s = new double[scores.Length];
        for (var i = 0; i < s.Length; i++) s[i] = scores[i];

        // Minimise the smoothed log-loss F(a, b), starting (as Platt did) at a = 0, b = log prior odds.
        double a = 0, b = Math.Log((positives + 1.0) / (negatives + 1.0));
        const double sigma = 1e-12;
        var f = Objective(s, t, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < s.Length; i++)
            {
                var p = Sigmoid(a * s[i] + b);
                var d2 = p * (1 - p);
                h11 += s[i] * s[i] * d2; h22 += d2; h21 += s[i] * d2;
                var d1 = p - t[i];
                g1 += s[i] * d1; g2 += d1;
            }
            if (Math.Abs(g1) < 1e-7 && Math.Abs(g2) < 1e-7) break;
            var det = h11 * h22 - h21 * h21;
            var da = -(h22 * g1 - h21 * g2) / det;
            var db = -(-h21 * g1 + h11 * g2) / det;
            var gd = g1 * da + g2 * db;
            var step = 1.0;
            while (step >= 1e-10)
            {
                var fNew = Objective(s, t, a + step * da, b + step * db);
                if (fNew < f + 1e-4 * step * gd) { a += step * da; b += step * db; f = fNew; break; }
                step /= 2;
            }
            if (step < 1e-10) break;
        }
        return new PlattScaling(a, b);
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static double Objective(double[] s, double[] t, double a, double b)
    {
        double f = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var z = a * s[i] + b;
            // −t·log σ(z) − (1−t)·log(1−σ(z)) = log(1+e^z) − t·z, computed stably
            f += (z >= 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - t[i] * z;
        }
        return f;
    }
}

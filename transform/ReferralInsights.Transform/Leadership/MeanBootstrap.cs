namespace ReferralInsights.Transform.Leadership;

/// <summary>
/// The 95 % percentile bootstrap interval of a mean (rules.md §13): <see cref="Resamples"/> resamples of the values,
/// each as many draws with replacement as there are values, drawn by <c>new Random(Seed)</c> — the same values in the
/// same order always give the same interval. The bounds are the 2.5 % and 97.5 % percentiles of the resample means,
/// interpolated like DuckDB's <c>quantile_cont</c> ((R − 1)·p between order statistics), in decimal arithmetic, then
/// rounded half away from zero to cents.
/// </summary>
internal static class MeanBootstrap
{
    public const int Resamples = 1000;
    public const int Seed = 42;
    public const decimal Confidence = 0.95m;

    public static (decimal Lo, decimal Hi) Interval(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("a bootstrap needs at least one value", nameof(values));
        var random = new Random(Seed);
        var means = new decimal[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            var sum = 0m;
            for (var i = 0; i < values.Count; i++) sum += values[random.Next(values.Count)];
            means[r] = sum / values.Count;
        }
        Array.Sort(means);
        var tail = (1 - Confidence) / 2;
        return (Cents(Percentile(means, tail)), Cents(Percentile(means, 1 - tail)));
    }

    private static decimal Percentile(decimal[] sorted, decimal p)
    {
        var h = (sorted.Length - 1) * p;
        var below = (int)decimal.Floor(h);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    private static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

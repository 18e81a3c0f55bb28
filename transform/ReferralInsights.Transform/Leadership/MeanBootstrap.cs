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
        // Summed as integers in units of the finest decimal place (exact, and several times faster than decimal adds); the
        // mean is the same decimal value the decimal sum would give.
        var unit = Pow10(values.Max(v => v.Scale));
        var units = values.Select(v => (Int128)(v * unit)).ToArray();
        var random = new Random(Seed);
        var means = new decimal[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            Int128 sum = 0;
            for (var i = 0; i < units.Length; i++) sum += units[random.Next(units.Length)];
            means[r] = (decimal)sum / unit / units.Length;
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

    private static decimal Pow10(int exponent)
    {
        var power = 1m;
        for (var i = 0; i < exponent; i++) power *= 10;
        return power;
    }

    private static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

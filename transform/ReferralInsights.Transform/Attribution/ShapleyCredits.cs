namespace ReferralInsights.Transform.Attribution;

/// <summary>
/// Shapley values to credits (rules.md §5, D28): negative values are clipped to 0, the rest normalised to sum to 1;
/// linear (1/n) when no value is positive. Credits are rounded half away from zero at the 18th decimal, like every
/// credit of fct_attribution.
/// </summary>
internal static class ShapleyCredits
{
    public const int Decimals = 18;

    /// <summary>The credits, and whether they fell back to linear because no value was positive.</summary>
    public static (decimal[] Credits, bool IsLinear) FromValues(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var clipped = values.Select(v => Math.Max(v, 0m)).ToArray();
        var total = clipped.Sum();
        if (total <= 0) return (Linear(values.Count), true);
        return (clipped.Select(v => Round(v / total)).ToArray(), false);
    }

    /// <summary>1/n each, rounded like SQL's <c>div18(1, n)</c>.</summary>
    public static decimal[] Linear(int players) => Enumerable.Repeat(Round(1m / players), players).ToArray();

    private static decimal Round(decimal credit) => Math.Round(credit, Decimals, MidpointRounding.AwayFromZero);
}

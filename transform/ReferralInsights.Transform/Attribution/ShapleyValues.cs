namespace ReferralInsights.Transform.Attribution;

/// <summary>
/// Exact Shapley values of a cooperative game (rules.md §5): for player i of N,
/// φ_i = Σ_{S ⊆ N∖{i}} |S|!·(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)), summed over every subset, enumerated as bitmasks
/// (bit i set = player i in the coalition). Arithmetic is <see cref="decimal"/> (28 significant digits): integer
/// weights times the worths, one division by n! per player, so rational games come out exact to far more than the 18
/// decimals a credit keeps.
/// </summary>
internal static class ShapleyValues
{
    /// <summary>rules.md §5: exact Shapley values for at most 10 sourcing partners, linear beyond.</summary>
    public const int MaxPlayers = 10;

    /// <param name="players">n, 1..<see cref="MaxPlayers"/>.</param>
    /// <param name="worth">v of the coalition given as a bitmask over the players; v(∅) is <c>worth(0)</c>.</param>
    public static decimal[] Compute(int players, Func<int, decimal> worth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(players, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(players, MaxPlayers);
        ArgumentNullException.ThrowIfNull(worth);
        var coalitions = 1 << players;
        var v = new decimal[coalitions];
        for (var mask = 0; mask < coalitions; mask++) v[mask] = worth(mask);

        var factorial = new long[players + 1];
        factorial[0] = 1;
        for (var k = 1; k <= players; k++) factorial[k] = factorial[k - 1] * k;

        var values = new decimal[players];
        for (var i = 0; i < players; i++)
        {
            var bit = 1 << i;
            var weighted = 0m;
            for (var mask = 0; mask < coalitions; mask++)
            {
                if ((mask & bit) != 0) continue;
                var size = int.PopCount(mask);
                weighted += factorial[size] * factorial[players - size - 1] * (v[mask | bit] - v[mask]);
            }
            values[i] = weighted / factorial[players];
        }
        return values;
    }
}

namespace ReferralInsights.Transform.Attribution;

/// <summary>Closed opportunities whose pre-dispute sourcing set is exactly <see cref="Partners"/> (sorted, ordinal;
/// empty for opportunities without sourcing partner), and how many of them were won.</summary>
internal sealed record SourcingSetOutcome(IReadOnlyList<string> Partners, long Closed, long Wins);

/// <summary>
/// The worth v(S) of a coalition S of sourcing partners (rules.md §5, D27): the observed win rate of closed
/// opportunities whose sourcing set is exactly S when at least <c>shapley_min_support</c> such exist; otherwise
/// 1 − Π_{p∈S}(1 − r_p) with the shrunk solo rate r_p = (wins_p + 5·r0)/(closed_p + 5) over the opportunities p
/// sourced alone, r0 = the program's win rate over every closed opportunity (0 when none). v(∅) = 0.
/// </summary>
internal sealed class SourcingSetGame
{
    /// <summary>The weight of the prior r0 in the shrunk solo rate, in opportunities.</summary>
    public const int PriorWeight = 5;

    private readonly Dictionary<string, SourcingSetOutcome> _outcomes;
    private readonly int _minSupport;

    public SourcingSetGame(IEnumerable<SourcingSetOutcome> outcomes, int minSupport)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        _outcomes = outcomes.ToDictionary(o => Key(o.Partners), StringComparer.Ordinal);
        _minSupport = minSupport;
        var closed = _outcomes.Values.Sum(o => o.Closed);
        ProgramWinRate = closed == 0 ? 0m : (decimal)_outcomes.Values.Sum(o => o.Wins) / closed;
    }

    /// <summary>r0: won / closed over every closed opportunity.</summary>
    public decimal ProgramWinRate { get; }

    /// <summary>Whether v(S) is the observed win rate of S (enough closed opportunities with exactly S).</summary>
    public bool IsObserved(IReadOnlyList<string> coalition) =>
        coalition.Count > 0 && _outcomes.TryGetValue(Key(coalition), out var o) && o.Closed >= _minSupport;

    /// <summary>v(S) for a coalition given sorted by partner id (ordinal).</summary>
    public decimal Worth(IReadOnlyList<string> coalition)
    {
        if (coalition.Count == 0) return 0m;
        if (IsObserved(coalition))
        {
            var o = _outcomes[Key(coalition)];
            return (decimal)o.Wins / o.Closed;
        }
        var allLose = 1m;
        foreach (var partner in coalition) allLose *= 1m - ShrunkRate(partner);
        return 1m - allLose;
    }

    /// <summary>r_p = (wins_p + 5·r0) / (closed_p + 5) over the closed opportunities sourced by p alone.</summary>
    public decimal ShrunkRate(string partner)
    {
        var solo = _outcomes.GetValueOrDefault(Key([partner]));
        return ((solo?.Wins ?? 0) + PriorWeight * ProgramWinRate) / ((solo?.Closed ?? 0) + PriorWeight);
    }

    private static string Key(IReadOnlyList<string> partners) => string.Join('\u001f', partners);
}

using DuckDB.NET.Data;

namespace ReferralInsights.Transform.Attribution;

/// <summary>
/// The code model <c>int_shapley_credits</c>: the shapley credit of every sourcing partner of every sourced
/// opportunity (rules.md §5, D27, D28), computed in C# decimal arithmetic (see README, "Shapley"). SQL selects the
/// data — <c>int_sourcing_sets</c> (each opportunity's pre-dispute sourcing set) and <c>int_shapley_outcomes</c>
/// (closed and won counts per exact sourcing set) —, this step plays each game and appends one row per
/// (opportunity, partner):
/// <list type="bullet">
/// <item><c>shapley_value</c>: φ_p rounded at 18 decimals (NULL when more than 10 partners);</item>
/// <item><c>credit</c>: the normalised, clipped credit (D28);</item>
/// <item><c>method</c>: <c>shapley</c>, <c>linear_over_10</c> (n &gt; 10) or <c>linear_no_positive_value</c> (D28);</item>
/// <item><c>coalitions</c> / <c>observed_coalitions</c>: the non-empty coalitions of the game, and how many of them
/// took v(S) from an observed win rate rather than the shrunk solo rates.</item>
/// </list>
/// </summary>
internal static class ShapleyCreditsModel
{
    public static CodeModel Model { get; } =
        new("int_shapley_credits", "intermediate", ["int_shapley_outcomes", "int_sourcing_sets"], Create);

    private static void Create(DuckDBConnection conn)
    {
        var game = new SourcingSetGame(ReadOutcomes(conn), ReadMinSupport(conn));
        Warehouse.Execute(conn, """
            CREATE OR REPLACE TABLE int_shapley_credits (
                opportunity_id VARCHAR NOT NULL,
                partner_id VARCHAR NOT NULL,
                shapley_value DECIMAL(38,18),
                credit DECIMAL(38,18) NOT NULL,
                method VARCHAR NOT NULL,
                coalitions INTEGER NOT NULL,
                observed_coalitions INTEGER NOT NULL)
            """);
        using var appender = conn.CreateAppender("int_shapley_credits");
        using var command = conn.CreateCommand();
        command.CommandText = "SELECT opportunity_id, sourcing_set FROM int_sourcing_sets ORDER BY opportunity_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var opportunity = reader.GetString(0);
            var partners = reader.GetFieldValue<List<string>>(1);
            var play = Play(game, partners);
            for (var i = 0; i < partners.Count; i++)
            {
                var row = appender.CreateRow().AppendValue(opportunity).AppendValue(partners[i]);
                (play.Values is null ? row.AppendNullValue() : row.AppendValue(Round(play.Values[i])))
                    .AppendValue(play.Credits[i]).AppendValue(play.Method)
                    .AppendValue(play.Coalitions).AppendValue(play.ObservedCoalitions)
                    .EndRow();
            }
        }
    }

    /// <summary>One opportunity's game: partners sorted by id (ordinal), bit i of a coalition mask = partners[i].</summary>
    internal static ShapleyPlay Play(SourcingSetGame game, IReadOnlyList<string> partners)
    {
        var n = partners.Count;
        if (n > ShapleyValues.MaxPlayers) return new(null, ShapleyCredits.Linear(n), "linear_over_10", 0, 0);
        var coalitions = Enumerable.Range(0, 1 << n)
            .Select(mask => (IReadOnlyList<string>)partners.Where((_, i) => (mask & (1 << i)) != 0).ToArray())
            .ToArray();
        var values = ShapleyValues.Compute(n, mask => game.Worth(coalitions[mask]));
        var (credits, isLinear) = ShapleyCredits.FromValues(values);
        return new(values, credits, isLinear ? "linear_no_positive_value" : "shapley", coalitions.Length - 1,
            coalitions.Count(game.IsObserved));
    }

    private static decimal Round(decimal value) => Math.Round(value, ShapleyCredits.Decimals, MidpointRounding.AwayFromZero);

    private static int ReadMinSupport(DuckDBConnection conn)
    {
        using var command = conn.CreateCommand();
        command.CommandText = "SELECT shapley_min_support FROM cfg_params";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<SourcingSetOutcome> ReadOutcomes(DuckDBConnection conn)
    {
        using var command = conn.CreateCommand();
        command.CommandText = "SELECT sourcing_set, closed, wins FROM int_shapley_outcomes";
        using var reader = command.ExecuteReader();
        var outcomes = new List<SourcingSetOutcome>();
        while (reader.Read())
            outcomes.Add(new(reader.GetFieldValue<List<string>>(0), reader.GetInt64(1), reader.GetInt64(2)));
        return outcomes;
    }
}

/// <summary>The result of one opportunity's Shapley game (<see cref="ShapleyCreditsModel.Play"/>).</summary>
internal sealed record ShapleyPlay(decimal[]? Values, decimal[] Credits, string Method, int Coalitions, int ObservedCoalitions);

using System.Globalization;
using DuckDB.NET.Data;

namespace ReferralInsights.Models.Referrals;

/// <summary>Collects into the temporary table <see cref="Table"/> the earlier score rows (<see cref="EarlierScores"/>) of the
/// referrals whose whole features row is unchanged, scored by the model version that scores now. Nothing is kept when
/// either earlier file is missing or the features mart's columns changed.</summary>
internal static class ReusableScores
{
    public const string Table = "reused_scores";

    /// <returns>how many score rows were kept, and how many referrals of the mart are left to score</returns>
    public static (int Reused, int Unscored) Collect(DuckDBConnection connection, string martFile, EarlierScores earlier, string modelVersion)
    {
        var now = Parquet(martFile);
        if (!File.Exists(earlier.FeaturesFile) || !File.Exists(earlier.ScoresFile)) return (0, Count(connection, $"SELECT count(*) FROM {now}"));
        var (then, scores) = (Parquet(earlier.FeaturesFile), Parquet(earlier.ScoresFile));
        if (Columns(connection, now) != Columns(connection, then)) return (0, Count(connection, $"SELECT count(*) FROM {now}"));
        using var command = connection.CreateCommand();
        // f and e are whole rows (DuckDB reads a table's alias as the struct of its columns)
        command.CommandText = $"""
            CREATE OR REPLACE TEMP TABLE {Table} AS
            SELECT s.referral_id, s.score, s.model_version, s.top_factors
            FROM {now} AS f
            JOIN {then} AS e ON e.referral_id = f.referral_id
            JOIN {scores} AS s ON s.referral_id = f.referral_id
            WHERE s.model_version = $version AND f IS NOT DISTINCT FROM e
            """;
        command.Parameters.Add(new DuckDBParameter("version", modelVersion));
        command.ExecuteNonQuery();
        return (Count(connection, $"SELECT count(*) FROM {Table}"),
            Count(connection, $"SELECT count(*) FROM {now} WHERE referral_id NOT IN (SELECT referral_id FROM {Table})"));
    }

    private static int Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Parquet(string file) => $"read_parquet('{Path.GetFullPath(file).Replace("'", "''")}')";

    /// <summary>The relation's columns and types, in column order (DESCRIBE's row order).</summary>
    private static string Columns(DuckDBConnection connection, string relation)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {relation})";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read()) columns.Add(reader.GetString(0) + " " + reader.GetString(1));
        return string.Join(", ", columns);
    }
}

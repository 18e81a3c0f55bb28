using DuckDB.NET.Data;
using ReferralInsights.Models.Data;

namespace ReferralInsights.Models.Referrals;

/// <summary>Reads the published <c>fct_referral_features</c> mart for the lead-quality model: oldest submission first
/// (so a time-ordered split validates on the newest referrals), as Arrow batches through DuckDB.</summary>
public static class ReferralFeatures
{
    public const string Mart = "fct_referral_features";
    public const string Label = "label";
    public const string SubmittedAt = "submitted_at";

    /// <summary>Columns that are no features: keys and time (no signal, or leakage of the period), and the label's
    /// bookkeeping (known only afterwards).</summary>
    public static readonly IReadOnlyList<string> NotFeatures = ["referral_id", "partner_id", SubmittedAt, "label_known", "is_trainable"];

    public static InferenceOptions Inference { get; } = new() { Label = Label, PositiveValue = "true", Exclude = NotFeatures };

    /// <summary>The referrals whose label is known and that may train (<c>is_trainable</c>).</summary>
    public static Task<TabularFrame> ReadTrainableAsync(DuckDBConnection connection, string martFile, CancellationToken cancellationToken = default) =>
        DuckDbTabularReader.ReadQueryAsync(connection, $"{Select(martFile)} WHERE is_trainable ORDER BY {SubmittedAt}, referral_id", cancellationToken);

    /// <summary>Every referral to be scored: all of them, or those whose id is not in the table <paramref name="exceptIdsIn"/>.</summary>
    public static Task<TabularFrame> ReadAllAsync(DuckDBConnection connection, string martFile, string? exceptIdsIn = null,
        CancellationToken cancellationToken = default) =>
        DuckDbTabularReader.ReadQueryAsync(connection, $"{Select(martFile)}" +
            (exceptIdsIn is null ? "" : $" WHERE referral_id NOT IN (SELECT referral_id FROM {exceptIdsIn})") + " ORDER BY referral_id", cancellationToken);

    private static string Select(string martFile)
    {
        if (!File.Exists(martFile)) throw new FileNotFoundException($"{Mart} not found: {martFile}", martFile);
        return $"SELECT * FROM read_parquet('{Path.GetFullPath(martFile).Replace("'", "''")}')";
    }
}

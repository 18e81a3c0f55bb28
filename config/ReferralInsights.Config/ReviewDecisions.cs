using System.Globalization;

namespace ReferralInsights.Config;

/// <summary>The review decisions file (<c>compliance.review_decisions</c>, default <c>decisions/reviews.yaml</c>): what a
/// program owner decided about the <c>review</c> compliance flags. A decision applies to runs whose as-of is on or after
/// its date; the latest one per flag counts.</summary>
internal sealed record ReviewDecisionsFile
{
    public List<ReviewDecision> Reviews { get; init; } = [];

    internal IEnumerable<(string Key, string Problem)> Problems()
    {
        var seen = new Dictionary<(string, DateTime), int>();
        for (var i = 0; i < Reviews.Count; i++)
        {
            var review = Reviews[i];
            var key = $"reviews[{i}]";
            if (string.IsNullOrWhiteSpace(review.FlagId)) yield return ($"{key}.flag_id", "required (the flag_id of fct_compliance_flags)");
            if (!ReviewDecision.Outcomes.Contains(review.Decision))
                yield return ($"{key}.decision", $"'{review.Decision}' is not a decision; expected {string.Join(" or ", ReviewDecision.Outcomes)}");
            if (string.IsNullOrWhiteSpace(review.By)) yield return ($"{key}.by", "required (who decided)");
            if (string.IsNullOrWhiteSpace(review.Why)) yield return ($"{key}.why", "required (the reason, as it will stand in the audit trail)");
            if (ReviewDecision.ParseInstant(review.At) is not { } at)
                yield return ($"{key}.at", $"'{review.At}' is not a date (2026-11-02) or a UTC time (2026-11-02T14:30:00Z)");
            else if (!seen.TryAdd((review.FlagId.Trim(), at), i))
                yield return (key, $"flag {review.FlagId} already has a decision at that time (reviews[{seen[(review.FlagId.Trim(), at)]}]); give the later one its time");
        }
    }
}

/// <summary>One decision: <c>cleared</c> releases the rewards the flag withholds, <c>upheld</c> keeps them withheld; both
/// end the flag's wait for review.</summary>
public sealed record ReviewDecision
{
    public static readonly IReadOnlyList<string> Outcomes = ["cleared", "upheld"];

    public string FlagId { get; init; } = "";
    public string Decision { get; init; } = "";
    public string By { get; init; } = "";
    /// <summary>A date (taken as 00:00 UTC) or an ISO-8601 UTC time.</summary>
    public string At { get; init; } = "";
    public string Why { get; init; } = "";

    /// <summary><see cref="At"/> as a UTC instant (valid after loading).</summary>
    public DateTime DecidedAt => ParseInstant(At) ?? throw new InvalidOperationException($"review of {FlagId}: '{At}' is not a time");

    internal static DateTime? ParseInstant(string text)
    {
        var t = text.Trim();
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return DateTime.TryParseExact(t, ["yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mmZ"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;
    }
}

namespace ReferralInsights.Reports;

/// <summary>How a row of <c>fct_partner_referrals</c> reads on a page: its status, its deal's stage and its lead score.</summary>
internal static class ReferralText
{
    public static string Submitted(Row r) => Format.Date(DateOnly.FromDateTime((DateTime)r["submitted_at"]!));

    public static string Status(Row r) =>
        r["is_duplicate"] is true ? $"duplicate of {r.Text("duplicate_of")}" : r.Text("status") ?? "submitted";

    public static string DealStage(Row r) =>
        r.Text("opportunity_stage") is { } stage ? $"{stage} ({r.Text("opportunity_status")})" : "";

    public static string Score(Row r) =>
        r.Double("lead_score") is { } score ? score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : Format.Missing;
}

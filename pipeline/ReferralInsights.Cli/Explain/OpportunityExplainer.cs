using System.Globalization;
using ReferralInsights.Reports;

namespace ReferralInsights.Cli.Explain;

/// <summary>
/// Explains one opportunity from the published marts, never recomputing a rule: the account, t0/t1, the §4 windows with
/// their bounds (<c>fct_opportunities</c>), every touch with its role and evidence (<c>fct_touches</c>), the class,
/// each model's credit per partner and the rule that decided the reward model's split (<c>fct_attribution.decision</c>).
/// </summary>
internal sealed class OpportunityExplainer(MartReader marts)
{
    /// <returns>The explanation's lines, or null when the marts hold no such opportunity.</returns>
    public IReadOnlyList<string>? Explain(string opportunityId)
    {
        var o = marts.Query("SELECT * FROM fct_opportunities WHERE opportunity_id = ?", opportunityId).SingleOrDefault();
        if (o is null) return null;
        var lines = new List<string>();
        var account = o.Text("account_name") is { } name ? $"{o.Text("account_id")} ({name})" : o.Text("account_id");
        lines.Add($"opportunity {opportunityId}  account {account}");
        lines.Add($"  status {o.Text("status")}, amount_usd {Money(o["amount_usd"])}, class {o.Text("attribution_class")}, " +
                  $"disputed {(o["disputed"] is true ? "yes (a dispute is open at as_of: credit stands, rewards are withheld)" : "no")}");
        var isOpen = o["closed_at"] is null;
        lines.Add($"  t0 {Time(o["created_at"])} (created)");
        lines.Add(isOpen
            ? $"  t1 {Time(o["assist_window_end"])} (open: the end of the as_of day, exclusive)"
            : $"  t1 {Time(o["assist_window_end"])} (closed)");
        lines.Add("windows");
        lines.Add($"  sourcing  {Time(o["sourcing_window_start"])} <= t <= {Time(o["sourcing_window_end"])}  referral and click touches");
        lines.Add($"  assist    {Time(o["sourcing_window_end"])} <  t <  {Time(o["assist_window_end"])}  referral and click touches");
        lines.Add($"  assist    {Time(o["created_at"])} <= t {(isOpen ? "< " : "<=")} {Time(o["assist_window_end"])}  activities");

        lines.Add("touches");
        var touches = marts.Query("""
            SELECT kind, partner_id, touch_at, role, evidence_id FROM fct_touches WHERE opportunity_id = ?
            ORDER BY touch_at, partner_id, touch_id
            """, opportunityId);
        if (touches.Count == 0) lines.Add("  (none)");
        foreach (var t in touches)
            lines.Add($"  {t.Text("kind"),-9} {t.Text("partner_id"),-10} {Time(t["touch_at"])}  {t.Text("role"),-8}  {t.Text("kind")} {t.Text("evidence_id")}");

        var credits = marts.Query("""
            SELECT model, partner_id, credit, role, is_reward_model, decision FROM fct_attribution WHERE opportunity_id = ?
            ORDER BY model, partner_id
            """, opportunityId);
        if (credits.Count == 0)
        {
            lines.Add("credit: none (no sourcing or assisting partner)");
            return lines;
        }
        var rewardModel = credits.First(c => c["is_reward_model"] is true).Text("model")!;
        var partners = credits.Select(c => c.Text("partner_id")!).Distinct().Order(StringComparer.Ordinal).ToList();
        lines.Add($"credit by model (* = the reward model)");
        lines.Add("  " + $"{"model",-16}" + string.Concat(partners.Select(p => $"{p,-22}")).TrimEnd());
        foreach (var model in credits.Select(c => c.Text("model")!).Distinct())
        {
            var row = credits.Where(c => c.Text("model") == model).ToDictionary(c => c.Text("partner_id")!);
            var label = model == rewardModel ? model + " *" : model;
            lines.Add("  " + $"{label,-16}" + string.Concat(partners.Select(p => $"{(row.TryGetValue(p, out var c) ? Credit(c["credit"]) : "-"),-22}")).TrimEnd());
        }
        lines.Add($"why ({rewardModel})");
        foreach (var c in credits.Where(c => c.Text("model") == rewardModel).OrderBy(c => RoleOrder(c.Text("role"))).ThenBy(c => c.Text("partner_id"), StringComparer.Ordinal))
            lines.Add(c.Text("role") == "primary"
                ? $"  primary = {c.Text("partner_id")}: {c.Text("decision")}"
                : $"  {c.Text("partner_id")} {c.Text("role")}: {c.Text("decision")}");
        return lines;
    }

    private static int RoleOrder(string? role) => role switch { "primary" => 0, "co" => 1, _ => 2 };

    private static string Time(object? value) => value is DateTime t ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    private static string Money(object? value) => value is null ? "- (no amount or no fx rate)" : Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Credit(object? value) =>
        Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("0.##################", CultureInfo.InvariantCulture);
}

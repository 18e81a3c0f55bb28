using ReferralInsights.Config;

namespace ReferralInsights.Reports;

/// <summary><c>attribution.html</c>: the seven attribution models side by side for the fiscal year to date — per partner,
/// the won revenue each model credits it with (fct_partner_attribution), the model that pays marked, and how far the
/// partner's credit moves between the models, the partners it moves most first.</summary>
internal static class AttributionPage
{
    public const string FileName = "attribution.html";

    public static void Write(SiteContext site)
    {
        var page = site.Page(FileName);
        var f = site.Format;
        var models = AttributionOptions.ModelNames;
        var rewardModel = site.Config.Attribution.RewardModel;
        var rows = site.Marts.Query("""
            SELECT a.partner_id, p.name, a.model, a.won_revenue
            FROM fct_partner_attribution AS a LEFT JOIN dim_partners AS p USING (partner_id)
            WHERE a.period = ?
            """, site.Year);
        var partners = rows.GroupBy(r => r.Text("partner_id")!)
            .Select(g => (Id: g.Key, Name: g.First().Text("name"), Revenue: models.ToDictionary(m => m, m => g.FirstOrDefault(r => r.Text("model") == m)?.Decimal("won_revenue") ?? 0m)))
            .Select(p => (p.Id, p.Name, p.Revenue, Spread: p.Revenue.Values.Max() - p.Revenue.Values.Min()))
            .OrderByDescending(p => p.Spread).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var headers = new List<string> { "partner", "id" };
        headers.AddRange(models.Select(m => m == rewardModel ? $"{Label(m)} (pays)" : Label(m)));
        headers.Add("spread");
        var table = page.Table("partner-credit", headers,
            partners.Select(p => (IReadOnlyList<Cell>)
            [
                p.Name ?? p.Id, p.Id, .. models.Select(m => f.Money(p.Revenue[m])), f.Money(p.Spread),
            ]), numericFrom: 2, show: 100, firstCellLinks: partners.Select(p => (string?)ScorecardPages.PathOf(p.Id)).ToList());
        var moved = partners.Take(10).ToList();
        var chart = moved.Count == 0 ? "" : Charts.PairedBars(moved.Select(p => p.Id).ToList(),
            ("least credit", moved.Select(p => (double)p.Revenue.Values.Min()).ToList()),
            ("most credit", moved.Select(p => (double)p.Revenue.Values.Max()).ToList()),
            "won revenue credited", v => f.Money((decimal)v));
        var body = Html.Section("attribution-models", $"Credit by attribution model, {site.Year}",
            (partners.Count == 0 ? Html.Note($"No won deals credited to a partner in {site.Year} yet.") : Html.Subheading("The ten partners whose credit moves most") + chart) + table,
            $"Won revenue each model credits to each partner, deals closed in fiscal year {site.Year} to date. " +
            $"Rewards are paid on {Label(rewardModel)}, the only model that applies dispute resolutions. " +
            "Spread = most minus least credit across the models: a large spread means the partner's share depends on the rule.");
        site.SaveProgramPage(page, "attribution models", body);
    }

    private static string Label(string model) => model.Replace('_', ' ');
}

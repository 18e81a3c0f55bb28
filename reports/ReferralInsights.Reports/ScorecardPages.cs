using System.Text;

namespace ReferralInsights.Reports;

/// <summary><c>partners/&lt;partner file name&gt;.html</c> (<see cref="PartnerFileName"/>), one per partner with data (a row in fct_partner_metrics): the partner's
/// own numbers only, safe to send to that partner. Peers appear only as the partner's percentile among them; the page
/// links to nothing outside <c>partners/&lt;partner_id&gt;*</c> (its own CSV exports) and shows no company names, which
/// another partner may have referred too.</summary>
public static class ScorecardPages
{
    public const string Folder = "partners";

    public static string PathOf(string partnerId) => $"{Folder}/{PartnerFileName.Of(partnerId)}.html";

    /// <summary>The folder of a partner's CSV exports, beside its page.</summary>
    public static string ExportFolderOf(string partnerId) => $"{Folder}/{PartnerFileName.Of(partnerId)}";

    /// <summary>The metrics a partner is ranked on, and whether a higher value is better.</summary>
    private static readonly (string Column, string Label, bool HigherIsBetter)[] Ranked =
    [
        ("referrals", "referrals", true), ("qualified_rate", "qualified rate", true), ("conversion_rate", "conversion rate", true),
        ("sourced_revenue", "partner-sourced revenue", true), ("avg_deal_size", "average deal size", true),
        ("median_days_to_close", "median days to close", false),
    ];

    private static readonly IReadOnlyDictionary<string, string> ReasonText = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ineligible_partner"] = "partner not active, or terms not signed, when earned",
        ["annual_cap"] = "annual cap per partner reached",
        ["per_deal_cap"] = "commission cap per deal",
        ["disputed"] = "deal under dispute until resolved",
        ["restricted_industry"] = "restricted industry: held for compliance review",
        ["self_referral"] = "referral of the partner's own company",
        ["late_claim"] = "referral submitted after the deal was created",
        ["refund"] = "deal refunded within the clawback window",
    };

    public static IReadOnlyList<string> Write(SiteContext site)
    {
        var partners = site.Marts.Query("""
            SELECT p.* FROM dim_partners AS p
            WHERE EXISTS (SELECT 1 FROM fct_partner_metrics AS m WHERE m.partner_id = p.partner_id)
            ORDER BY p.partner_id
            """);
        // one scorecard is a dozen small queries: keep the partner-level marts in memory rather than rescan Parquet each time
        site.Marts.Materialize("fct_partner_metrics", "fct_rewards", "fct_reconciliation", "fct_reconciliation_partner_totals", "tier_recommendations",
            "fct_partner_referrals", "fct_partner_statements", "fct_partner_campaigns", "fct_partner_reward_totals", "fct_partner_withheld");
        var percentiles = site.Marts.Query("SELECT * FROM fct_partner_percentiles").ToLookup(r => r.Text("partner_id")!);
        var leadScores = site.Marts.Query("SELECT * FROM fct_partner_lead_scores").ToLookup(r => r.Text("partner_id")!);
        foreach (var partner in partners)
        {
            var id = partner.Text("partner_id")!;
            WriteOne(site, partner, percentiles[id].ToDictionary(r => (r.Text("period_type")!, r.Text("period")!)), leadScores[id].ToList());
        }
        return partners.Select(p => p.Text("partner_id")!).ToList();
    }

    private static void WriteOne(SiteContext site, Row partner, IReadOnlyDictionary<(string, string), Row> percentiles, IReadOnlyList<Row> leadScores)
    {
        var id = partner.Text("partner_id")!;
        var page = site.Page(PathOf(id));
        var metrics = site.Marts.Query("SELECT * FROM fct_partner_metrics WHERE partner_id = ? AND period_type <> 'month'", id)
            .ToDictionary(r => (r.Text("period_type")!, r.Text("period")!));
        var picker = site.Picker;
        var body = new StringBuilder(picker.Control());
        body.Append(picker.Blocks(view => Headline(site, view, metrics.GetValueOrDefault((view.Period.Type, view.Period.Label)))));
        body.Append(Tier(site, page, id));
        body.Append(picker.Blocks(view =>
        {
            var key = (view.Period.Type, view.Period.Label);
            return Peers(site, page, view, metrics.GetValueOrDefault(key), percentiles.GetValueOrDefault(key));
        }));
        body.Append(Trends(site, page, id));
        body.Append(LeadQuality(page, leadScores));
        body.Append(Campaigns(site, page, id));
        body.Append(Referrals(site, page, id));
        body.Append(Rewards(site, page, id));
        var title = $"{partner.Text("name") ?? id}: partner scorecard";
        var subtitle = $"Partner {id} · {partner.Text("type")} · as of {Format.Date(site.AsOf)} · amounts in {site.Config.Program.Currency.ToUpperInvariant()}";
        page.Save(Html.Page(title, subtitle, body.ToString()));
    }

    private static string Headline(SiteContext site, PeriodView view, Row? metrics)
    {
        var f = site.Format;
        return Html.Section(view.Id("headline"), view.Period.Title, Html.Kpis(
        [
            Html.Kpi("referrals", "referrals", Format.Count(metrics?.Long("referrals") ?? 0)),
            Html.Kpi("qualified_rate", "qualified rate", Format.Percent(metrics?.Double("qualified_rate"))),
            Html.Kpi("conversion_rate", "conversion rate", Format.Percent(metrics?.Double("conversion_rate")), "won ÷ referrals"),
            Html.Kpi("sourced_revenue", "partner-sourced revenue", f.Money(metrics?.Decimal("sourced_revenue"))),
            Html.Kpi("avg_deal_size", "average deal size", f.Money(metrics?.Decimal("avg_deal_size"))),
            Html.Kpi("median_days_to_close", "median days to close", Format.Days(metrics?.Double("median_days_to_close"))),
            Html.Kpi("open_pipeline", "open pipeline", f.Money(metrics?.Decimal("open_pipeline")),
                $"open deals you sourced, at the end of the period or on {Format.Date(site.AsOf)} if earlier"),
        ]), "Referral counts and rates by the period a referral was submitted; revenue, deal size and days to close by the period a deal closed.");
    }

    private static string Tier(SiteContext site, SitePage page, string id)
    {
        var f = site.Format;
        var r = site.Marts.Query("SELECT * FROM tier_recommendations WHERE partner_id = ?", id).FirstOrDefault();
        if (r is null) return Html.Section("tier", "Tier", Html.Note("No tier review for this partner yet."));
        var revenue = r.Decimal("trailing_sourced_revenue") ?? 0;
        var qualified = r.Long("trailing_qualified");
        var next = r.Text("next_tier");
        var needs = new List<string>();
        if (r.Decimal("revenue_to_next_tier") is { } moreRevenue) needs.Add(f.Money(moreRevenue) + " more revenue");
        if (r["qualified_to_next_tier"] is not null) needs.Add(Format.Count(r.Long("qualified_to_next_tier")) + " more qualified referrals");
        var needed = next is null ? "already at the highest tier" : string.Join(" and ", needs) + " in the trailing 12 months";
        var kpis = Html.Kpis(
        [
            Html.Kpi("assigned_tier", "current tier", r.Text("assigned_tier") ?? "–"),
            Html.Kpi("recommended_tier", "recommended tier", r.Text("recommended_tier") ?? "–", r.Text("move") switch
            {
                "up" => "moves up", "down" => "moves down", _ => "stays",
            }),
            Html.Kpi("trailing_sourced_revenue", "revenue, trailing 12 months", f.Money(revenue)),
            Html.Kpi("trailing_qualified", "qualified referrals, trailing 12 months", Format.Count(qualified)),
            Html.Kpi("next_tier", "next tier", next ?? "–", needed),
        ]);
        return Html.Section("tier", "Tier", kpis, r.Text("reason"));
    }

    private static string Peers(SiteContext site, SitePage page, PeriodView view, Row? metrics, Row? percentile)
    {
        var title = $"Position among partners · {view.Period.Title}";
        if (metrics is null || percentile is null)
            return Html.Section(view.Id("peers"), title, Html.Note("No referrals or deals in this period."));
        var f = site.Format;
        string Value(string column) => column switch
        {
            "referrals" => Format.Count(metrics.Long(column)),
            "sourced_revenue" or "avg_deal_size" => f.Money(metrics.Decimal(column)),
            "median_days_to_close" => Format.Days(metrics.Double(column)),
            _ => Format.Percent(metrics.Double(column)),
        };
        var table = page.Table(view.Id("peers"), ["measure", "yours", "percentile among partners"],
            Ranked.Select(m => (IReadOnlyList<Cell>)[m.Label, Value(m.Column), Percentile(percentile.Double(m.Column))]));
        return Html.Section(view.Id("peers"), title, table,
            "Percentile 80 means you do better than 80 % of the program's partners with activity in the period " +
            "(for days to close, faster is better). Other partners' numbers are never shown.");
    }

    private static string Percentile(double? rank) => rank is { } r ? Math.Round(r * 100, MidpointRounding.AwayFromZero)
        .ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "–";

    private static string Trends(SiteContext site, SitePage page, string id)
    {
        var f = site.Format;
        var rows = site.Marts.Query("SELECT * FROM fct_partner_metrics WHERE partner_id = ? AND period_type = 'quarter' ORDER BY period", id);
        var chart = rows.Count == 0 ? "" : Charts.Bars(rows.Select(r => r.Text("period")!).ToList(), rows.Select(r => (double)r.Long("referrals")).ToList(),
            "referrals", v => Format.Count((long)v), height: 240, integerTicks: true);
        var table = page.Table("quarters",
            ["quarter", "referrals", "qualified", "qualified rate", "won", "conversion rate", "partner-sourced revenue", "avg deal size",
                "median days to close", "rewards earned"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                site.ReportPeriods.Shown(r.Text("period")!), Format.Count(r.Long("referrals")), Format.Count(r.Long("qualified")), Format.Percent(r.Double("qualified_rate")),
                Format.Count(r.Long("won")), Format.Percent(r.Double("conversion_rate")), f.Money(r.Decimal("sourced_revenue")),
                f.Money(r.Decimal("avg_deal_size")), Format.Days(r.Double("median_days_to_close")), f.Money(r.Decimal("rewards_earned")),
            ]));
        return Html.Section("trends", "By quarter", chart + table);
    }

    /// <summary>The partner's referrals (not duplicates) by lead score, in tenths (a row per bucket: bucket, referrals).</summary>
    private static string LeadQuality(SitePage page, IReadOnlyList<Row> rows)
    {
        if (rows.Count == 0)
            return Html.Section("lead-quality", "Lead quality", Html.Note("No lead scores yet: the lead-quality model has not scored these referrals."));
        var counts = Enumerable.Range(0, 10).Select(b => rows.FirstOrDefault(r => r.Long("bucket") == b)?.Long("referrals") ?? 0).ToList();
        var labels = Enumerable.Range(0, 10).Select(b => $"{Tenth(b)}–{Tenth(b + 1)}").ToList();
        var chart = Charts.Bars(labels, counts.Select(c => (double)c).ToList(), "referrals", v => Format.Count((long)v), height: 240, integerTicks: true);
        var table = page.Table("lead-quality", ["lead score", "referrals"], labels.Select((l, i) => (IReadOnlyList<Cell>)[l, Format.Count(counts[i])]));
        return Html.Section("lead-quality", "Lead quality of your referrals", chart + table,
            "The lead-quality model's score of each referral (0 = unlikely to qualify, 1 = very likely).");
    }

    /// <summary>The partner's link campaigns this fiscal year: clicks, visitors and how many of them converted.</summary>
    private static string Campaigns(SiteContext site, SitePage page, string id)
    {
        var rows = site.Marts.Query("SELECT * FROM fct_partner_campaigns WHERE partner_id = ? AND period = ? ORDER BY clicks DESC, campaign",
            id, site.Year);
        var title = $"Your campaigns, {site.Year}";
        if (rows.Count == 0) return Html.Section("campaigns", title, Html.Note($"No clicks on your links in {site.Year} yet."));
        var table = page.Table("campaigns", ["campaign", "clicks", "visitors", "converted", "conversion rate"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("campaign")!, Format.Count(r.Long("clicks")), Format.Count(r.Long("visitors")), Format.Count(r.Long("converted_visitors")),
                Format.Percent(r.Double("conversion_rate")),
            ]));
        return Html.Section("campaigns", title, table,
            "By the click's utm_campaign (else the link's campaign). Converted: visitors who signed up on or after their first " +
            "click of the campaign. Bursts of clicks from one address are left out, as attribution leaves them out.");
    }

    /// <summary>Every referral of the partner, newest first: where it stands, the deal it sourced, its lead score and why,
    /// and what it earned or why its rewards are held, in plain words. Contacts by pseudonym only.</summary>
    private static string Referrals(SiteContext site, SitePage page, string id)
    {
        var f = site.Format;
        var rows = site.Marts.Query("SELECT * FROM fct_partner_referrals WHERE partner_id = ? ORDER BY submitted_at DESC, referral_id", id);
        if (rows.Count == 0) return Html.Section("referrals", "Your referrals", Html.Note("No referrals yet."));
        var table = page.Table("referrals",
            ["referral", "submitted", "contact", "status", "deal", "deal stage", "lead score", "why this score", "rewards earned", "withheld", "why held"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("referral_id")!, ReferralText.Submitted(r), site.Pseudonyms.Of(r.Text("contact_email"), r.Text("contact_name")),
                ReferralText.Status(r), r.Text("opportunity_id") ?? "", ReferralText.DealStage(r), ReferralText.Score(r), r.Text("top_factors") ?? "", f.MoneyCents(r.Decimal("rewards_earned")), f.MoneyCents(r.Decimal("rewards_withheld")),
                Explain(r.Text("held_reasons")),
            ]), numericFrom: 8, numericTo: 10, show: 50);
        return Html.Section("referrals", "Your referrals", table,
            "Each referral you submitted, newest first. Contacts are shown by a pseudonym: the same contact has the same one " +
            "on every referral. The lead score's reasons are the model's largest factors for that referral.");
    }

    private static string Tenth(int tenths) => (tenths / 10.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Rewards(SiteContext site, SitePage page, string id)
    {
        var f = site.Format;
        var totals = site.Marts.Query("SELECT cost, withheld FROM fct_partner_reward_totals WHERE partner_id = ?", id).SingleOrDefault();
        var paid = site.Marts.Query("SELECT paid FROM fct_reconciliation_partner_totals WHERE partner_id = ?", id).SingleOrDefault();
        var kpis = Html.Kpis(
        [
            Html.Kpi("rewards_earned", "rewards earned", f.MoneyCents(totals?.Decimal("cost") ?? 0), "payable and capped, all time"),
            Html.Kpi("rewards_paid", "paid", f.MoneyCents(paid?.Decimal("paid") ?? 0)),
            Html.Kpi("rewards_withheld", "withheld", f.MoneyCents(totals?.Decimal("withheld") ?? 0), "see the reasons below"),
        ]);
        var withheld = site.Marts.Query("SELECT * FROM fct_partner_withheld WHERE partner_id = ? ORDER BY amount DESC, reason", id);
        var reasons = withheld.Count == 0 ? Html.Note("No reward is withheld.") : page.Table("withheld", ["why withheld", "rewards", "amount"],
            withheld.Select(r => (IReadOnlyList<Cell>)[Explain(r.Text("reason")), Format.Count(r.Long("rewards")), f.MoneyCents(r.Decimal("amount"))]));
        var list = site.Marts.Query("""
            SELECT r.*, c.paid FROM fct_rewards AS r LEFT JOIN fct_reconciliation AS c USING (reward_id)
            WHERE r.partner_id = ? ORDER BY r.earned_at DESC, r.reward_id
            """, id);
        var quarters = site.Marts.Query("SELECT * FROM fct_partner_statements WHERE partner_id = ? ORDER BY period DESC", id);
        var statement = page.Table("statement", ["quarter", "earned", "withheld", "paid"],
            quarters.Select(q => (IReadOnlyList<Cell>)
            [
                site.ReportPeriods.Shown(q.Text("period")!), f.MoneyCents(q.Decimal("earned")),
                f.MoneyCents(q.Decimal("withheld")), f.MoneyCents(q.Decimal("paid")),
            ]));
        var rewards = page.Table("rewards", ["reward", "type", "referral", "opportunity", "tier", "earned", "status", "reason", "amount", "paid"],
            list.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("reward_id")!, r.Text("type")!, r.Text("referral_id") ?? "", r.Text("opportunity_id") ?? "", r.Text("tier") ?? "",
                Format.Date(DateOnly.FromDateTime((DateTime)r["earned_at"]!)), r.Text("status")!, r.Text("reason") is null ? "" : Explain(r.Text("reason")),
                f.MoneyCents(r.Decimal("amount")), f.MoneyCents(r.Decimal("paid")),
            ]), numericFrom: 8, show: 50);
        return Html.Section("rewards", "Rewards", kpis + Html.Subheading("Statement by quarter") + statement + Html.Subheading("Withheld, by reason") + reasons +
            Html.Subheading("Every reward") + rewards,
            "A withheld reward is listed with its amount but not paid; it is released when the reason no longer applies. " +
            "The statement puts rewards in the quarter they were earned and payments in the quarter they were paid.");
    }

    private static string Explain(string? reason) => reason is null ? "" :
        string.Join("; ", reason.Split(';').Select(r => ReasonText.GetValueOrDefault(r, r.Replace('_', ' '))));
}

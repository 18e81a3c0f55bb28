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

    /// <summary>Partners whose pages are rendered together: their rows of every partner-level mart are read in one query
    /// per mart (a few MB at a time however large the program), then the pages are rendered in parallel.</summary>
    internal const int BatchPartners = 256;

    public static IReadOnlyList<string> Write(SiteContext site, IProgress<string>? progress = null, int batchPartners = BatchPartners)
    {
        var partners = site.Marts.Query("""
            SELECT p.* FROM dim_partners AS p
            WHERE EXISTS (SELECT 1 FROM fct_partner_metrics AS m WHERE m.partner_id = p.partner_id)
            ORDER BY p.partner_id
            """);
        // the batches' range queries scan these marts once each: keep them in memory rather than rescan Parquet
        site.Marts.Materialize("fct_partner_metrics", "fct_partner_percentiles", "fct_partner_lead_scores", "fct_rewards", "fct_reconciliation",
            "fct_reconciliation_partner_totals", "tier_recommendations", "fct_partner_referrals", "fct_partner_statements", "fct_partner_campaigns",
            "fct_partner_reward_totals", "fct_partner_withheld");
        _ = site.ReportPeriods; _ = site.Year; // the shared lookups query the marts: run them here, not from the rendering threads
        for (var first = 0; first < partners.Count; first += batchPartners)
        {
            var batch = partners.Skip(first).Take(batchPartners).ToList();
            var data = new PartnerBatch(site, batch[0].Text("partner_id")!, batch[^1].Text("partner_id")!);
            Parallel.ForEach(batch, partner => WriteOne(site, partner, data.Of(partner.Text("partner_id")!)));
            progress?.Report($"scorecards: {first + batch.Count:N0} of {partners.Count:N0}");
        }
        return partners.Select(p => p.Text("partner_id")!).ToList();
    }

    /// <summary>What one scorecard shows besides the partner itself: its rows of each partner-level mart, in the order its section lists them.</summary>
    private sealed record PartnerRows(IReadOnlyList<Row> Metrics, IReadOnlyList<Row> Percentiles, IReadOnlyList<Row> LeadScores, Row? Tier,
        IReadOnlyList<Row> Campaigns, IReadOnlyList<Row> Referrals, Row? RewardTotals, Row? Paid, IReadOnlyList<Row> Withheld,
        IReadOnlyList<Row> Rewards, IReadOnlyList<Row> Statements);

    /// <summary>The rows of every partner whose id is between two ids (in <c>ORDER BY partner_id</c>'s order), a query per mart.</summary>
    private sealed class PartnerBatch
    {
        private const string InBatch = "partner_id BETWEEN ? AND ?";
        private readonly ILookup<string, Row> _metrics, _percentiles, _leadScores, _tier, _campaigns, _referrals, _rewardTotals, _paid,
            _withheld, _rewards, _statements;

        public PartnerBatch(SiteContext site, string firstId, string lastId)
        {
            ILookup<string, Row> Read(string sql, params object?[] more) =>
                site.Marts.Query(sql, [firstId, lastId, .. more]).ToLookup(r => r.Text("partner_id")!, StringComparer.Ordinal);
            _metrics = Read($"SELECT * FROM fct_partner_metrics WHERE {InBatch} AND period_type <> 'month' ORDER BY partner_id, period");
            _percentiles = Read($"SELECT * FROM fct_partner_percentiles WHERE {InBatch}");
            _leadScores = Read($"SELECT * FROM fct_partner_lead_scores WHERE {InBatch}");
            _tier = Read($"SELECT * FROM tier_recommendations WHERE {InBatch}");
            _campaigns = Read($"SELECT * FROM fct_partner_campaigns WHERE {InBatch} AND period = ? ORDER BY partner_id, clicks DESC, campaign", site.Year);
            _referrals = Read($"SELECT * FROM fct_partner_referrals WHERE {InBatch} ORDER BY partner_id, submitted_at DESC, referral_id");
            _rewardTotals = Read($"SELECT partner_id, cost, withheld FROM fct_partner_reward_totals WHERE {InBatch}");
            _paid = Read($"SELECT partner_id, paid FROM fct_reconciliation_partner_totals WHERE {InBatch}");
            _withheld = Read($"SELECT * FROM fct_partner_withheld WHERE {InBatch} ORDER BY partner_id, amount DESC, reason");
            _rewards = Read($"""
                SELECT r.*, c.paid FROM fct_rewards AS r LEFT JOIN fct_reconciliation AS c USING (reward_id)
                WHERE r.{InBatch} ORDER BY r.partner_id, r.earned_at DESC, r.reward_id
                """);
            _statements = Read($"SELECT * FROM fct_partner_statements WHERE {InBatch} ORDER BY partner_id, period DESC");
        }

        public PartnerRows Of(string id) => new(_metrics[id].ToList(), _percentiles[id].ToList(), _leadScores[id].ToList(),
            _tier[id].FirstOrDefault(), _campaigns[id].ToList(), _referrals[id].ToList(), _rewardTotals[id].SingleOrDefault(),
            _paid[id].SingleOrDefault(), _withheld[id].ToList(), _rewards[id].ToList(), _statements[id].ToList());
    }

    private static void WriteOne(SiteContext site, Row partner, PartnerRows rows)
    {
        var id = partner.Text("partner_id")!;
        var page = site.Page(PathOf(id));
        var metrics = rows.Metrics.ToDictionary(r => (r.Text("period_type")!, r.Text("period")!));
        var percentiles = rows.Percentiles.ToDictionary(r => (r.Text("period_type")!, r.Text("period")!));
        var picker = site.Picker;
        var body = new StringBuilder(picker.Control());
        body.Append(picker.Blocks(view => Headline(site, view, metrics.GetValueOrDefault((view.Period.Type, view.Period.Label)))));
        body.Append(Tier(site, rows.Tier));
        body.Append(picker.Blocks(view =>
        {
            var key = (view.Period.Type, view.Period.Label);
            return Peers(site, page, view, metrics.GetValueOrDefault(key), percentiles.GetValueOrDefault(key));
        }));
        body.Append(Trends(site, page, rows.Metrics.Where(r => r.Text("period_type") == "quarter").ToList()));
        body.Append(LeadQuality(page, rows.LeadScores));
        body.Append(Campaigns(site, page, rows.Campaigns));
        body.Append(Referrals(site, page, rows.Referrals));
        body.Append(Rewards(site, page, rows));
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

    private static string Tier(SiteContext site, Row? r)
    {
        var f = site.Format;
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

    /// <param name="rows">the partner's quarters, in order</param>
    private static string Trends(SiteContext site, SitePage page, IReadOnlyList<Row> rows)
    {
        var f = site.Format;
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
    private static string Campaigns(SiteContext site, SitePage page, IReadOnlyList<Row> rows)
    {
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
    private static string Referrals(SiteContext site, SitePage page, IReadOnlyList<Row> rows)
    {
        var f = site.Format;
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

    private static string Rewards(SiteContext site, SitePage page, PartnerRows rows)
    {
        var f = site.Format;
        var totals = rows.RewardTotals;
        var paid = rows.Paid;
        var kpis = Html.Kpis(
        [
            Html.Kpi("rewards_earned", "rewards earned", f.MoneyCents(totals?.Decimal("cost") ?? 0), "payable and capped, all time"),
            Html.Kpi("rewards_paid", "paid", f.MoneyCents(paid?.Decimal("paid") ?? 0)),
            Html.Kpi("rewards_withheld", "withheld", f.MoneyCents(totals?.Decimal("withheld") ?? 0), "see the reasons below"),
        ]);
        var withheld = rows.Withheld;
        var reasons = withheld.Count == 0 ? Html.Note("No reward is withheld.") : page.Table("withheld", ["why withheld", "rewards", "amount"],
            withheld.Select(r => (IReadOnlyList<Cell>)[Explain(r.Text("reason")), Format.Count(r.Long("rewards")), f.MoneyCents(r.Decimal("amount"))]));
        var list = rows.Rewards;
        var quarters = rows.Statements;
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

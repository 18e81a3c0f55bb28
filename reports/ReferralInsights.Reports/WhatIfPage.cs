using System.Globalization;
using System.Text;
using ReferralInsights.Config;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ReferralInsights.Reports;

/// <summary>A candidate rewards table replayed over the published history (<c>referral-insights simulate</c>).</summary>
public sealed record WhatIfCandidate(string Name, RewardsOptions Rewards, RewardComparison Comparison);

/// <summary>
/// <c>site/what-if.html</c>, the reward what-if: what a candidate rewards table would have cost over the replayed history
/// against the current one — reward cost and ROI per fiscal year, the terms that differ, the partners paid more and less —
/// with every partner's figures in <c>site/what-if/partner-deltas.csv</c> and each table exported beside the page
/// (<see cref="SitePage"/>). A plain run writes the page without a candidate: the current reward cost per year and how to
/// replay one (the current table as a YAML starting point).
/// </summary>
public static class WhatIfPage
{
    public const string FileName = "what-if.html";
    public const string PartnerCsv = "what-if/partner-deltas.csv";
    private const int ListedPartners = 15;

    /// <summary>The page and its CSVs for a replayed candidate.</summary>
    public static void Write(string siteDir, PipelineConfig config, DateOnly asOf, WhatIfCandidate candidate)
    {
        var page = new SitePage(siteDir, FileName);
        var html = Render(page, config, asOf, candidate);
        Directory.CreateDirectory(Path.Combine(siteDir, Path.GetDirectoryName(PartnerCsv)!));
        using (var partners = new StreamWriter(Path.Combine(siteDir, PartnerCsv), false, new UTF8Encoding(false)))
            candidate.Comparison.WritePartnerCsv(partners);
        page.Save(html);
    }

    private static string Render(SitePage page, PipelineConfig config, DateOnly asOf, WhatIfCandidate candidate)
    {
        var format = new Format(config.Program.Currency);
        var c = candidate.Comparison;
        var body = new StringBuilder();
        var paidMore = c.Partners.Count(p => p.Delta > 0);
        var paidLess = c.Partners.Count(p => p.Delta < 0);

        body.Append(Html.Section("summary", "Over the whole replayed history", Html.Kpis(
        [
            Html.Kpi("what_if_current_cost", "program cost, current table", format.Money(c.CurrentCost)),
            Html.Kpi("what_if_candidate_cost", "program cost, candidate", format.Money(c.CandidateCost)),
            Html.Kpi("what_if_cost_change", "change in cost", format.SignedMoney(c.CandidateCost - c.CurrentCost) + ChangePercent(c.CurrentCost, c.CandidateCost)),
            Html.Kpi("what_if_roi", "ROI, current → candidate", $"{Format.Ratio(c.CurrentRoi)} → {Format.Ratio(c.CandidateRoi)}"),
            Html.Kpi("what_if_partners_changed", "partners paid more / less / same", $"{Format.Count(paidMore)} / {Format.Count(paidLess)} / {Format.Count(c.Partners.Count - paidMore - paidLess)}"),
        ]),
            "Program cost = rewards paid (payable and capped, clawbacks netted) + the other program costs of `program_costs`. " +
            "ROI = (partner-sourced revenue × gross margin − program cost) / program cost. The candidate changes only the rewards: " +
            "attribution, sourced revenue and other costs are the published run's."));

        body.Append(TermsSection(page, config.Rewards, candidate.Rewards, format));
        body.Append(YearsSection(page, c, format));
        body.Append(PartnersSection(page, "winners", "Paid more under the candidate" + Listed(paidMore), c.Partners.Where(p => p.Delta > 0), format));
        body.Append(PartnersSection(page, "losers", "Paid less under the candidate" + Listed(paidLess),
            c.Partners.Where(p => p.Delta < 0).OrderBy(p => p.Delta).ThenBy(p => p.PartnerId, StringComparer.Ordinal), format));
        body.Append(Html.DownloadNote("Every partner's figures, current and candidate, in plain numbers:", PartnerCsv));
        return Html.Page($"{config.Program.Name}: reward what-if", $"Candidate {candidate.Name} against the current rewards table · history to {Format.Date(asOf)}",
            body.ToString(), ProgramNav.Render(FileName));
    }

    /// <summary>The page a plain run publishes: the current table's reward cost per fiscal year and how to replay a candidate.</summary>
    public static void WriteCurrent(SiteContext site)
    {
        var page = site.Page(FileName);
        var rows = site.Marts.Query("SELECT period, rewards_earned, program_cost, roi FROM fct_program_metrics WHERE period_type = 'year' ORDER BY period");
        var table = page.Table("program-by-year", ["fiscal year", "rewards", "program cost", "ROI"],
            rows.Select(r => (IReadOnlyList<Cell>)[r.Text("period")!, site.Format.Money(r.Decimal("rewards_earned")),
                site.Format.Money(r.Decimal("program_cost")), Format.Ratio(r.Double("roi"))]));
        var yaml = new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).DisableAliases()
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull).Build().Serialize(new { rewards = site.Config.Rewards });
        var body = Html.Section("no-candidate", "No candidate replayed since this run",
                       Html.Paragraph("To see what another rewards table would have cost, write its `rewards:` section (same keys as " +
                                      "`pipeline.yaml`) to a file and replay the published history under it:") +
                       Html.Preformatted("referral-insights simulate --rewards candidate.yaml") +
                       Html.Paragraph("This page then shows the cost, ROI and the partners paid more and less against the current table. " +
                                      "A new run replaces it with this one, since its numbers are about the history the run published."))
                   + Html.Section("current-cost", "The current table's cost per fiscal year", table)
                   + Html.Section("current-table", "The current table, as a starting point for a candidate", Html.Preformatted(yaml));
        site.SaveProgramPage(page, "reward what-if", body);
    }

    private static string TermsSection(SitePage page, RewardsOptions current, RewardsOptions candidate, Format format)
    {
        var now = Terms(current, format);
        var next = Terms(candidate, format);
        var changed = now.Keys.Union(next.Keys).Where(k => now.GetValueOrDefault(k) != next.GetValueOrDefault(k))
            .Select(k => (IReadOnlyList<Cell>)[k, now.GetValueOrDefault(k) ?? "—", next.GetValueOrDefault(k) ?? "—"]).ToList();
        var content = changed.Count == 0
            ? Html.Paragraph("The candidate's terms are the current table's.")
            : page.Table("terms-changed", ["term", "current", "candidate"], changed, numericFrom: 1);
        return Html.Section("terms", "Terms that differ", content);
    }

    private static Dictionary<string, string> Terms(RewardsOptions r, Format format)
    {
        var terms = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["quality gate: min lead score"] = r.QualityGate.MinLeadScore.ToString("0.###", CultureInfo.InvariantCulture),
            ["assist bonus"] = format.MoneyTerm(r.AssistBonus),
            ["clawback window"] = $"{Format.Count(r.ClawbackDays)} days",
            ["cap per deal"] = r.Caps.PerDeal is { } d ? format.MoneyTerm(d) : "no cap",
            ["cap per partner per year"] = r.Caps.PerPartnerPerYear is { } y ? format.MoneyTerm(y) : "no cap",
        };
        foreach (var t in r.Tiers)
        {
            terms[$"{t.Name}: min sourced revenue"] = format.MoneyTerm(t.MinSourcedRevenue);
            terms[$"{t.Name}: min qualified referrals"] = Format.Count(t.MinQualifiedReferrals);
            terms[$"{t.Name}: upfront bonus"] = format.MoneyTerm(t.UpfrontBonus);
            terms[$"{t.Name}: qualified bonus"] = format.MoneyTerm(t.QualifiedBonus);
            terms[$"{t.Name}: commission rate"] = Format.Rate(t.CommissionRate);
        }
        return terms;
    }

    private static string YearsSection(SitePage page, RewardComparison c, Format format)
    {
        var chart = Charts.PairedBars(c.Years.Select(y => y.Year).ToList(), ("current table", c.Years.Select(y => (double)y.CurrentRewards).ToList()),
            ("candidate", c.Years.Select(y => (double)y.CandidateRewards).ToList()), "rewards paid", v => format.Money((decimal)v));
        var table = page.Table("program-by-year",
            ["fiscal year", "sourced revenue", "other costs", "rewards, current", "rewards, candidate", "change", "ROI, current", "ROI, candidate"],
            c.Years.Select(y => (IReadOnlyList<Cell>)[y.Year, format.Money(y.SourcedRevenue), format.Money(y.OtherCosts), format.Money(y.CurrentRewards),
                format.Money(y.CandidateRewards), format.SignedMoney(y.Delta) + ChangePercent(y.CurrentRewards, y.CandidateRewards),
                Format.Ratio(y.CurrentRoi), Format.Ratio(y.CandidateRoi)]));
        return Html.Section("years", "Rewards and ROI per fiscal year", chart + table);
    }

    private static string PartnersSection(SitePage page, string id, string title, IEnumerable<PartnerDelta> partners, Format format)
    {
        var rows = partners.Select(p => (IReadOnlyList<Cell>)
        [
            p.Name ?? p.PartnerId, p.PartnerId, p.Type ?? "", p.Tier ?? "", format.Money(p.Current.Cost), format.Money(p.Candidate.Cost),
            format.SignedMoney(p.Delta) + ChangePercent(p.Current.Cost, p.Candidate.Cost),
            format.SignedMoney(p.Candidate.Commission - p.Current.Commission), format.SignedMoney(p.Candidate.Bonuses - p.Current.Bonuses),
            format.Money(p.Candidate.CutByCaps), format.Money(p.Candidate.Withheld),
        ]).ToList();
        var content = rows.Count == 0
            ? Html.Note("No partner.")
            : page.Table(id, ["partner", "id", "type", "tier", "paid, current", "paid, candidate", "change", "commission change", "bonus change",
                "cut by caps, candidate", "withheld, candidate"], rows, numericFrom: 4, show: ListedPartners);
        return Html.Section($"{id}-section", title, content);
    }

    private static string Listed(int count) => count switch
    {
        0 => ": none",
        <= ListedPartners => $" (all {Format.Count(count)})",
        _ => $" (the {ListedPartners} most changed of {Format.Count(count)})",
    };

    private static string ChangePercent(decimal current, decimal candidate) =>
        current == 0 || current == candidate ? "" : string.Create(CultureInfo.InvariantCulture, $" ({(candidate - current) / current * 100:+0.0;−0.0} %)");
}

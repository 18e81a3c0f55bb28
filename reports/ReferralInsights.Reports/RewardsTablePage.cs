using System.Globalization;
using System.Text;
using ReferralInsights.Config;

namespace ReferralInsights.Reports;

/// <summary>
/// <c>site/rewards-table.html</c>: the program's reward terms for the year, rendered from the configuration the run
/// used (<c>rewards</c>, <c>attribution</c>, <c>compliance</c>, <c>reconciliation</c>), so partners plan with exactly the
/// terms the rewards are computed with (rules.md §7, §12).
/// </summary>
internal static class RewardsTablePage
{
    public const string FileName = "rewards-table.html";

    public static void Write(SiteContext site)
    {
        var config = site.Config;
        var page = site.Page(FileName);
        var format = site.Format;
        var rewards = config.Rewards;
        var body = new StringBuilder();

        var versions = rewards.TermVersions();
        var since = versions[^1].From is { } from ? $" in force since {Format.Date(from)}" : "";
        body.Append(Html.Section("tier-table", "Tiers" + since, TierTable(page, "tiers", rewards.Tiers, format),
            "A partner's tier is reviewed on the twelve months before each run: the highest tier whose two thresholds are both met is " +
            "recommended. Each reward is paid at the terms of the tier the partner holds on the day it is earned, under the tier table in force that day."));
        if (versions.Count > 1)
        {
            var earlier = new StringBuilder();
            for (var i = versions.Count - 2; i >= 0; i--)
            {
                var (start, end, tiers) = versions[i];
                var span = (start is { } s0 ? $"From {Format.Date(s0)}" : "Before") + $" until {Format.Date(end!.Value.AddDays(-1))}";
                earlier.Append(Html.Subheading(span) + TierTable(page, $"tiers-{(start ?? end!.Value.AddDays(-1)):yyyy-MM-dd}", tiers, format));
            }
            body.Append(Html.Section("earlier-terms", "Earlier terms", earlier.ToString(), "Rewards earned while " +
                "an earlier table was in force keep its terms: a change of terms applies from its day on and never restates the past. " +
                "The oldest table also covers anything earned before it."));
        }

        var terms = page.Table("terms", ["term", "value", "how it applies"],
        [
            ["assist bonus", rewards.AssistBonus == 0 ? "none" : format.MoneyTerm(rewards.AssistBonus),
                "per won deal that no partner sourced, to each partner that assisted it"],
            ["commission cap per deal", rewards.Caps.PerDeal is { } perDeal ? format.MoneyTerm(perDeal) : "no cap",
                "the most one partner's commission on one deal can be"],
            ["annual cap per partner", rewards.Caps.PerPartnerPerYear is { } perYear ? format.MoneyTerm(perYear) : "no cap",
                "the most a partner is paid in a calendar year; the reward that reaches it is cut to fit, later ones are held"],
            ["clawback window", $"{Format.Count(rewards.ClawbackDays)} days",
                "a deal refunded within this many days of closing reverses its commission"],
            ["quality gate", rewards.QualityGate.MinLeadScore == 0 ? "none" : "lead score ≥ " + rewards.QualityGate.MinLeadScore.ToString("0.##", CultureInfo.InvariantCulture),
                "the upfront bonus is paid for referrals scoring at least this"],
            ["payment", $"{Format.Count(config.Reconciliation.PaymentLagDays)} days", "rewards are due this long after they are earned"],
            ["co-referred deals", CoReferral(config.Attribution),
                "how a won deal introduced by several partners is shared for commission"],
            ["restricted industries", config.Compliance.RestrictedIndustries.Count == 0 ? "none" : string.Join(", ", config.Compliance.RestrictedIndustries),
                "rewards on such companies are held for compliance review"],
        ], numericFrom: 3);
        body.Append(Html.Section("terms", "Bonuses, caps and windows", terms, "Rewards are paid to " +
            "active partners that have signed the code of conduct and the data-privacy terms before the reward is earned; " +
            "rewards on a deal under dispute are held until it is resolved."));

        site.SaveProgramPage(page, $"rewards table {site.AsOf.Year}", body.ToString());
    }

    private static string TierTable(SitePage page, string id, IReadOnlyList<TierOptions> tiers, Format format) =>
        page.Table(id,
            ["tier", "partner-sourced revenue, trailing 12 months", "qualified referrals, trailing 12 months", "upfront bonus per accepted referral",
                "bonus per qualified referral", "commission on won deals"],
            tiers.Select(t => (IReadOnlyList<Cell>)
            [
                t.Name, "≥ " + format.MoneyTerm(t.MinSourcedRevenue), "≥ " + Format.Count(t.MinQualifiedReferrals), format.MoneyTerm(t.UpfrontBonus),
                format.MoneyTerm(t.QualifiedBonus), Format.Rate(t.CommissionRate),
            ]));

    private static string CoReferral(AttributionOptions attribution) => attribution.RewardModel == "primary_share"
        ? $"{Format.Rate(attribution.PrimaryShare)} to the partner who introduced it first, the rest split equally"
        : $"credit by the {attribution.RewardModel.Replace('_', ' ')} model";
}

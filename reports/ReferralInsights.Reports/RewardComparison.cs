namespace ReferralInsights.Reports;

/// <summary>What a partner's rewards add up to under one table, as its <c>fct_partner_reward_totals</c> row states it:
/// <see cref="Cost"/> (payable and capped), commission and bonuses, withheld, and what the caps cut off.</summary>
public sealed record RewardCost(decimal Cost, decimal Commission, decimal Bonuses, decimal Withheld, decimal CutByCaps);

public sealed record PartnerDelta(string PartnerId, string? Name, string? Type, string? Tier, RewardCost Current, RewardCost Candidate)
{
    public decimal Delta => Candidate.Cost - Current.Cost;
}

/// <summary>One fiscal year of <c>fct_program_metrics</c> under both tables. Sourced revenue and the other program costs do
/// not depend on the rewards table, so they are the current run's.</summary>
public sealed record YearDelta(string Year, decimal SourcedRevenue, decimal OtherCosts, decimal CurrentRewards, decimal CandidateRewards,
    double? CurrentRoi, double? CandidateRoi)
{
    public decimal Delta => CandidateRewards - CurrentRewards;
}

/// <summary>The published marts against the marts a candidate rewards table gives when history is replayed: the program's reward
/// cost and ROI per fiscal year, and each partner's rewards. Reads two marts folders (Parquet), nothing else.</summary>
public sealed record RewardComparison(IReadOnlyList<YearDelta> Years, IReadOnlyList<PartnerDelta> Partners, decimal GrossMargin)
{
    public decimal CurrentCost => Years.Sum(y => y.CurrentRewards + y.OtherCosts);
    public decimal CandidateCost => Years.Sum(y => y.CandidateRewards + y.OtherCosts);

    /// <summary>rules.md's ROI over all years: (sourced revenue × gross margin − program cost) / program cost.</summary>
    public double? CurrentRoi => Roi(CurrentCost);
    public double? CandidateRoi => Roi(CandidateCost);

    private double? Roi(decimal cost) => cost == 0 ? null : (double)((Years.Sum(y => y.SourcedRevenue) * GrossMargin - cost) / cost);

    public static RewardComparison Compare(string currentMarts, string candidateMarts, decimal grossMargin)
    {
        using var marts = new MartReader(currentMarts);
        foreach (var mart in (string[])["fct_partner_reward_totals", "fct_program_metrics"])
            marts.AddView("candidate_" + mart, $"SELECT * FROM read_parquet('{Path.Combine(Path.GetFullPath(candidateMarts), mart + ".parquet").Replace("'", "''")}')");

        var years = marts.Query("""
            SELECT coalesce(c.period, n.period) AS year, coalesce(c.sourced_revenue, n.sourced_revenue, 0) AS sourced_revenue,
                   coalesce(c.program_cost - c.rewards_earned, n.program_cost - n.rewards_earned, 0) AS other_costs,
                   coalesce(c.rewards_earned, 0) AS current_rewards, coalesce(n.rewards_earned, 0) AS candidate_rewards,
                   c.roi AS current_roi, n.roi AS candidate_roi
            FROM (SELECT * FROM fct_program_metrics WHERE period_type = 'year') AS c
            FULL JOIN (SELECT * FROM candidate_fct_program_metrics WHERE period_type = 'year') AS n USING (period_type, period)
            ORDER BY year
            """).Select(r => new YearDelta(r.Text("year")!, r.Decimal("sourced_revenue")!.Value, r.Decimal("other_costs")!.Value,
            r.Decimal("current_rewards")!.Value, r.Decimal("candidate_rewards")!.Value, r.Double("current_roi"), r.Double("candidate_roi"))).ToList();

        var partners = marts.Query("""
            SELECT partner_id, p.name, p.type, p.tier,
                   c.cost AS c_cost, c.commission AS c_commission, c.bonuses AS c_bonuses, c.withheld AS c_withheld, c.cut_by_caps AS c_cut_by_caps,
                   n.cost AS n_cost, n.commission AS n_commission, n.bonuses AS n_bonuses, n.withheld AS n_withheld, n.cut_by_caps AS n_cut_by_caps
            FROM fct_partner_reward_totals AS c
            FULL JOIN candidate_fct_partner_reward_totals AS n USING (partner_id)
            LEFT JOIN dim_partners AS p USING (partner_id)
            ORDER BY coalesce(n.cost, 0) - coalesce(c.cost, 0) DESC, partner_id
            """).Select(r => new PartnerDelta(r.Text("partner_id")!, r.Text("name"), r.Text("type"), r.Text("tier"), Cost(r, "c"), Cost(r, "n"))).ToList();
        return new RewardComparison(years, partners, grossMargin);
    }

    private static RewardCost Cost(Row r, string side) => new(r.Decimal($"{side}_cost") ?? 0, r.Decimal($"{side}_commission") ?? 0,
        r.Decimal($"{side}_bonuses") ?? 0, r.Decimal($"{side}_withheld") ?? 0, r.Decimal($"{side}_cut_by_caps") ?? 0);

    /// <summary>The per-partner deltas as CSV (machine-readable numbers: plain decimals, invariant culture).</summary>
    public void WritePartnerCsv(TextWriter output)
    {
        using var csv = new Csv(output);
        csv.Row(["partner_id", "name", "type", "tier", "current_cost", "candidate_cost", "delta", "current_commission",
            "candidate_commission", "current_bonuses", "candidate_bonuses", "current_withheld", "candidate_withheld", "current_cut_by_caps",
            "candidate_cut_by_caps"]);
        foreach (var p in Partners)
            csv.Row([p.PartnerId, p.Name, p.Type, p.Tier, .. Amounts(p.Current.Cost, p.Candidate.Cost, p.Delta,
                p.Current.Commission, p.Candidate.Commission, p.Current.Bonuses, p.Candidate.Bonuses, p.Current.Withheld,
                p.Candidate.Withheld, p.Current.CutByCaps, p.Candidate.CutByCaps)]);
    }

    private static IEnumerable<string> Amounts(params decimal[] values) =>
        values.Select(v => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
}

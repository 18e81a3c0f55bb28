using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>How an opportunity is meant to go. A qualifying deal enters Qualified between <see cref="QualifyNotBefore"/>
/// and <see cref="QualifyNotAfter"/> when given (the referral's 120-day label), then is won with
/// <see cref="WinProbability"/>; a stalling deal never leaves Discovery.</summary>
internal sealed record DealPlan(CrmAccount Account, Company Company, DateTime CreatedAt, bool Qualifies, DateTime? QualifyNotBefore,
    DateTime? QualifyNotAfter, double WinProbability, string? LeadSource, string? PartnerTag, string Product, bool MayHaveHygieneDefects);

/// <summary>An opportunity as far as the program's data reaches (events after <see cref="ProgramCalendar.End"/> never happened).</summary>
internal sealed record Deal(string Id, CrmAccount Account, DateTime CreatedAt, DateTime? QualifiedAt, DateTime? ClosedAt, bool Won,
    decimal? AmountUsd, DateTime? RefundedAt, string? PartnerTag);

/// <summary>Plays an opportunity through its stages and writes crm/opportunities and crm/opportunity_stages. Deals nobody
/// sourced may carry the CRM hygiene defects of rules.md §11.</summary>
internal sealed class DealSimulator(SampleFiles files, Ids ids, Rng rng)
{
    private const double HygieneDefectRate = 0.004;   // per kind of defect

    private enum Hygiene { None, NegativeAmount, WonWithoutAmount, ClosedBeforeCreated, UnknownCurrency, UnknownAccount, Deleted, NoHistory }

    /// <summary>Writes the deal; null when it was deleted from the CRM (its stage history stays behind).</summary>
    public Deal? Run(DealPlan plan)
    {
        var id = ids.Opportunity.Next();
        var stages = Stages(plan);
        var reached = stages.Where(s => ProgramCalendar.HasHappened(s.At)).ToList();
        var (lastStage, lastAt) = reached[^1];
        var closed = lastStage is "Closed Won" or "Closed Lost";
        var won = lastStage == "Closed Won";
        var qualifiedAt = reached.Where(s => s.Stage == "Qualified").Select(s => (DateTime?)s.At).FirstOrDefault();
        var currency = rng.Chance(0.9) ? plan.Company.Country.Currency : "USD";
        var amountUsd = Math.Clamp(8_000 * Math.Pow(plan.Company.Employees, 0.35) * Math.Exp(0.45 * rng.Normal()), 3_000, 2_000_000);
        decimal? amount = Math.Round((decimal)amountUsd / FxTable.RateAt(currency, plan.CreatedAt) / 100m) * 100m;
        if (!closed && lastStage == "Discovery" && rng.Chance(0.3)) amount = null;
        var refundedAt = won && rng.Chance(0.025) ? lastAt + rng.Days(5, 130) : (DateTime?)null;
        if (refundedAt is { } refund && !ProgramCalendar.HasHappened(refund)) refundedAt = null;

        var hygiene = plan.MayHaveHygieneDefects && rng.Chance(HygieneDefectRate * 7) ? (Hygiene)rng.Int(1, 8) : Hygiene.None;
        var (accountId, closedAt) = (plan.Account.Id, closed ? lastAt : (DateTime?)null);
        switch (hygiene)
        {
            case Hygiene.NegativeAmount when amount is not null: amount = -amount; break;
            case Hygiene.WonWithoutAmount when won: amount = null; break;
            case Hygiene.ClosedBeforeCreated when closed: closedAt = plan.CreatedAt - rng.Days(1, 20); break;
            case Hygiene.UnknownCurrency: currency = "CAD"; break;
            case Hygiene.UnknownAccount: accountId = $"ACC-9{rng.Int(0, 10_000_000):D7}"; break;
        }

        if (hygiene != Hygiene.NoHistory)
            foreach (var (stage, at) in reached) files.OpportunityStages.Write(new OpportunityStageRow(id, stage, Format.Timestamp(at)));
        if (hygiene == Hygiene.Deleted) return null;

        var updatedAt = ProgramCalendar.Earliest((refundedAt ?? lastAt) + rng.Days(0, 5));
        files.Opportunities.Write(new OpportunityRow(id, accountId, $"{plan.Account.DisplayName} - {plan.Product}",
            amount is { } a ? Format.Money(a) : null, currency, lastStage, won ? "won" : closed ? "lost" : "open",
            Format.Timestamp(plan.CreatedAt), Format.Timestamp(closedAt), Format.Timestamp(refundedAt), plan.PartnerTag, plan.LeadSource,
            Format.Timestamp(updatedAt)));

        var usd = won && amount > 0 && currency != "CAD" ? amount * FxTable.RateAt(currency, lastAt) : null;
        return new Deal(id, plan.Account, plan.CreatedAt, qualifiedAt, closed ? lastAt : null, won, usd, refundedAt, plan.PartnerTag);
    }

    private List<(string Stage, DateTime At)> Stages(DealPlan plan)
    {
        var t = plan.CreatedAt;
        var stages = new List<(string, DateTime)> { ("Discovery", t) };
        if (!plan.Qualifies)
        {
            if (rng.Chance(0.7)) stages.Add(("Closed Lost", t + rng.Days(14, 90)));
            return stages;
        }

        var qualifiedAt = t + rng.Days(2, 40);
        if (plan.QualifyNotAfter is { } latest && qualifiedAt > latest) qualifiedAt = latest > t ? latest : t.AddHours(2);
        if (plan.QualifyNotBefore is { } earliest && qualifiedAt < earliest) qualifiedAt = earliest + rng.Days(0, 40);
        stages.Add(("Qualified", t = qualifiedAt));

        var won = rng.Chance(plan.WinProbability);
        var lastOpenStage = won ? 3 : rng.Int(1, 4);   // 1 Qualified, 2 Proposal, 3 Negotiation
        if (lastOpenStage >= 2) stages.Add(("Proposal", t += rng.Days(7, 35)));
        if (lastOpenStage >= 3) stages.Add(("Negotiation", t += rng.Days(7, 40)));
        stages.Add((won ? "Closed Won" : "Closed Lost", t + rng.Days(5, 45)));
        return stages;
    }
}

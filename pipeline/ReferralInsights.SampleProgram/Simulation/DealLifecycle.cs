using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

internal enum DealOrigin { PartnerReferral, ClickJourney, DirectSales, SelfReferral, Expansion }

/// <summary>What a story wants of an opportunity: when, where it comes from, and how it should go (see <see cref="DealPlan"/>).</summary>
internal sealed record DealIntent(DateTime CreatedAt, DealOrigin Origin, bool Qualifies, double WinProbability,
    DateTime? QualifyNotBefore = null, DateTime? QualifyNotAfter = null, Partner? SelfReferrer = null);

/// <summary>Everything that follows from an opportunity on a prospect's account: who truly sourced it (the ground truth,
/// from the prospect's touches under rules.md §4), the rep's partner tag, sales and partner activities, disputes, the
/// rewards the program pays, a late claim by another partner, and sometimes an expansion deal.</summary>
internal sealed class DealLifecycle(SimulationKit kit)
{
    private const double PartnerJoinsRate = 0.3;
    private const double OtherPartnerAssistRate = 0.04;
    private const double CoReferralDisputeRate = 0.1;
    private const double WrongTagDisputeRate = 0.15;
    private const double LateClaimRate = 0.025;
    private const double LateClaimDisputeRate = 0.15;
    private const double ExpansionRate = 0.12;
    private const decimal PrimaryShare = 0.6m;

    public Deal? Open(Prospect prospect, DealIntent intent)
    {
        var rng = kit.Rng;
        var createdAt = prospect.Touches.ClearOfWindowEdges(intent.CreatedAt);
        if (!ProgramCalendar.HasHappened(createdAt)) return null;
        var sourcing = prospect.Touches.SourcingPartners(createdAt);
        var deal = kit.Deals.Run(new DealPlan(prospect.Account!, prospect.Company, createdAt, intent.Qualifies, intent.QualifyNotBefore,
            intent.QualifyNotAfter, intent.WinProbability, LeadSource(intent.Origin), PartnerTag(sourcing, intent), Product(intent.Origin),
            MayHaveHygieneDefects: sourcing.Count == 0));
        if (deal is null) return null;
        kit.Files.GroundTruth.Write(new GroundTruthRow("opportunity", deal.Id,
            sourcing.Count == 0 ? null : string.Join(';', sourcing.Select(s => s.Partner.Id)), null));

        kit.Activities.SalesWork(deal);
        var partners = sourcing.Select(s => s.Partner).ToList();
        if (partners.Count > 0 && rng.Chance(PartnerJoinsRate)) kit.Activities.PartnerJoins(partners[0], deal);
        if (rng.Chance(OtherPartnerAssistRate) && kit.Roster.PickReferrer(createdAt, rng, partners) is { } helper)
            kit.Activities.PartnerJoins(helper, deal);

        var dispute = Dispute(deal, sourcing);
        var lateClaimDispute = LateClaim(prospect, deal, partners);
        PayRewards(prospect, deal, sourcing, dispute, withheld: dispute?.Status == DisputeStatus.Open || lateClaimDispute?.Status == DisputeStatus.Open);
        if (deal is { Won: true, ClosedAt: { } closedAt } && intent.Origin != DealOrigin.Expansion && rng.Chance(ExpansionRate))
            Open(prospect, new DealIntent(closedAt + rng.Days(60, 300), DealOrigin.Expansion, rng.Chance(0.6), 0.55));
        return deal;
    }

    private string? PartnerTag(IReadOnlyList<SourcingPartner> sourcing, DealIntent intent)
    {
        var rng = kit.Rng;
        if (sourcing.Count > 0)
        {
            var u = rng.NextDouble();
            return u < 0.85 ? sourcing[0].Partner.Id : u < 0.96 ? null : kit.Roster.PickAny(rng).Id;
        }
        if (intent.SelfReferrer is { } self) return rng.Chance(0.6) ? self.Id : null;
        return rng.Chance(0.03) ? kit.Roster.PickAny(rng).Id : null;
    }

    private string? LeadSource(DealOrigin origin) => origin switch
    {
        DealOrigin.PartnerReferral => kit.Rng.Pick([("Partner Referral", 85.0), ("Inbound", 10.0), ((string?)null, 5.0)]),
        DealOrigin.ClickJourney => kit.Rng.Pick([("Website", 50.0), ("Partner Referral", 30.0), ("Inbound", 20.0)]),
        DealOrigin.SelfReferral => "Partner Referral",
        DealOrigin.Expansion => "Existing Customer",
        _ => kit.Rng.Pick([("Inbound", 40.0), ("Outbound", 30.0), ("Event", 10.0), ("Website", 15.0), ("Paid Search", 5.0)]),
    };

    private string Product(DealOrigin origin) => origin == DealOrigin.Expansion
        ? kit.Rng.Pick(["Expansion", "Add-on Seats"])
        : kit.Rng.Pick(["Platform", "Analytics Suite", "Enterprise Plan", "Team Plan", "Pilot"]);

    /// <summary>Disputes that leave the true primary in place: the co-referrer claims a co-referral (decided either way,
    /// never above the primary's share), or the true partner claims a deal the rep tagged to someone else.</summary>
    private DisputeState? Dispute(Deal deal, IReadOnlyList<SourcingPartner> sourcing)
    {
        var rng = kit.Rng;
        var openedAt = deal.CreatedAt + rng.Days(5, 60);
        if (sourcing.Count >= 2 && rng.Chance(CoReferralDisputeRate))
        {
            var claimant = sourcing[1];
            var verdict = rng.Pick([(DisputeStatus.Open, 30.0), (DisputeStatus.Resolved, 40.0), (DisputeStatus.Rejected, 30.0)]);
            var (winner, share) = rng.Chance(0.5) ? (claimant.Partner, 0.4m) : (sourcing[0].Partner, 1m);
            return kit.Disputes.Open(deal, openedAt, claimant.Partner, claimant.ReferralIds.FirstOrDefault(), verdict, winner, share);
        }
        if (sourcing.Count == 1 && deal.PartnerTag is { } tag && tag != sourcing[0].Partner.Id && rng.Chance(WrongTagDisputeRate))
        {
            var claimant = sourcing[0];
            var verdict = rng.Chance(0.7) ? DisputeStatus.Resolved : DisputeStatus.Open;
            return kit.Disputes.Open(deal, openedAt, claimant.Partner, claimant.ReferralIds.FirstOrDefault(), verdict, claimant.Partner);
        }
        return null;
    }

    /// <summary>Milestones for the sourcing referrals, and commissions unless an open dispute withholds them (rules.md §5).</summary>
    private void PayRewards(Prospect prospect, Deal deal, IReadOnlyList<SourcingPartner> sourcing, DisputeState? dispute, bool withheld)
    {
        if (prospect.IsRestricted) return;
        if (deal.QualifiedAt is { } qualifiedAt)
            foreach (var s in sourcing)
            foreach (var referralId in s.ReferralIds)
                if (prospect.MilestonesPaid.Add(referralId)) kit.Payouts.Milestone(s.Partner, referralId, qualifiedAt);
        if (!deal.Won || deal.AmountUsd is not > 0 || withheld) return;
        foreach (var (partner, credit) in Credits(sourcing, dispute))
            if (kit.Payouts.Commission(partner, deal, credit) is { } paid) kit.Payouts.Clawback(partner, deal, paid);
    }

    /// <summary>rules.md §5 primary_share credit, with a resolved dispute's override (D30).</summary>
    private static List<(Partner Partner, decimal Credit)> Credits(IReadOnlyList<SourcingPartner> sourcing, DisputeState? dispute)
    {
        var credits = sourcing.Select((s, i) =>
            (s.Partner, sourcing.Count == 1 ? 1m : i == 0 ? PrimaryShare : (1m - PrimaryShare) / (sourcing.Count - 1))).ToList();
        if (dispute is not { Status: DisputeStatus.Resolved, ResolutionPartner: { } winner }) return credits;
        var others = credits.Where(c => c.Partner != winner).ToList();
        var othersTotal = others.Sum(c => c.Item2);
        if (others.Count == 0 || othersTotal == 0) return [(winner, 1m)];
        return [(winner, dispute.ResolutionShare), .. others.Select(c => (c.Partner, c.Item2 / othersTotal * (1m - dispute.ResolutionShare)))];
    }

    /// <summary>rules.md §4 late_claim: another partner refers the company while its deal is already open. Accepted or still
    /// pending, it is a valid touch (an assist here, a sourcing touch of any later deal in its window).</summary>
    private DisputeState? LateClaim(Prospect prospect, Deal deal, IReadOnlyList<Partner> sourcingPartners)
    {
        var rng = kit.Rng;
        var from = deal.CreatedAt.AddDays(3);
        var openDays = ((deal.ClosedAt ?? ProgramCalendar.End) - from).TotalDays;
        if (openDays < 3 || !rng.Chance(LateClaimRate)) return null;
        var at = from + rng.Days(0, openDays - 1);
        if (kit.Roster.PickReferrer(at, rng, sourcingPartners) is not { } claimant) return null;

        var contact = prospect.NewEmployee(kit.People, rng);
        var profile = ReferralProfile.Draw(prospect.Company, contact.Person, rng);
        var decidedAt = at + rng.Days(0.2, 6);
        var decided = ProgramCalendar.HasHappened(decidedAt);
        var status = !decided ? ReferralStatus.Submitted : rng.Chance(0.3) ? ReferralStatus.Rejected : ReferralStatus.Accepted;
        var referralId = kit.Ids.Referral.Next();
        kit.Referrals.Submit(new ReferralSubmission(referralId, claimant.Id, at, prospect, contact, MatchRoute.Domain, profile, status,
            decided ? decidedAt : null, LeadQualityModel.Quality(profile, claimant, claimant.TierAt(at)), MayBreak: false));
        if (status != ReferralStatus.Rejected) prospect.Touches.AddReferral(claimant, at, referralId);
        if (status == ReferralStatus.Accepted && !prospect.IsRestricted) kit.Payouts.Upfront(claimant, referralId, decidedAt);
        return rng.Chance(LateClaimDisputeRate)
            ? kit.Disputes.Open(deal, at + rng.Days(1, 30), claimant, referralId, rng.Chance(0.4) ? DisputeStatus.Open : DisputeStatus.Rejected)
            : null;
    }
}

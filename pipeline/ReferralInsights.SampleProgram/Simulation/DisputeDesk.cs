using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

internal enum DisputeStatus { Open, Resolved, Rejected }

/// <summary>A dispute as it stands at the end of the data.</summary>
internal sealed record DisputeState(DisputeStatus Status, Partner? ResolutionPartner, decimal ResolutionShare);

/// <summary>Writes portal/disputes.</summary>
internal sealed class DisputeDesk(SampleFiles files, Ids ids, Rng rng)
{
    /// <summary>The claimant opens a dispute on the deal at <paramref name="openedAt"/>; if it is decided, it ends as
    /// <paramref name="verdict"/> (resolved for <paramref name="resolutionPartner"/> with <paramref name="share"/>, or
    /// rejected); undecided by the end of the data, it is open. Null when it would open after the data ends.</summary>
    public DisputeState? Open(Deal deal, DateTime openedAt, Partner claimant, string? referralId, DisputeStatus verdict,
        Partner? resolutionPartner = null, decimal share = 1m)
    {
        if (!ProgramCalendar.HasHappened(openedAt)) return null;
        var decidedAt = openedAt + rng.Days(3, 60);
        var status = verdict == DisputeStatus.Open || !ProgramCalendar.HasHappened(decidedAt) ? DisputeStatus.Open : verdict;
        var resolved = status == DisputeStatus.Resolved;
        files.Disputes.Write(new DisputeRow(ids.Dispute.Next(), deal.Id, claimant.Id, Format.Timestamp(openedAt),
            status.ToString().ToLowerInvariant(), resolved ? resolutionPartner!.Id : null, resolved ? Format.Decimal((double)share, 2) : null,
            status == DisputeStatus.Open ? null : Format.Timestamp(decidedAt), referralId, Note(status)));
        return new DisputeState(status, resolved ? resolutionPartner : null, share);
    }

    private string? Note(DisputeStatus status) => status switch
    {
        DisputeStatus.Open => rng.Chance(0.5) ? "Partner says they introduced the buyer first" : null,
        DisputeStatus.Resolved => "Reviewed emails, credit adjusted",
        _ => rng.Chance(0.5) ? "Opportunity predates the claim" : "No evidence of introduction",
    };
}

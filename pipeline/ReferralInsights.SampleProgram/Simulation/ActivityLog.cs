using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>Writes crm/activities: the sales team's work on each deal, and the meetings partners join (activity touches,
/// which can only ever assist, rules.md §4).</summary>
internal sealed class ActivityLog(SampleFiles files, Ids ids, ContractBreaker breaker, Rng rng)
{
    private const double FutureTypoRate = 0.0001;

    private static readonly IReadOnlyList<(string Item, double Weight)> SalesTypes =
        [("email", 35), ("call", 25), ("meeting", 25), ("demo", 15)];

    /// <summary>Emails, calls, meetings and demos by the account team between the deal's creation and its close.</summary>
    public void SalesWork(Deal deal)
    {
        var until = deal.ClosedAt ?? ProgramCalendar.End;
        var days = (until - deal.CreatedAt).TotalDays;
        for (var n = Math.Clamp((int)(days / 12) + rng.Int(1, 3), 1, 12); n > 0; n--)
        {
            var at = breaker.MaybeFutureTypo(deal.CreatedAt + rng.Days(0, days), FutureTypoRate);
            var contact = deal.Account.ContactIds.Count > 0 ? rng.Pick(deal.Account.ContactIds) : null;
            var row = new ActivityRow(ids.Activity.Next(), rng.Pick(SalesTypes), Format.Timestamp(at),
                rng.Chance(0.9) ? deal.Id : null, deal.Account.Id, contact, null);
            files.Activities.Write(breaker.Maybe(row));
        }
    }

    /// <summary>The partner's introduction call, logged on the account.</summary>
    public void PartnerIntro(Partner partner, CrmAccount account, DateTime at)
    {
        if (!ProgramCalendar.HasHappened(at)) return;
        files.Activities.Write(new ActivityRow(ids.Activity.Next(), "intro", Format.Timestamp(at), null, account.Id,
            account.ContactIds.Count > 0 ? account.ContactIds[0] : null, partner.Id));
    }

    /// <summary>A meeting or demo on the open deal that the partner joins.</summary>
    public void PartnerJoins(Partner partner, Deal deal)
    {
        var until = deal.ClosedAt ?? ProgramCalendar.End;
        if (until - deal.CreatedAt < TimeSpan.FromDays(3)) return;
        var at = deal.CreatedAt + rng.Days(1, (until - deal.CreatedAt).TotalDays - 1);
        files.Activities.Write(new ActivityRow(ids.Activity.Next(), rng.Chance(0.6) ? "meeting" : "demo", Format.Timestamp(at), deal.Id,
            deal.Account.Id, null, partner.Id));
    }
}

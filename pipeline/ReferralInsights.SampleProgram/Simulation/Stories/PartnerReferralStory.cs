using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation.Stories;

/// <summary>A partner refers a company on the portal. Its latent quality decides whether the lead qualifies within 120
/// days; accepted leads may get a CRM account and a deal. Along the way: duplicate resubmissions, self-referrals, referrals
/// under an unknown partner id, the contact clicking the partner's link, and co-referrals by a second partner.</summary>
internal sealed class PartnerReferralStory(SimulationKit kit, DealLifecycle deals)
{
    private const double SelfReferralRate = 0.004;
    private const double RejectUnqualifiedRate = 0.45;
    private const double EmptyStatusRate = 0.01;
    private const double UndecidedRate = 0.02;
    private const double DuplicateRate = 0.04;
    private const double ContactClicksRate = 0.1;
    private const double IntroCallRate = 0.4;
    private const double CoReferralRate = 0.09;
    private const double CoReferralByClickShare = 0.2;
    private static readonly TimeSpan LabelWindow = TimeSpan.FromDays(120);

    private enum Path { NoAccount, QualifiesSoon, QualifiesLate, Stalls }

    private readonly HashSet<string> _selfReferrers = [];

    /// <param name="unknownPartnerNumber">Set for the few referrals submitted under a partner id the portal does not know.</param>
    public void Run(DateTime submittedAt, int? unknownPartnerNumber)
    {
        var rng = kit.Rng;
        if (kit.Roster.PickReferrer(submittedAt, rng) is not { } partner) return;
        var self = unknownPartnerNumber is null && partner.Domain is not null && rng.Chance(SelfReferralRate) && _selfReferrers.Add(partner.Id);
        var prospect = new Prospect(self ? Firmographics.OwnCompanyOf(partner, rng) : kit.Firms.NewCompany(rng));
        var contact = prospect.NewEmployee(kit.People, rng);
        var profile = ReferralProfile.Draw(prospect.Company, contact.Person, rng);
        var quality = LeadQualityModel.Quality(profile, partner, partner.TierAt(submittedAt));
        var referralId = kit.Ids.Referral.Next();

        if (unknownPartnerNumber is { } number)
        {
            kit.Referrals.Submit(new ReferralSubmission(referralId, PartnerRoster.UnknownPartnerId(number), submittedAt, prospect, contact,
                MatchRoute.Domain, profile, ReferralStatus.Submitted, null, quality, MayBreak: false));
            return;
        }

        var qualifies = rng.NextDouble() < quality;
        var (status, decidedAt) = Decision(submittedAt, qualifies);
        var path = status == ReferralStatus.Rejected ? Path.NoAccount
            : qualifies ? Path.QualifiesSoon
            : rng.Int(0, 20) switch { < 10 => Path.NoAccount, < 17 => Path.Stalls, _ => Path.QualifiesLate };
        var route = path == Path.NoAccount || self ? MatchRoute.Domain : rng.Pick(ReferralDesk.RouteMix);
        var duplicate = rng.Chance(DuplicateRate);

        kit.Referrals.Submit(new ReferralSubmission(referralId, partner.Id, submittedAt, prospect, contact, route, profile, status, decidedAt,
            quality, MayBreak: path == Path.NoAccount && !duplicate && !self));
        if (!self && status != ReferralStatus.Rejected) prospect.Touches.AddReferral(partner, submittedAt, referralId);
        if (!self && status == ReferralStatus.Accepted && !prospect.IsRestricted) kit.Payouts.Upfront(partner, referralId, decidedAt!.Value);
        if (duplicate) Resubmit(partner, prospect, contact, route, profile, quality, submittedAt);
        if (!self && rng.Chance(ContactClicksRate) && kit.Clicks.Journey(partner, submittedAt - rng.Days(0, 10), contact.WorkEmail) is { } convertedAt)
            prospect.Touches.AddClick(partner, convertedAt);
        if (path == Path.NoAccount) return;

        var accountAt = (decidedAt ?? submittedAt + rng.Days(3, 15)) + rng.Days(0.1, 10);
        if (!ProgramCalendar.HasHappened(accountAt)) return;
        // The people an e-mail match relies on must (rule 2) or must not (rule 3) be CRM contacts.
        IReadOnlyList<Employee> known = route switch
        {
            MatchRoute.ContactEmail => [contact],
            MatchRoute.EmailDomain => [],
            _ => rng.Chance(0.7) ? [contact] : [],
        };
        var account = kit.Crm.Open(prospect, accountAt, known, rng.Int(known.Count == 0 ? 1 : 0, 3), standalone: false);
        if (!self && rng.Chance(IntroCallRate)) kit.Activities.PartnerIntro(partner, account, accountAt + rng.Days(0, 3));

        var createdAt = accountAt + rng.Days(0.5, 30);
        if (!self && rng.Chance(CoReferralRate) && createdAt - submittedAt > TimeSpan.FromDays(4))
            createdAt = CoRefer(prospect, partner, contact, submittedAt, createdAt);
        deals.Open(prospect, new DealIntent(createdAt, self ? DealOrigin.SelfReferral : DealOrigin.PartnerReferral, path != Path.Stalls,
            0.2 + 0.45 * quality,
            QualifyNotBefore: path == Path.QualifiesLate ? submittedAt + LabelWindow + TimeSpan.FromDays(5) : null,
            QualifyNotAfter: path == Path.QualifiesSoon ? submittedAt + LabelWindow - TimeSpan.FromDays(2) : null,
            SelfReferrer: self ? partner : null));
    }

    private (ReferralStatus, DateTime?) Decision(DateTime submittedAt, bool qualifies)
    {
        var rng = kit.Rng;
        var u = rng.NextDouble();
        if (u < EmptyStatusRate) return (ReferralStatus.Empty, null);
        if (u < EmptyStatusRate + UndecidedRate) return (ReferralStatus.Submitted, null);
        var decidedAt = submittedAt + rng.Days(0.2, 8);
        if (!ProgramCalendar.HasHappened(decidedAt)) return (ReferralStatus.Submitted, null);
        return (qualifies || !rng.Chance(RejectUnqualifiedRate) ? ReferralStatus.Accepted : ReferralStatus.Rejected, decidedAt);
    }

    /// <summary>rules.md §3: the same partner submits the same company again within the 90-day dedup window.</summary>
    private void Resubmit(Partner partner, Prospect prospect, Employee contact, MatchRoute route, ReferralProfile profile, double quality,
        DateTime firstSubmittedAt)
    {
        var rng = kit.Rng;
        var at = firstSubmittedAt + rng.Days(5, 80);
        if (!ProgramCalendar.HasHappened(at)) return;
        var decidedAt = at + rng.Days(0.2, 3);
        var status = !ProgramCalendar.HasHappened(decidedAt) ? ReferralStatus.Submitted
            : rng.Pick([(ReferralStatus.Rejected, 50.0), (ReferralStatus.Accepted, 25.0), (ReferralStatus.Submitted, 25.0)]);
        kit.Referrals.Submit(new ReferralSubmission(kit.Ids.Referral.Next(), partner.Id, at, prospect, contact, route, profile, status,
            status == ReferralStatus.Submitted ? null : decidedAt, quality, MayBreak: false));
    }

    /// <summary>rules.md §5 co-referral: a second partner introduces the same company after the first and before the deal
    /// opens — by referral, or by a colleague's click journey on its link. Returns the (possibly later) deal creation time.</summary>
    private DateTime CoRefer(Prospect prospect, Partner first, Employee contact, DateTime firstSubmittedAt, DateTime createdAt)
    {
        var rng = kit.Rng;
        var at = firstSubmittedAt + rng.Days(1, (createdAt - firstSubmittedAt).TotalDays - 2);
        if (!ProgramCalendar.HasHappened(at) || kit.Roster.PickReferrer(at, rng, [first]) is not { } second) return createdAt;

        if (rng.Chance(CoReferralByClickShare))
        {
            var colleague = prospect.NewEmployee(kit.People, rng);
            if (kit.Clicks.Journey(second, at, colleague.WorkEmail) is not { } convertedAt) return createdAt;
            prospect.Touches.AddClick(second, convertedAt);
            var afterConversion = convertedAt + rng.Days(2, 5);
            return afterConversion > createdAt ? afterConversion : createdAt;
        }

        var theirContact = rng.Chance(0.5) ? contact : prospect.NewEmployee(kit.People, rng);
        var profile = ReferralProfile.Draw(prospect.Company, theirContact.Person, rng);
        var decidedAt = at + rng.Days(0.2, 5);
        var decided = ProgramCalendar.HasHappened(decidedAt);
        var referralId = kit.Ids.Referral.Next();
        kit.Referrals.Submit(new ReferralSubmission(referralId, second.Id, at, prospect, theirContact,
            rng.Chance(0.85) ? MatchRoute.Domain : MatchRoute.NameOnly, profile, decided ? ReferralStatus.Accepted : ReferralStatus.Submitted,
            decided ? decidedAt : null, LeadQualityModel.Quality(profile, second, second.TierAt(at)), MayBreak: false));
        prospect.Touches.AddReferral(second, at, referralId);
        if (decided && !prospect.IsRestricted) kit.Payouts.Upfront(second, referralId, decidedAt);
        return createdAt;
    }
}

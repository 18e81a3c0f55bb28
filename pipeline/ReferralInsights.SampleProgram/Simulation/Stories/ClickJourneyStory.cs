using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation.Stories;

/// <summary>Someone at a company clicks a partner's link, fills in a form, and the company enters the CRM: a deal sourced
/// by a click touch alone (unless the form was filled with a private address, which maps to no account).</summary>
internal sealed class ClickJourneyStory(SimulationKit kit, DealLifecycle deals)
{
    private const double PrivateEmailRate = 0.08;
    private const double AccountRate = 0.85;
    private const double DealRate = 0.8;

    public void Run(DateTime firstClickAt)
    {
        var rng = kit.Rng;
        if (kit.Roster.PickLink(firstClickAt, rng) is not { } link) return;
        var prospect = new Prospect(kit.Firms.NewCompany(rng));
        var visitor = prospect.NewEmployee(kit.People, rng);
        var privateEmail = rng.Chance(PrivateEmailRate);
        var email = privateEmail ? kit.People.FreeMail(visitor.Person, rng) : visitor.WorkEmail;
        if (kit.Clicks.Journey(link.Partner, firstClickAt, email) is not { } convertedAt) return;
        if (!privateEmail) prospect.Touches.AddClick(link.Partner, convertedAt);
        if (!rng.Chance(AccountRate)) return;

        var accountAt = convertedAt + rng.Days(0.2, 10);
        if (!ProgramCalendar.HasHappened(accountAt)) return;
        // The form-filler is a CRM contact (rule 2) or only shares the account's domain (rule 3).
        IReadOnlyList<Employee> known = rng.Chance(0.7) ? [visitor] : [];
        kit.Crm.Open(prospect, accountAt, known, rng.Int(known.Count == 0 ? 1 : 0, 3), standalone: false);
        if (rng.Chance(DealRate))
            deals.Open(prospect, new DealIntent(accountAt + rng.Days(1, 30), DealOrigin.ClickJourney, rng.Chance(0.5), 0.4));
    }
}

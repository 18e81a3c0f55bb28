using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation.Stories;

/// <summary>The program's other pipeline: a company the sales team finds on its own (inbound, outbound, events). Most get a
/// deal; some fill in a form on the website without any partner click; a few leave an orphan lead.</summary>
internal sealed class DirectSalesStory(SimulationKit kit, DealLifecycle deals)
{
    private const double DealRate = 0.72;
    private const double OrganicConversionRate = 0.15;
    private const double OrphanLeadRate = 0.03;

    public void Run(DateTime accountAt)
    {
        var rng = kit.Rng;
        var prospect = new Prospect(kit.Firms.NewCompany(rng));
        var champion = prospect.NewEmployee(kit.People, rng);
        var hasDeal = rng.Chance(DealRate);
        var convertsOrganically = rng.Chance(OrganicConversionRate);
        kit.Crm.Open(prospect, accountAt, [champion], rng.Int(0, 3), standalone: !hasDeal && !convertsOrganically);
        if (rng.Chance(OrphanLeadRate)) kit.Crm.OrphanLead(ProgramCalendar.Earliest(accountAt + rng.Days(0, 5)));
        var formFilledAt = accountAt - rng.Days(0, 20);
        if (convertsOrganically && formFilledAt >= ProgramCalendar.Start)
            kit.Clicks.Convert(kit.Clicks.NewVisitor(), champion.WorkEmail, formFilledAt);
        if (hasDeal) deals.Open(prospect, new DealIntent(accountAt + rng.Days(0, 45), DealOrigin.DirectSales, rng.Chance(0.45), 0.35));
    }
}

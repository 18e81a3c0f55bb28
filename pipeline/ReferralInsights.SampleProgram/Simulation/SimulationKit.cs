using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>The desks every story writes through, the partners and companies it draws on, and the one random stream of
/// the simulation (used in a fixed order, so a seed always tells the same stories).</summary>
internal sealed class SimulationKit
{
    public SimulationKit(SampleFiles files, Ids ids, PartnerRoster roster, Firmographics firms, Rng rng)
    {
        var breaker = new ContractBreaker(rng);
        (Files, Ids, Roster, Firms, Rng) = (files, ids, roster, firms, rng);
        Referrals = new ReferralDesk(files, People, breaker, rng);
        Crm = new CrmDesk(files, ids, People, breaker, rng);
        Deals = new DealSimulator(files, ids, rng);
        Activities = new ActivityLog(files, ids, breaker, rng);
        Clicks = new ClickTracker(files, ids, rng);
        Disputes = new DisputeDesk(files, ids, rng);
        Payouts = new PayoutLedger(files, ids, rng);
        Breaker = breaker;
    }

    public SampleFiles Files { get; }
    public Ids Ids { get; }
    public PartnerRoster Roster { get; }
    public Firmographics Firms { get; }
    public People People { get; } = new();
    public Rng Rng { get; }
    public ReferralDesk Referrals { get; }
    public CrmDesk Crm { get; }
    public DealSimulator Deals { get; }
    public ActivityLog Activities { get; }
    public ClickTracker Clicks { get; }
    public DisputeDesk Disputes { get; }
    public PayoutLedger Payouts { get; }
    public ContractBreaker Breaker { get; }
}

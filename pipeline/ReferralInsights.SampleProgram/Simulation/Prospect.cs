using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>One company's story: its people, its CRM account once there is one, and every valid partner introduction of it.</summary>
internal sealed class Prospect(Company company)
{
    private readonly HashSet<string> _emails = [];

    public Company Company => company;

    public TouchLedger Touches { get; } = new();

    public CrmAccount? Account { get; set; }

    /// <summary>Referrals whose qualified milestone has been paid (once per referral, D41).</summary>
    public HashSet<string> MilestonesPaid { get; } = [];

    /// <summary>rules.md §8 restricted_industry: every reward on this company is withheld for review, so the program pays none.</summary>
    public bool IsRestricted => company.Industry is "Government" or "Public Sector";

    public Employee NewEmployee(People people, Rng rng)
    {
        var person = people.NewPerson(rng);
        return new Employee(person, People.WorkEmail(person, company.Domain, _emails, rng));
    }
}

/// <summary>A person at a company with their work address.</summary>
internal sealed record Employee(Person Person, string WorkEmail);

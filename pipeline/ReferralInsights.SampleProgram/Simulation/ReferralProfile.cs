using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>What a partner fills in about a lead on the portal (null = left empty): the features lead quality depends on.</summary>
internal sealed record ReferralProfile(int? Employees, string? Industry, string? Country, IReadOnlyList<string> PainPoints,
    string? Timeline, bool? BudgetConfirmed, string? ContactTitle, Seniority? Seniority)
{
    public static readonly string[] PainTags =
        ["reporting", "integration", "compliance", "scaling", "cost", "security", "onboarding", "automation", "migration", "analytics", "other"];

    private static readonly IReadOnlyList<(int Item, double Weight)> PainCount = [(0, 15), (1, 30), (2, 30), (3, 18), (4, 7)];

    private static readonly IReadOnlyList<(string? Item, double Weight)> Timelines =
        [("0-3m", 18), ("3-6m", 25), ("6-12m", 25), ("12m+", 12), ("unknown", 12), (null, 8)];

    private static readonly IReadOnlyList<(bool? Item, double Weight)> Budgets = [(true, 35), (false, 45), (null, 20)];

    public static ReferralProfile Draw(Company company, Person contact, Rng rng)
    {
        var tags = PainTags.ToList();
        var pains = new List<string>();
        for (var n = rng.Pick(PainCount); n > 0; n--)
        {
            var i = rng.Int(0, tags.Count);
            pains.Add(tags[i]);
            tags.RemoveAt(i);
        }
        var titled = rng.Chance(0.95);
        return new ReferralProfile(
            rng.Chance(0.92) ? (int)Math.Max(1, Math.Round(company.Employees * rng.Uniform(0.8, 1.2))) : null,
            rng.Chance(0.95) ? company.Industry : null,
            rng.Chance(0.97) ? company.Country.Code : null,
            pains,
            rng.Pick(Timelines),
            rng.Pick(Budgets),
            titled ? contact.Title : null,
            titled ? contact.Seniority : null);
    }
}

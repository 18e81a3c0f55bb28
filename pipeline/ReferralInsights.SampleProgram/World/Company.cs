using ReferralInsights.SampleProgram.Randomness;

namespace ReferralInsights.SampleProgram.World;

/// <summary>A company in the market: a prospect, a customer, or a partner's own firm.</summary>
internal sealed record Company(CompanyIdentity Identity, string TopLevelDomain, string Industry, int Employees, Country Country)
{
    public string Name => Identity.Name;

    public string Domain => Identity.DomainStem + TopLevelDomain;

    /// <summary>A domain the company does not use (a look-alike a partner may type): it identifies no one.</summary>
    public string LookAlikeDomain => Identity.DomainStem + (TopLevelDomain == ".com" ? ".net" : ".com");

    public string LegalName(Rng rng) => $"{Name} {rng.Pick(Country.LegalSuffixes)}";
}

/// <summary>Draws the firmographics of new companies.</summary>
internal sealed class Firmographics(CompanyNamer namer)
{
    public static readonly IReadOnlyList<(string Item, double Weight)> Industries =
    [
        ("Software", 14), ("Financial Services", 11), ("Healthcare", 10), ("Manufacturing", 12), ("Retail", 10), ("Logistics", 8),
        ("Education", 6), ("Hospitality", 5), ("Media", 6), ("Energy", 5), ("Professional Services", 9), ("Telecommunications", 4),
        ("Government", 1.2), ("Public Sector", 1.2),
    ];

    public Company NewCompany(Rng rng)
    {
        var country = rng.Pick(Country.Weighted);
        // Between 5 and 25,000 employees, log-scale, leaning small.
        var employees = (int)Math.Round(5 * Math.Pow(5_000, Math.Pow(rng.NextDouble(), 1.3)));
        return new Company(namer.NextCompany(), rng.Pick(country.TopLevelDomains), rng.Pick(Industries), employees, country);
    }

    /// <summary>The firm a partner works for (the target of a self-referral).</summary>
    public static Company OwnCompanyOf(Partner partner, Rng rng) =>
        new(partner.Identity, partner.Domain![partner.Identity.DomainStem.Length..], rng.Pick(Industries), rng.Int(5, 400), partner.Country);
}

using ReferralInsights.SampleProgram.Randomness;

namespace ReferralInsights.SampleProgram.World;

/// <summary>A company's unique name: a three-syllable core ("Kalomi") and a word ("Systems"). <see cref="DomainStem"/> is the
/// domain without its top-level part ("kalomisystems").</summary>
internal sealed record CompanyIdentity(string Core, string Name, string DomainStem);

/// <summary>Hands out company and partner names that never collide, not even after the name normalization of rules.md §1:
/// each call consumes one index of a keyed permutation of 2^23 (core, word) pairs, and the core is three fixed-width
/// consonant-vowel syllables, so distinct pairs spell distinct names and domains.</summary>
internal sealed class CompanyNamer(ulong key)
{
    private static readonly string[] Consonants = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"];
    private static readonly string[] Vowels = ["a", "e", "i", "o"];

    private static readonly string[] CompanyWords =
    [
        "Systems", "Labs", "Logistics", "Analytics", "Health", "Foods", "Robotics", "Media", "Energy", "Capital", "Retail",
        "Works", "Software", "Networks", "Dynamics", "Group", "Holdings", "Industries", "Biotech", "Motors", "Freight", "Pharma",
        "Textiles", "Insurance", "Learning", "Security", "Travel", "Payments", "Cloud", "Materials", "Foundry", "Brands",
    ];

    // Disjoint from CompanyWords, so a partner's name or domain never equals a prospect's.
    private static readonly string[] PartnerWords =
    [
        "Consulting", "Advisory", "Integrations", "Digital", "Solutions", "Partners", "Agency", "Creative", "Services", "Collective",
        "Associates", "Strategy", "Interactive", "Marketing", "Implementations", "Alliance", "Studio", "Experts", "Specialists",
        "Consultancy", "Integrators", "Growth", "Outsourcing", "Methods", "Insight", "Craft", "Ventures", "Bridge", "Connect",
        "Guild", "Squad", "Advisors",
    ];

    private readonly BitPermutation _permutation = new(23, key);
    private ulong _next;

    public CompanyIdentity NextCompany() => Next(CompanyWords);

    public CompanyIdentity NextPartner() => Next(PartnerWords);

    private CompanyIdentity Next(string[] words)
    {
        var pair = _permutation.Apply(_next++);
        var word = words[(int)(pair & 31)];
        var syllables = pair >> 5;
        var core = "";
        for (var i = 0; i < 3; i++, syllables >>= 6)
            core += Consonants[(int)(syllables & 15)] + Vowels[(int)((syllables >> 4) & 3)];
        core = char.ToUpperInvariant(core[0]) + core[1..];
        return new CompanyIdentity(core, $"{core} {word}", (core + word).ToLowerInvariant());
    }
}

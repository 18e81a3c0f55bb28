namespace ReferralInsights.SampleProgram.World;

/// <summary>A country companies and partners sit in: its region, deal currency, web domains and legal-form suffixes.</summary>
internal sealed record Country(string Code, string Region, string Currency, string[] TopLevelDomains, string[] LegalSuffixes)
{
    // Suffixes are all in the legal-suffix list of rules.md §1, so "Kalomi Systems GmbH" normalizes to "kalomi systems".
    public static readonly IReadOnlyList<(Country Item, double Weight)> Weighted =
    [
        (new("US", "NA", "USD", [".com", ".com", ".com", ".io", ".co"], ["Inc", "LLC", "Corp", "Inc."]), 55),
        (new("CA", "NA", "USD", [".ca", ".com"], ["Inc", "Ltd"]), 6),
        (new("GB", "EMEA", "GBP", [".co.uk", ".com"], ["Ltd", "PLC", "Limited"]), 10),
        (new("DE", "EMEA", "EUR", [".de", ".com"], ["GmbH", "AG"]), 8),
        (new("FR", "EMEA", "EUR", [".fr", ".com"], ["SA"]), 5),
        (new("NL", "EMEA", "EUR", [".nl", ".com"], ["BV", "B.V."]), 4),
        (new("SE", "EMEA", "EUR", [".se", ".com"], ["AB"]), 2),
        (new("AU", "APAC", "USD", [".com.au", ".com"], ["Ltd"]), 5),
        (new("SG", "APAC", "USD", [".sg", ".com"], ["Ltd"]), 3),
        (new("IN", "APAC", "USD", [".in", ".com"], ["Ltd"]), 2),
    ];
}

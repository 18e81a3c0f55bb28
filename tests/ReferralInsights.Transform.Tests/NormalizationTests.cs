namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §1 normalization (D7 domain, email domain, D8 company name, D9 free-mail), through the SQL macros
/// the models use and through the staging models.</summary>
public class NormalizationTests
{
    private static readonly Lazy<TestWarehouse> Built = new(() =>
    {
        var w = new TestWarehouse();
        w.Build("2025-06-30");
        return w;
    });

    private static string? Eval(string expression) => Built.Value.Scalar($"SELECT {expression}");

    [Theory]
    // the example of rules.md §1
    [InlineData("https://WWW.Acme.com/contact", "acme.com")]
    // D7: user@, port, query, fragment and a trailing dot all go; surrounding spaces are trimmed
    [InlineData("  http://user@www.acme.com.:8080/x?y=1#z ", "acme.com")]
    // no scheme, only a port and a path
    [InlineData("acme.com:443/pricing", "acme.com")]
    // D7: no sub-domain folding
    [InlineData("app.acme.com", "app.acme.com")]
    // D7: only ONE leading www. is stripped
    [InlineData("www.www.acme.com", "www.acme.com")]
    // a host that merely starts with "www" but not "www." keeps it
    [InlineData("wwwacme.com", "wwwacme.com")]
    // D7: empty → null
    [InlineData("   ", null)]
    public void NormDomain_Examples(string input, string? expected) =>
        Assert.Equal(expected, Eval($"norm_domain({Fixtures.Q(input)})"));

    [Theory]
    // lower-cased, sub-domains kept
    [InlineData("Bob.Smith@Sub.ACME.com", "sub.acme.com")]
    // the part after the LAST @
    [InlineData("\"odd@name\"@acme.io", "acme.io")]
    // no @ → no domain
    [InlineData("not-an-email", null)]
    public void EmailDomain_Examples(string input, string? expected) =>
        Assert.Equal(expected, Eval($"email_domain({Fixtures.Q(input)})"));

    [Theory]
    // the example of rules.md §1: punctuation removed, then the legal suffix
    [InlineData("Acme, Inc.", "acme")]
    // D8: & is punctuation, deleted without a space
    [InlineData("AT&T", "att")]
    // D8: a hyphen is deleted, the words join
    [InlineData("Acme-Corp", "acmecorp")]
    // D8: suffixes stripped repeatedly from the end
    [InlineData("Acme Holdings Co. LLC", "acme holdings")]
    // whitespace collapsed and trimmed; a suffix in the middle stays
    [InlineData("  The   Acme  Company   Ltd. ", "the acme")]
    // D8: never the only remaining token: a suffix-only name keeps its first token
    [InlineData("Inc.", "inc")]
    [InlineData("Company Ltd", "company")]
    [InlineData("Co. Inc", "co")]
    // unicode letters are letters (D8), lower-cased
    [InlineData("Müller Über GmbH", "müller über")]
    // "KG" is not in the suffix list of rules.md, so it stays
    [InlineData("Beta GmbH & Co. KG", "beta gmbh co kg")]
    // a suffix glued to a word is not a suffix
    [InlineData("Ironco", "ironco")]
    // nothing left → null (never matches anything)
    [InlineData("!!!", null)]
    public void NormCompany_Examples(string input, string? expected) =>
        Assert.Equal(expected, Eval($"norm_company({Fixtures.Q(input)})"));

    [Fact]
    public void StgReferrals_FreeMailCompanyDomain_IsTreatedAsAbsent()
    {
        // D9: a free-mail company_domain never identifies a company; the email's free-mail domain is flagged too
        using var w = new TestWarehouse();
        w.Partner("P1")
         .Referral("R1", "P1", "2025-03-01", "Solo Consulting", domain: "https://www.Gmail.com/", email: "solo@GMAIL.com")
         .Referral("R2", "P1", "2025-03-01", "Acme", domain: "WWW.ACME.COM", email: "jo@acme.com");
        w.Build("2025-06-30");
        Assert.Equal(
            ["R1 | NULL | gmail.com | true", "R2 | acme.com | acme.com | false"],
            w.Lines("SELECT referral_id, company_domain_norm, contact_email_domain, contact_email_is_free_mail FROM stg_portal__referrals ORDER BY 1"));
    }
}

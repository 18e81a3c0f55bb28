using ReferralInsights.Reports;

namespace ReferralInsights.Browser.Tests;

/// <summary>Partner ids become file names that cannot leave <c>partners/</c> and never collide.</summary>
public sealed class PartnerFileNameTests
{
    [Theory]
    [InlineData("P-0001", "P-0001")]
    [InlineData("acme.co", "acme.co")]
    [InlineData("A/B", "A_2fB")]
    [InlineData("A_2fB", "A_5f2fB")]
    [InlineData("../index", "_2e._2findex")]
    [InlineData("../../../../../x", "_2e._2f.._2f.._2f.._2f.._2fx")]
    [InlineData("Müller & Söhne", "M_c3_bcller_20_26_20S_c3_b6hne")]
    [InlineData(".hidden", "_2ehidden")]
    public void Of_KeepsPlainIdsAndEncodesEveryOtherByte(string id, string name) => Assert.Equal(name, PartnerFileName.Of(id));

    [Fact]
    public void Of_AVeryLongId_IsCutAndEndsInItsHash()
    {
        var name = PartnerFileName.Of(new string('x', 300));
        var other = PartnerFileName.Of(new string('x', 299) + "y");

        Assert.Equal(117, name.Length);
        Assert.StartsWith(new string('x', 100) + "~", name);
        Assert.NotEqual(name, other);
    }

    [Fact]
    public void PathOf_StaysOneFileInsideThePartnersFolder()
    {
        foreach (var id in new[] { "A", "A/B", "../index", "..", "a\\b", "x\0y" })
        {
            var path = ScorecardPages.PathOf(id);
            Assert.Matches(@"^partners/[A-Za-z0-9_~-][A-Za-z0-9_.~-]*\.html$", path);
        }
    }
}

/// <summary>Contacts on partner-facing pages are keyed hashes (HMAC-SHA-256), not their emails or names.</summary>
public sealed class ContactPseudonymsTests
{
    // RFC 4231 test case 2: HMAC-SHA-256 with key "Jefe" of "what do ya want for nothing?" is 5bdcc146bf60754e…
    [Fact]
    public void Of_IsTheKeyedHashOfTheEmail()
    {
        Assert.Equal("contact 5bdcc146bf", new ContactPseudonyms("Jefe").Of("what do ya want for nothing?", "Someone"));
        Assert.Equal("contact 5bdcc146bf", new ContactPseudonyms("Jefe").Of("  What Do Ya Want For Nothing?  ", null));
    }

    [Fact]
    public void Of_WithoutAnEmail_UsesTheName_AndWithoutEitherOrAKey_ShowsADash()
    {
        var pseudonyms = new ContactPseudonyms("k");
        Assert.Equal(pseudonyms.Of("jane doe", null), pseudonyms.Of(null, "Jane Doe"));
        Assert.Equal("–", pseudonyms.Of(null, " "));
        Assert.Equal("–", new ContactPseudonyms(null).Of("jane@acme.com", "Jane Doe"));
        Assert.NotEqual(pseudonyms.Of("jane@acme.com", null), new ContactPseudonyms("other").Of("jane@acme.com", null));
    }
}

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>What leaves the program team — every scorecard and the council pack, with their CSV exports — names no
/// contact: no email and no full name of a CRM contact, a referral's contact or a conversion (scorecards show contacts
/// by keyed pseudonym, ScorecardReferralListTests).</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class ContactPrivacyTests(SampleProgramRun run)
{
    [Fact]
    public void PartnerFacingPagesAndExports_HoldNoContactEmailOrName()
    {
        using var db = new Db();
        var contacts = db.Rows($"""
                SELECT lower(email) FROM {run.Raw("crm/contacts")} WHERE email IS NOT NULL
                UNION SELECT lower(first_name || ' ' || last_name) FROM {run.Raw("crm/contacts")} WHERE first_name IS NOT NULL AND last_name IS NOT NULL
                UNION SELECT lower(contact_email) FROM {run.Raw("portal/referrals")} WHERE contact_email IS NOT NULL
                UNION SELECT lower(contact_name) FROM {run.Raw("portal/referrals")} WHERE contact_name IS NOT NULL
                UNION SELECT lower(email) FROM {run.Raw("clicks/conversions")} WHERE email IS NOT NULL
                """).Select(r => (string)r[0]!).Where(c => c.Length > 5).ToHashSet(StringComparer.Ordinal);
        var site = Path.Combine(run.OutDir, "site");
        var outgoing = Directory.GetFiles(Path.Combine(site, "partners"), "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(site, "council*", SearchOption.AllDirectories))
            .Concat(Directory.Exists(Path.Combine(site, "council")) ? Directory.GetFiles(Path.Combine(site, "council"), "*", SearchOption.AllDirectories) : [])
            .Distinct().ToList();

        Assert.True(contacts.Count > 1000, $"only {contacts.Count} contacts to look for");
        Assert.True(outgoing.Count > 100, $"only {outgoing.Count} partner-facing files");
        foreach (var file in outgoing)
        {
            var text = File.ReadAllText(file).ToLowerInvariant();
            var named = contacts.FirstOrDefault(text.Contains);
            Assert.True(named is null, $"{Path.GetRelativePath(site, file)} names the contact '{named}'");
        }
    }

    // The pseudonym key is a secret like a token: set for the run, it is in none of its outputs.
    [Fact]
    public void ThePseudonymKey_AppearsInNoOutput() =>
        SecretScan.AssertNowhere(run.OutDir, SampleProgramRun.PseudonymKey, run.Output, run.Error);
}

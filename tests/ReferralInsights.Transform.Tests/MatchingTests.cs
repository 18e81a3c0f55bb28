namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §2 matching a referral to an account: four rules in order, free-mail exclusion, ambiguity
/// tie-break (D13-D15).</summary>
public class MatchingTests
{
    private static List<string> Matches(TestWarehouse w) =>
        w.Lines("""
            SELECT r.referral_id, coalesce(m.account_id, '-'), coalesce(CAST(m.match_rule AS VARCHAR), '-'), coalesce(CAST(m.is_ambiguous AS VARCHAR), '-')
            FROM stg_portal__referrals AS r LEFT JOIN int_account_matches AS m ON m.subject = 'referral' AND m.subject_id = r.referral_id ORDER BY 1
            """);

    private static TestWarehouse Accounts()
    {
        var w = new TestWarehouse();
        w.Partner("P1")
         .Account("A-DOM", "Domain Co", "acme.com")
         .Account("A-CONTACT", "Contact Holdings", "contact-holdings.com")
         .Account("A-EMAILDOM", "Email Domain Ltd", "emaildomain.io")
         .Account("A-NAME", "Acme", "acme-corp.example")
         .Contact("C1", "A-CONTACT", "Jane.Doe@Somewhere.org");
        return w;
    }

    [Fact]
    public void Match_EachRuleWins_WhenItIsTheFirstThatFindsAccounts()
    {
        using var w = Accounts();
        // rule 1: the normalized company_domain equals an account domain
        w.Referral("R1", "P1", "2025-03-01", "Nothing Alike", domain: "https://www.ACME.com/about")
        // rule 2: the contact email equals a CRM contact's email, case-insensitively
         .Referral("R2", "P1", "2025-03-01", "Nothing Alike", email: "jane.doe@somewhere.ORG")
        // rule 3: the email's domain equals an account domain
         .Referral("R3", "P1", "2025-03-01", "Nothing Alike", email: "x@EmailDomain.io")
        // rule 4: the normalized company name equals a normalized account name
         .Referral("R4", "P1", "2025-03-01", "ACME, Inc.")
        // nothing matches → account_id NULL
         .Referral("R5", "P1", "2025-03-01", "Unknown Widgets", domain: "widgets.example", email: "a@widgets.example");
        w.Build("2025-06-30");
        Assert.Equal(
            ["R1 | A-DOM | 1 | false", "R2 | A-CONTACT | 2 | false", "R3 | A-EMAILDOM | 3 | false", "R4 | A-NAME | 4 | false", "R5 | - | - | -"],
            Matches(w));
    }

    [Fact]
    public void Match_RulePrecedence_FirstRuleWinsOverLaterOnes()
    {
        using var w = Accounts();
        // every rule would find a different account: rule 1 wins
        w.Referral("R1", "P1", "2025-03-01", "Acme", domain: "acme.com", email: "jane.doe@somewhere.org")
        // rules 2, 3 and 4 apply: rule 2 wins over the name
         .Referral("R2", "P1", "2025-03-01", "Acme", email: "jane.doe@somewhere.org")
        // rules 3 and 4 apply: rule 3 wins
         .Referral("R3", "P1", "2025-03-01", "Acme", email: "bob@emaildomain.io");
        w.Build("2025-06-30");
        Assert.Equal(["R1 | A-DOM | 1 | false", "R2 | A-CONTACT | 2 | false", "R3 | A-EMAILDOM | 3 | false"], Matches(w));
    }

    [Fact]
    public void Match_FreeMailDomains_NeverIdentifyACompany()
    {
        using var w = new TestWarehouse();
        // an account that (wrongly) carries a free-mail domain must not catch gmail referrals at rules 1 or 3
        w.Partner("P1")
         .Account("A-GMAIL", "Solo Trader", "gmail.com")
         .Account("A-NAME", "Real Name GmbH", "realname.de");
        w.Referral("R1", "P1", "2025-03-01", "Real Name", domain: "gmail.com", email: "someone@gmail.com")
         .Referral("R2", "P1", "2025-03-01", "No Such Company", email: "someone@GMAIL.com");
        w.Build("2025-06-30");
        // R1 falls through to rule 4 (name); R2 matches nothing
        Assert.Equal(["R1 | A-NAME | 4 | false", "R2 | - | - | -"], Matches(w));
    }

    [Fact]
    public void Match_ContactWithoutAccount_ContinuesWithRule3()
    {
        // D13: a contact without account_id (or an unknown one) matches nothing at rule 2
        using var w = new TestWarehouse();
        w.Partner("P1")
         .Account("A1", "Target", "target.com")
         .Contact("C1", null, "buyer@target.com")
         .Contact("C2", "A-DOES-NOT-EXIST", "other@target.com")
         .Referral("R1", "P1", "2025-03-01", "Zzz", email: "buyer@target.com")
         .Referral("R2", "P1", "2025-03-01", "Zzz", email: "other@target.com");
        w.Build("2025-06-30");
        Assert.Equal(["R1 | A1 | 3 | false", "R2 | A1 | 3 | false"], Matches(w));
    }

    [Fact]
    public void Match_SeveralAccountsAtTheWinningRule_EarliestCreatedThenLowestId()
    {
        using var w = new TestWarehouse();
        w.Partner("P1")
         // three accounts share the domain: A-2 is the earliest created
         .Account("A-3", "Dup One", "dup.com", created: "2024-05-01")
         .Account("A-2", "Dup Two", "dup.com", created: "2024-02-01")
         .Account("A-9", "Dup Three", "dup.com", created: "2024-03-01")
         // two accounts created at the same instant with the same name: the lowest id (ordinal) wins
         .Account("B-20", "Twin", "twin-b.com", created: "2024-01-01")
         .Account("B-10", "Twin", "twin-a.com", created: "2024-01-01")
         // D14: an account created after the referral still matches (it exists at as_of)
         .Account("C-1", "Late Account", "late.com", created: "2025-05-01")
         // D2: an account created after as_of does not exist
         .Account("D-1", "Future Account", "future.com", created: "2025-07-01")
         .Referral("R1", "P1", "2025-03-01", "Zzz", domain: "dup.com")
         .Referral("R2", "P1", "2025-03-01", "Twin")
         .Referral("R3", "P1", "2025-03-01", "Zzz", domain: "late.com")
         .Referral("R4", "P1", "2025-03-01", "Zzz", domain: "future.com");
        w.Build("2025-06-30");
        Assert.Equal(["R1 | A-2 | 1 | true", "R2 | B-10 | 4 | true", "R3 | C-1 | 1 | false", "R4 | - | - | -"], Matches(w));
    }
}

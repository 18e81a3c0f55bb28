using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>Which rule of rules.md §2 is the first to tie a referral to its company's CRM account.</summary>
internal enum MatchRoute
{
    /// <summary>Rule 1: company_domain, in any spelling that normalizes to the account's domain.</summary>
    Domain,
    /// <summary>Rule 2: no domain; contact_email is a CRM contact's address (in any letter case).</summary>
    ContactEmail,
    /// <summary>Rule 3: no domain; contact_email is at the account's domain but belongs to no CRM contact.</summary>
    EmailDomain,
    /// <summary>Rule 4: no usable domain or e-mail; the company name normalizes to the account's.</summary>
    NameOnly,
}

internal enum ReferralStatus { Submitted, Accepted, Rejected, Empty }

/// <summary>One referral as the partner submits it.</summary>
internal sealed record ReferralSubmission(string ReferralId, string PartnerId, DateTime SubmittedAt, Prospect Prospect, Employee Contact,
    MatchRoute Route, ReferralProfile Profile, ReferralStatus Status, DateTime? DecidedAt, double Quality, bool MayBreak);

/// <summary>Writes portal/referrals rows, spelling company, domain and e-mail the way the match route needs, and the
/// referral's latent quality to the ground truth.</summary>
internal sealed class ReferralDesk(SampleFiles files, People people, ContractBreaker breaker, Rng rng)
{
    private static readonly string[] Events = ["SaaStr", "the partner summit", "a local meetup", "Dreamforce", "our user group"];
    private static readonly string[] Needs = ["reporting", "a CRM sync", "SOC 2 evidence", "faster onboarding", "forecasting"];

    public static readonly IReadOnlyList<(MatchRoute Item, double Weight)> RouteMix =
        [(MatchRoute.Domain, 78), (MatchRoute.ContactEmail, 8), (MatchRoute.EmailDomain, 7), (MatchRoute.NameOnly, 7)];

    public void Submit(ReferralSubmission s)
    {
        var company = s.Prospect.Company;
        var p = s.Profile;
        var row = new ReferralRow(s.ReferralId, s.PartnerId, Format.Timestamp(s.SubmittedAt), CompanyName(company, s.Route),
            CompanyDomain(company, s.Route), ContactEmail(s.Contact, s.Route), s.Contact.Person.FullName, p.ContactTitle,
            p.Employees is { } employees ? Format.Integer(employees) : null, p.Industry, p.Country,
            p.PainPoints.Count == 0 ? null : string.Join(';', p.PainPoints), p.Timeline, Boolean(p.BudgetConfirmed), Notes(),
            s.Status == ReferralStatus.Empty ? null : s.Status.ToString().ToLowerInvariant(), Format.Timestamp(s.DecidedAt));
        files.Referrals.Write(s.MayBreak ? breaker.Maybe(row) : row);
        files.GroundTruth.Write(new GroundTruthRow("referral", s.ReferralId, null, Format.Decimal(s.Quality, 4)));
    }

    private string CompanyName(Company company, MatchRoute route) => route switch
    {
        // Only an e-mail ties these to the account: a trade name that normalizes differently.
        MatchRoute.ContactEmail or MatchRoute.EmailDomain when rng.Chance(0.5) => company.Identity.Core,
        MatchRoute.NameOnly => rng.Int(0, 3) switch
        {
            0 => $"{company.Name}, {rng.Pick(company.Country.LegalSuffixes)}.",
            1 => company.LegalName(rng).ToUpperInvariant(),
            _ => company.Name.ToLowerInvariant(),
        },
        _ => rng.Chance(0.25) ? company.LegalName(rng) : company.Name,
    };

    private string? CompanyDomain(Company company, MatchRoute route) => route switch
    {
        MatchRoute.Domain => rng.Int(0, 50) switch
        {
            0 or 1 => $"https://www.{company.Domain}/",
            2 or 3 => $"www.{company.Domain}",
            4 => char.ToUpperInvariant(company.Domain[0]) + company.Domain[1..],
            5 => $"http://{company.Domain}/contact-us",
            _ => company.Domain,
        },
        MatchRoute.NameOnly => rng.Int(0, 10) switch { < 5 => null, < 7 => "gmail.com", _ => company.LookAlikeDomain },
        _ => null,
    };

    private string? ContactEmail(Employee contact, MatchRoute route) => route switch
    {
        MatchRoute.Domain => rng.Chance(0.9) ? contact.WorkEmail : null,
        MatchRoute.ContactEmail => rng.Chance(0.3) ? contact.WorkEmail.ToUpperInvariant() : contact.WorkEmail,
        MatchRoute.EmailDomain => contact.WorkEmail,
        _ => rng.Chance(0.7) ? people.FreeMail(contact.Person, rng) : null,
    };

    private string? Boolean(bool? value) => value switch
    {
        null => null,
        _ when rng.Chance(0.06) => value.Value ? rng.Pick(["yes", "Yes", "1", "TRUE"]) : rng.Pick(["no", "No", "0", "FALSE"]),
        _ => value.Value ? "true" : "false",
    };

    private string? Notes() => rng.Int(0, 200) switch
    {
        < 100 => null,
        < 130 => $"Met at {rng.Pick(Events)}; evaluating vendors.",
        < 150 => $"Needs {rng.Pick(Needs)} by Q{rng.Int(1, 5)}, budget TBD",
        < 170 => $"Customer of ours, asked about \"{rng.Pick(Needs)}\"",
        < 185 => "Warm intro via their CFO.",
        < 199 => "Call scheduled, see thread",
        _ => "Spoke with the buyer.\nFollow-up next week, \"high\" priority.",
    };
}

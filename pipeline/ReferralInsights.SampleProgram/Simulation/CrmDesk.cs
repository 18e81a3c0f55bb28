using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

internal sealed record CrmAccount(string Id, string DisplayName, IReadOnlyList<string> ContactIds);

/// <summary>Creates CRM accounts and their contacts (crm/accounts, crm/contacts).</summary>
internal sealed class CrmDesk(SampleFiles files, Ids ids, People people, ContractBreaker breaker, Rng rng)
{
    /// <summary>Opens the prospect's account at <paramref name="createdAt"/> with <paramref name="known"/> as contacts (the
    /// people an e-mail match relies on) plus <paramref name="extraContacts"/> colleagues. A <paramref name="standalone"/>
    /// account (nothing will ever point at it) may break the contract.</summary>
    public CrmAccount Open(Prospect prospect, DateTime createdAt, IReadOnlyList<Employee> known, int extraContacts, bool standalone)
    {
        var company = prospect.Company;
        var id = ids.Account.Next();
        var name = rng.Chance(0.2) ? company.LegalName(rng) : company.Name;
        var domain = rng.Int(0, 20) switch { 0 => "www." + company.Domain, 1 => "https://" + company.Domain, _ => company.Domain };
        var employees = (int)Math.Max(1, Math.Round(company.Employees * rng.Uniform(0.85, 1.15)));
        var row = new AccountRow(id, name, domain, rng.Chance(0.97) ? company.Industry : null,
            rng.Chance(0.95) ? Format.Integer(employees) : null,
            rng.Chance(0.9) ? Format.Money(Math.Round(employees * (decimal)rng.Uniform(80, 300)) * 1_000m) : null,
            company.Country.Code, Format.Timestamp(createdAt), Format.Timestamp(UpdatedAfter(createdAt, 300)));
        files.Accounts.Write(standalone ? breaker.Maybe(row) : row);

        var contacts = new List<string>();
        foreach (var employee in known)
            contacts.Add(WriteContact(id, employee, ProgramCalendar.Earliest(createdAt + rng.Days(0, 2)), mayBreak: false));
        for (var i = 0; i < extraContacts; i++)
        {
            var at = createdAt + rng.Days(0, 60);
            if (ProgramCalendar.HasHappened(at)) contacts.Add(WriteContact(id, prospect.NewEmployee(people, rng), at, mayBreak: true));
        }
        var account = new CrmAccount(id, name, contacts);
        prospect.Account = account;
        return account;
    }

    /// <summary>A lead without an account (D13): a free-mail address no rule can use.</summary>
    public void OrphanLead(DateTime createdAt)
    {
        var person = people.NewPerson(rng);
        files.Contacts.Write(new ContactRow(ids.Contact.Next(), null, people.FreeMail(person, rng), person.FirstName, person.LastName,
            null, Format.Timestamp(createdAt), null));
    }

    private string WriteContact(string accountId, Employee employee, DateTime createdAt, bool mayBreak)
    {
        var person = employee.Person;
        var row = new ContactRow(ids.Contact.Next(), accountId, employee.WorkEmail, person.FirstName, person.LastName,
            rng.Chance(0.9) ? person.Title : null, Format.Timestamp(createdAt), Format.Timestamp(UpdatedAfter(createdAt, 120)));
        files.Contacts.Write(mayBreak ? breaker.Maybe(row) : row);
        return row.ContactId;
    }

    private DateTime? UpdatedAfter(DateTime createdAt, double maxDays) =>
        rng.Chance(0.9) ? ProgramCalendar.Earliest(createdAt + rng.Days(0, maxDays)) : null;
}

using System.Text;
using ReferralInsights.SampleProgram.Randomness;

namespace ReferralInsights.SampleProgram.World;

internal enum Seniority { CLevel, VicePresident, Director, Head, Manager, IndividualContributor }

internal sealed record Person(string FirstName, string LastName, string Title, Seniority Seniority)
{
    public string FullName => $"{FirstName} {LastName}";
}

/// <summary>Makes people, their job titles and their e-mail addresses. Free-mail addresses carry a running number, so no
/// two people ever share one.</summary>
internal sealed class People
{
    private static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Susan",
        "Richard", "Jessica", "Thomas", "Sarah", "Daniel", "Karen", "Matthew", "Nancy", "Priya", "Arjun", "Wei", "Mei", "Hiroshi",
        "Yuki", "Lars", "Ingrid", "Pierre", "Camille", "Hans", "Greta", "Fatima", "Omar", "Chen", "Olga", "Mateo", "Lucía",
        "José", "Zoë", "Björn", "Łukasz", "Anaïs", "Søren", "Chloé", "Noah", "Emma", "Liam", "Olivia", "Amara", "Kwame",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Wilson", "Anderson",
        "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young",
        "Patel", "Shah", "Kim", "Nguyen", "Wang", "Tanaka", "Sato", "Schmidt", "Fischer", "Dubois", "Lefèvre", "Jansen", "de Vries",
        "Andersson", "Nielsen", "Müller", "O'Brien", "García", "Kowalski", "Rossi", "Silva", "Okafor", "Mensah", "Ivanova", "Novak",
    ];

    private static readonly IReadOnlyList<(Seniority Item, double Weight)> SeniorityMix =
    [
        (Seniority.CLevel, 8), (Seniority.VicePresident, 12), (Seniority.Director, 20), (Seniority.Head, 12), (Seniority.Manager, 28),
        (Seniority.IndividualContributor, 20),
    ];

    private static readonly Dictionary<Seniority, string[]> Titles = new()
    {
        [Seniority.CLevel] = ["CEO", "CFO", "CTO", "COO", "Chief Revenue Officer", "Chief Data Officer"],
        [Seniority.VicePresident] = ["VP Operations", "VP of Sales", "VP Engineering", "VP Finance", "SVP, Customer Success"],
        [Seniority.Director] = ["Director of IT", "Director, Revenue Operations", "Finance Director", "Director of Engineering"],
        [Seniority.Head] = ["Head of Data", "Head of Partnerships", "Head of Operations", "Head of IT"],
        [Seniority.Manager] = ["Operations Manager", "IT Manager", "Sales Manager", "Marketing Manager", "Project Manager"],
        [Seniority.IndividualContributor] = ["Data Analyst", "Sales Operations Specialist", "Software Engineer", "Coordinator", "Intern"],
    };

    private static readonly string[] FreeMailDomains = ["gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me", "gmx.com"];

    private long _freeMailNumber = 100;

    public Person NewPerson(Rng rng)
    {
        var seniority = rng.Pick(SeniorityMix);
        return new Person(rng.Pick(FirstNames), rng.Pick(LastNames), rng.Pick(Titles[seniority]), seniority);
    }

    /// <summary>A work address at <paramref name="domain"/>, unique among <paramref name="taken"/> (the addresses already used at
    /// that company), which it joins.</summary>
    public static string WorkEmail(Person person, string domain, ISet<string> taken, Rng rng)
    {
        var (first, last) = (Ascii(person.FirstName), Ascii(person.LastName));
        var local = rng.Int(0, 10) switch { < 6 => $"{first}.{last}", < 8 => first[0] + last, _ => first };
        var email = $"{local}@{domain}";
        for (var n = 2; !taken.Add(email); n++) email = $"{local}{n}@{domain}";
        return email;
    }

    public string FreeMail(Person person, Rng rng) =>
        $"{Ascii(person.FirstName)}.{Ascii(person.LastName)}{_freeMailNumber++}@{rng.Pick(FreeMailDomains)}";

    private static string Ascii(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            var folded = c switch
            {
                'é' or 'è' or 'ë' => "e", 'á' or 'à' or 'ä' => "a", 'ï' or 'í' => "i", 'ó' or 'ö' or 'ø' => "o", 'ü' or 'ú' => "u",
                'ł' => "l", 'ß' => "ss", _ when char.IsAsciiLetter(c) => c.ToString(), _ => "",
            };
            text.Append(folded);
        }
        return text.ToString();
    }
}

using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>A browser as the click tracker knows it.</summary>
internal sealed record Visitor(string Id, string IpHash, string UserAgent);

/// <summary>Writes clicks/clicks and clicks/conversions: single clicks, and click journeys that end in a form fill.</summary>
internal sealed class ClickTracker(SampleFiles files, Ids ids, Rng rng)
{
    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
    ];

    private static readonly string[] Mediums = ["referral", "referral", "partner", "email", "social"];
    private static readonly string?[] Contents = [null, null, null, "banner", "textlink", "signature"];

    public Visitor NewVisitor() => new(ids.NextVisitor(), ids.NextIpHash(), rng.Pick(UserAgents));

    public void Click(Visitor visitor, PartnerLink link, DateTime at, string? referralCode = null)
    {
        files.Clicks.Write(new ClickRow(ids.Click.Next(), Format.Timestamp(at), referralCode ?? link.Code, visitor.Id, link.LandingPage,
            link.Partner.Identity.DomainStem, rng.Pick(Mediums), link.Campaign, rng.Pick(Contents), null, visitor.IpHash, visitor.UserAgent));
    }

    public void Convert(Visitor visitor, string email, DateTime at) =>
        files.Conversions.Write(new ConversionRow(ids.Conversion.Next(), visitor.Id, email, Format.Timestamp(at)));

    /// <summary>A new visitor clicks the partner's links one to four times, starting at <paramref name="firstClickAt"/>, and
    /// fills in a form with <paramref name="email"/>: returns when (a click touch, rules.md §4), or null when the partner had no
    /// link yet or the journey runs past the end of the data.</summary>
    public DateTime? Journey(Partner partner, DateTime firstClickAt, string email)
    {
        var link = PartnerRoster.PickLinkOf(partner, firstClickAt, rng);
        if (link is null) return null;
        var clicks = new List<DateTime> { firstClickAt };
        for (var n = rng.Int(0, 4); n > 0; n--) clicks.Add(firstClickAt + rng.Days(0, 20));
        clicks.Sort();
        var convertedAt = clicks[^1] + rng.Days(0.003, 2);
        if (!ProgramCalendar.HasHappened(convertedAt)) return null;

        var visitor = NewVisitor();
        foreach (var at in clicks) Click(visitor, rng.Chance(0.8) ? link : PartnerRoster.PickLinkOf(partner, at, rng)!, at);
        Convert(visitor, email, convertedAt);
        return convertedAt;
    }
}

using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>The bulk of the click log, a day at a time: visitors who click partner links and never become a known
/// company's contact (a few fill in a form with a private or unknown-company address), a few clicks on referral codes no
/// link has, and one or two bot bursts (rules.md §9). Memory stays bounded: only a ring of recent visitors is kept.</summary>
internal sealed class BackgroundTraffic
{
    private const double ReturningVisitorShare = 0.3;
    private const double ConversionRate = 0.002;
    private const double UnknownCodeRate = 0.0005;
    private const double FutureTypoRate = 0.00002;
    private const int BurstCount = 2;

    private readonly PartnerRoster _roster;
    private readonly ClickTracker _tracker;
    private readonly People _people;
    private readonly Firmographics _firms;
    private readonly ContractBreaker _breaker;
    private readonly Rng _rng;
    private readonly int[] _clicksPerDay;
    private readonly int[] _burstDays;
    private readonly string[] _unknownCodes;
    private readonly Visitor[] _recentVisitors = new Visitor[4096];
    private long _visitorsSeen;

    public BackgroundTraffic(long clicks, PartnerRoster roster, ReferralCodes codes, ClickTracker tracker, People people,
        Firmographics firms, ContractBreaker breaker, Rng rng)
    {
        (_roster, _tracker, _people, _firms, _breaker, _rng) = (roster, tracker, people, firms, breaker, rng);
        _clicksPerDay = ProgramCalendar.Spread(clicks);
        _burstDays = Enumerable.Range(0, BurstCount).Select(_ => rng.Int(60, ProgramCalendar.Days - 30)).ToArray();
        _unknownCodes = Enumerable.Range(0, 4).Select(codes.Unknown).ToArray();
    }

    public void Emit(int day)
    {
        var dayStart = ProgramCalendar.DayStart(day);
        var seconds = new int[_clicksPerDay[day]];
        for (var i = 0; i < seconds.Length; i++) seconds[i] = _rng.Int(0, 86_400);
        Array.Sort(seconds);
        foreach (var second in seconds) EmitClick(dayStart.AddSeconds(second));
        foreach (var burstDay in _burstDays)
            if (burstDay == day) EmitBurst(dayStart);
    }

    private void EmitClick(DateTime at)
    {
        var link = _roster.PickLink(at, _rng);
        if (link is null) return;
        var returning = _visitorsSeen > 0 && _rng.Chance(ReturningVisitorShare);
        var visitor = returning ? _recentVisitors[_rng.Int(0, (int)Math.Min(_visitorsSeen, _recentVisitors.Length))] : _tracker.NewVisitor();
        if (!returning) _recentVisitors[_visitorsSeen++ % _recentVisitors.Length] = visitor;
        var code = _rng.Chance(UnknownCodeRate) ? _rng.Pick(_unknownCodes) : null;
        _tracker.Click(visitor, link, _breaker.MaybeFutureTypo(at, FutureTypoRate), code);

        if (returning || !_rng.Chance(ConversionRate)) return;
        var convertedAt = at + _rng.Days(0.001, 2);
        if (!ProgramCalendar.HasHappened(convertedAt)) return;
        var person = _people.NewPerson(_rng);
        // A private address, or a work address at a company that never enters the CRM: either maps to no account.
        var email = _rng.Chance(0.7) ? _people.FreeMail(person, _rng) : People.WorkEmail(person, _firms.NewCompany(_rng).Domain, new HashSet<string>(), _rng);
        _tracker.Convert(visitor, email, convertedAt);
    }

    /// <summary>More than 50 clicks from one address on one partner's link within one UTC hour.</summary>
    private void EmitBurst(DateTime dayStart)
    {
        var hour = dayStart.AddHours(_rng.Int(0, 24));
        var link = _roster.PickLink(hour, _rng);
        if (link is null) return;
        var bot = _tracker.NewVisitor();
        var seconds = Enumerable.Range(0, _rng.Int(55, 111)).Select(_ => _rng.Int(0, 3_600)).Order().ToList();
        foreach (var second in seconds) _tracker.Click(bot with { Id = _tracker.NewVisitor().Id }, link, hour.AddSeconds(second));
    }
}

using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

internal enum TouchKind { Referral, Click }

/// <summary>A valid partner introduction of one company (rules.md §4): a non-duplicate, non-rejected, non-self referral by
/// a known partner, or a converting click journey whose e-mail maps to the company's account.</summary>
internal sealed record Touch(Partner Partner, DateTime At, TouchKind Kind);

/// <summary>A partner that sources an opportunity, with its sourcing touches and referrals.</summary>
internal sealed record SourcingPartner(Partner Partner, IReadOnlyList<Touch> Touches, IReadOnlyList<string> ReferralIds);

/// <summary>Every valid introduction of one company, and who of them sources an opportunity created at a given time.</summary>
internal sealed class TouchLedger
{
    private static readonly TimeSpan RegistrationValid = TimeSpan.FromDays(180);
    private static readonly TimeSpan Grace = TimeSpan.FromDays(1);
    private static readonly TimeSpan EdgeMargin = TimeSpan.FromDays(1);

    private readonly List<(Touch Touch, string? ReferralId)> _touches = [];

    public void AddReferral(Partner partner, DateTime submittedAt, string referralId) =>
        _touches.Add((new Touch(partner, submittedAt, TouchKind.Referral), referralId));

    public void AddClick(Partner partner, DateTime convertedAt) => _touches.Add((new Touch(partner, convertedAt, TouchKind.Click), null));

    /// <summary>The sourcing partners of an opportunity created at <paramref name="createdAt"/> (touches in
    /// [created − 180 d, created + 1 d]), the primary first: rules.md §5 primary_share order — earliest referral touch, then
    /// earliest click touch, then partner id.</summary>
    public IReadOnlyList<SourcingPartner> SourcingPartners(DateTime createdAt)
    {
        var inWindow = _touches.Where(t => t.Touch.At >= createdAt - RegistrationValid && t.Touch.At <= createdAt + Grace).ToList();
        return inWindow.Select(t => t.Touch.Partner).Distinct()
            .Select(p => new SourcingPartner(p,
                inWindow.Where(t => t.Touch.Partner == p).Select(t => t.Touch).ToList(),
                inWindow.Where(t => t.Touch.Partner == p && t.ReferralId is not null).Select(t => t.ReferralId!).ToList()))
            .OrderBy(s => FirstOf(s, TouchKind.Referral) ?? DateTime.MaxValue)
            .ThenBy(s => FirstOf(s, TouchKind.Click) ?? DateTime.MaxValue)
            .ThenBy(s => s.Partner.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The first time at or after <paramref name="createdAt"/> (in 3-day steps) at which no touch sits within a day of
    /// a window edge, so rounding or a day-boundary reading can never flip who sources the opportunity.</summary>
    public DateTime ClearOfWindowEdges(DateTime createdAt)
    {
        for (var attempt = 0; attempt < 20 && !IsClear(createdAt); attempt++) createdAt = createdAt.AddDays(3);
        return createdAt;
    }

    private bool IsClear(DateTime createdAt) => _touches.All(t =>
        (t.Touch.At - (createdAt - RegistrationValid)).Duration() > EdgeMargin && (t.Touch.At - (createdAt + Grace)).Duration() > EdgeMargin);

    private static DateTime? FirstOf(SourcingPartner s, TouchKind kind) =>
        s.Touches.Where(t => t.Kind == kind).Select(t => (DateTime?)t.At).Min();
}

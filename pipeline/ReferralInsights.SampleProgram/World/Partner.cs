namespace ReferralInsights.SampleProgram.World;

internal enum PartnerType { Customer, Consultant, Integrator, Agency, Other }

internal enum PartnerStatus { Active, Suspended, Terminated }

/// <summary>A partner of the program with everything the simulation needs to know about it.</summary>
internal sealed class Partner
{
    public required string Id { get; init; }
    public required CompanyIdentity Identity { get; init; }
    public required PartnerType Type { get; init; }
    public required Country Country { get; init; }
    /// <summary>The partner's own web/email domain; null for a few individuals.</summary>
    public required string? Domain { get; init; }
    public required DateTime JoinedAt { get; init; }
    public required PartnerStatus Status { get; init; }
    /// <summary>When the current status began (null: unknown, it applies to every reward).</summary>
    public required DateTime? StatusSince { get; init; }
    public required DateTime? CodeOfConductSignedAt { get; init; }
    public required DateTime? DataPrivacySignedAt { get; init; }
    /// <summary>Assigned tiers by effective date, oldest first; never empty.</summary>
    public required IReadOnlyList<(DateTime From, Tier Tier)> TierHistory { get; init; }
    /// <summary>Whether partner_tiers lists this partner (otherwise partners.tier holds for all time).</summary>
    public required bool HasTierHistoryRows { get; init; }
    /// <summary>Relative share of the program's referrals this partner submits.</summary>
    public required double Productivity { get; init; }
    /// <summary>The partner's latent knack for good leads, on the log-odds scale of the lead quality model.</summary>
    public required double Skill { get; init; }
    public List<PartnerLink> Links { get; } = [];

    public Tier CurrentTier => TierHistory[^1].Tier;

    public Tier TierAt(DateTime instant)
    {
        var tier = TierHistory[0].Tier;
        foreach (var (from, assigned) in TierHistory)
            if (from <= instant) tier = assigned;
        return tier;
    }

    public bool IsActiveAt(DateTime instant) => Status == PartnerStatus.Active || (StatusSince is { } since && instant < since);

    public bool CanReferAt(DateTime instant) => JoinedAt < instant && IsActiveAt(instant);

    /// <summary>Whether a reward earned at <paramref name="instant"/> would be payable under rules.md §7 (active, both terms signed).</summary>
    public bool MayBePaidFor(DateTime instant) =>
        IsActiveAt(instant) && CodeOfConductSignedAt <= instant && DataPrivacySignedAt <= instant;
}

/// <summary>A referral link (portal/links) of a partner.</summary>
internal sealed record PartnerLink(string Code, Partner Partner, DateTime CreatedAt, string LandingPage, string? Campaign, double ClickWeight);

namespace ReferralInsights.Ingest;

/// <summary>The type a contract column is landed as in the raw zone.</summary>
public enum ColumnType
{
    /// <summary>VARCHAR; empty string = null.</summary>
    Text,
    /// <summary>BIGINT.</summary>
    Integer,
    /// <summary>DECIMAL(18,6): money, rates and shares, exact.</summary>
    Decimal,
    /// <summary>BOOLEAN from true/false/1/0/yes/no in any case.</summary>
    Boolean,
    /// <summary>TIMESTAMP holding a UTC instant (ISO-8601; no offset = UTC; a date = midnight UTC).</summary>
    Timestamp,
}

/// <param name="Accepted">the only values a column may hold (compared trimmed and case-insensitively), or null for any</param>
/// <param name="Range">the interval a decimal column's values must lie in, or null for any</param>
public sealed record ContractColumn(string Name, ColumnType Type, bool Required, IReadOnlyList<string>? Accepted = null,
    DecimalRange? Range = null);

/// <summary>The decimals above <see cref="Min"/> (from it, when <see cref="MinIncluded"/>) and, when given, up to and
/// including <see cref="Max"/>.</summary>
public sealed record DecimalRange(decimal Min, bool MinIncluded, decimal? Max = null)
{
    public override string ToString() => Max is { } max ? $"between {Min} and {max}" : MinIncluded ? $"at least {Min}" : $"above {Min}";
}

public sealed record ContractEntity(string Source, string Name, bool Optional, IReadOnlyList<ContractColumn> Columns)
{
    public string QualifiedName => $"{Source}/{Name}";
}

/// <summary>The input entities of ../shared/spec/data-contract.md, the same for every connector.</summary>
public static class Contract
{
    private static ContractColumn R(string name, ColumnType type = ColumnType.Text) => new(name, type, true);
    private static ContractColumn O(string name, ColumnType type = ColumnType.Text) => new(name, type, false);
    private static ContractColumn RE(string name, params string[] accepted) => new(name, ColumnType.Text, true, accepted);
    private static ContractColumn OE(string name, params string[] accepted) => new(name, ColumnType.Text, false, accepted);

    private const ColumnType Int = ColumnType.Integer, Dec = ColumnType.Decimal, Bool = ColumnType.Boolean, Ts = ColumnType.Timestamp;

    public static readonly IReadOnlyList<ContractEntity> Entities =
    [
        new("crm", "accounts", false, [R("account_id"), R("name"), O("domain"), O("industry"), O("employee_count", Int),
            O("annual_revenue", Dec), O("country"), R("created_at", Ts), O("updated_at", Ts)]),
        new("crm", "contacts", false, [R("contact_id"), O("account_id"), R("email"), O("first_name"), O("last_name"),
            O("title"), R("created_at", Ts), O("updated_at", Ts)]),
        new("crm", "opportunities", false, [R("opportunity_id"), R("account_id"), O("name"), O("amount", Dec), O("currency"),
            R("stage"), RE("status", "open", "won", "lost"), R("created_at", Ts), O("closed_at", Ts), O("refunded_at", Ts), O("partner_id"),
            O("lead_source"), O("updated_at", Ts)]),
        new("crm", "opportunity_stages", false, [R("opportunity_id"), R("stage"), R("entered_at", Ts)]),
        new("crm", "fx_rates", true, [R("currency"), new("rate", Dec, true, Range: new(0, MinIncluded: false)), R("valid_from", Ts)]),
        new("crm", "activities", false, [R("activity_id"), RE("type", "intro", "meeting", "demo", "email", "call", "other"), R("occurred_at", Ts), O("opportunity_id"), O("account_id"),
            O("contact_id"), O("partner_id")]),

        new("portal", "partners", false, [R("partner_id"), R("name"), RE("type", "customer", "consultant", "integrator", "agency", "other"), R("tier"),
            RE("status", "active", "suspended", "terminated"), O("status_since", Ts),
            R("joined_at", Ts), O("region"), O("country"), O("domain"), O("code_of_conduct_signed_at", Ts),
            O("data_privacy_signed_at", Ts)]),
        new("portal", "partner_tiers", true, [R("partner_id"), R("tier"), R("effective_from", Ts)]),
        new("portal", "links", false, [R("referral_code"), R("partner_id"), O("landing_page"), O("campaign"), O("created_at", Ts)]),
        new("portal", "referrals", false, [R("referral_id"), R("partner_id"), R("submitted_at", Ts), R("company_name"),
            O("company_domain"), O("contact_email"), O("contact_name"), O("contact_title"), O("employee_count", Int),
            O("industry"), O("country"), O("pain_points"), OE("timeline", "0-3m", "3-6m", "6-12m", "12m+", "unknown"), O("budget_confirmed", Bool), O("notes"),
            OE("status", "submitted", "accepted", "rejected"), O("decided_at", Ts)]),
        new("portal", "disputes", false, [R("dispute_id"), R("opportunity_id"), R("claimant_partner_id"), R("opened_at", Ts),
            RE("status", "open", "resolved", "rejected"), O("resolution_partner_id"), new("resolution_share", Dec, false, Range: new(0, MinIncluded: true, Max: 1)), O("resolved_at", Ts), O("referral_id"),
            O("notes")]),
        new("portal", "payouts", false, [R("payout_id"), R("partner_id"), O("reward_id"), R("amount", Dec), O("currency"),
            R("paid_at", Ts)]),

        new("clicks", "clicks", false, [R("click_id"), R("clicked_at", Ts), R("referral_code"), R("visitor_id"),
            O("landing_page"), O("utm_source"), O("utm_medium"), O("utm_campaign"), O("utm_content"), O("utm_term"),
            O("ip_hash"), O("user_agent")]),
        new("clicks", "conversions", false, [R("conversion_id"), R("visitor_id"), R("email"), R("converted_at", Ts)]),
    ];

    public static IEnumerable<ContractEntity> OfSource(string source) => Entities.Where(e => e.Source == source);
}

namespace ReferralInsights.SampleProgram.Output;

/// <summary>One output row, already formatted: <see cref="Fields"/> is in the order of its <see cref="ContractColumns"/>
/// header; null is written as an empty value.</summary>
internal interface IContractRow
{
    string?[] Fields { get; }
}

internal sealed record AccountRow(string AccountId, string Name, string? Domain, string? Industry, string? EmployeeCount,
    string? AnnualRevenue, string? Country, string CreatedAt, string? UpdatedAt) : IContractRow
{
    public string?[] Fields => [AccountId, Name, Domain, Industry, EmployeeCount, AnnualRevenue, Country, CreatedAt, UpdatedAt];
}

internal sealed record ContactRow(string ContactId, string? AccountId, string Email, string? FirstName, string? LastName,
    string? Title, string CreatedAt, string? UpdatedAt) : IContractRow
{
    public string?[] Fields => [ContactId, AccountId, Email, FirstName, LastName, Title, CreatedAt, UpdatedAt];
}

internal sealed record OpportunityRow(string OpportunityId, string AccountId, string? Name, string? Amount, string? Currency,
    string Stage, string Status, string CreatedAt, string? ClosedAt, string? RefundedAt, string? PartnerId, string? LeadSource,
    string? UpdatedAt) : IContractRow
{
    public string?[] Fields =>
        [OpportunityId, AccountId, Name, Amount, Currency, Stage, Status, CreatedAt, ClosedAt, RefundedAt, PartnerId, LeadSource, UpdatedAt];
}

internal sealed record OpportunityStageRow(string OpportunityId, string Stage, string EnteredAt) : IContractRow
{
    public string?[] Fields => [OpportunityId, Stage, EnteredAt];
}

internal sealed record FxRateRow(string Currency, string Rate, string ValidFrom) : IContractRow
{
    public string?[] Fields => [Currency, Rate, ValidFrom];
}

internal sealed record ActivityRow(string ActivityId, string Type, string OccurredAt, string? OpportunityId, string? AccountId,
    string? ContactId, string? PartnerId) : IContractRow
{
    public string?[] Fields => [ActivityId, Type, OccurredAt, OpportunityId, AccountId, ContactId, PartnerId];
}

internal sealed record PartnerRow(string PartnerId, string Name, string Type, string Tier, string Status, string? StatusSince,
    string JoinedAt, string? Region, string? Country, string? Domain, string? CodeOfConductSignedAt, string? DataPrivacySignedAt)
    : IContractRow
{
    public string?[] Fields =>
        [PartnerId, Name, Type, Tier, Status, StatusSince, JoinedAt, Region, Country, Domain, CodeOfConductSignedAt, DataPrivacySignedAt];
}

internal sealed record PartnerTierRow(string PartnerId, string Tier, string EffectiveFrom) : IContractRow
{
    public string?[] Fields => [PartnerId, Tier, EffectiveFrom];
}

internal sealed record LinkRow(string ReferralCode, string PartnerId, string? LandingPage, string? Campaign, string? CreatedAt)
    : IContractRow
{
    public string?[] Fields => [ReferralCode, PartnerId, LandingPage, Campaign, CreatedAt];
}

internal sealed record ReferralRow(string ReferralId, string PartnerId, string SubmittedAt, string CompanyName,
    string? CompanyDomain, string? ContactEmail, string? ContactName, string? ContactTitle, string? EmployeeCount,
    string? Industry, string? Country, string? PainPoints, string? Timeline, string? BudgetConfirmed, string? Notes,
    string? Status, string? DecidedAt) : IContractRow
{
    public string?[] Fields =>
        [ReferralId, PartnerId, SubmittedAt, CompanyName, CompanyDomain, ContactEmail, ContactName, ContactTitle, EmployeeCount,
         Industry, Country, PainPoints, Timeline, BudgetConfirmed, Notes, Status, DecidedAt];
}

internal sealed record DisputeRow(string DisputeId, string OpportunityId, string ClaimantPartnerId, string OpenedAt, string Status,
    string? ResolutionPartnerId, string? ResolutionShare, string? ResolvedAt, string? ReferralId, string? Notes) : IContractRow
{
    public string?[] Fields =>
        [DisputeId, OpportunityId, ClaimantPartnerId, OpenedAt, Status, ResolutionPartnerId, ResolutionShare, ResolvedAt, ReferralId, Notes];
}

internal sealed record PayoutRow(string PayoutId, string PartnerId, string? RewardId, string Amount, string? Currency, string PaidAt)
    : IContractRow
{
    public string?[] Fields => [PayoutId, PartnerId, RewardId, Amount, Currency, PaidAt];
}

internal sealed record ClickRow(string ClickId, string ClickedAt, string ReferralCode, string VisitorId, string? LandingPage,
    string? UtmSource, string? UtmMedium, string? UtmCampaign, string? UtmContent, string? UtmTerm, string? IpHash,
    string? UserAgent) : IContractRow
{
    public string?[] Fields =>
        [ClickId, ClickedAt, ReferralCode, VisitorId, LandingPage, UtmSource, UtmMedium, UtmCampaign, UtmContent, UtmTerm, IpHash, UserAgent];
}

internal sealed record ConversionRow(string ConversionId, string VisitorId, string Email, string ConvertedAt) : IContractRow
{
    public string?[] Fields => [ConversionId, VisitorId, Email, ConvertedAt];
}

internal sealed record GroundTruthRow(string Kind, string Id, string? PartnerIds, string? Quality) : IContractRow
{
    public string?[] Fields => [Kind, Id, PartnerIds, Quality];
}

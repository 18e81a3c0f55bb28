namespace ReferralInsights.SampleProgram.Output;

/// <summary>The header of every file the generator writes, in the column order of ../shared/spec/data-contract.md.</summary>
internal static class ContractColumns
{
    public static readonly string[] Accounts =
        ["account_id", "name", "domain", "industry", "employee_count", "annual_revenue", "country", "created_at", "updated_at"];
    public static readonly string[] Contacts =
        ["contact_id", "account_id", "email", "first_name", "last_name", "title", "created_at", "updated_at"];
    public static readonly string[] Opportunities =
        ["opportunity_id", "account_id", "name", "amount", "currency", "stage", "status", "created_at", "closed_at", "refunded_at",
         "partner_id", "lead_source", "updated_at"];
    public static readonly string[] OpportunityStages = ["opportunity_id", "stage", "entered_at"];
    public static readonly string[] FxRates = ["currency", "rate", "valid_from"];
    public static readonly string[] Activities =
        ["activity_id", "type", "occurred_at", "opportunity_id", "account_id", "contact_id", "partner_id"];

    public static readonly string[] Partners =
        ["partner_id", "name", "type", "tier", "status", "status_since", "joined_at", "region", "country", "domain",
         "code_of_conduct_signed_at", "data_privacy_signed_at"];
    public static readonly string[] PartnerTiers = ["partner_id", "tier", "effective_from"];
    public static readonly string[] Links = ["referral_code", "partner_id", "landing_page", "campaign", "created_at"];
    public static readonly string[] Referrals =
        ["referral_id", "partner_id", "submitted_at", "company_name", "company_domain", "contact_email", "contact_name",
         "contact_title", "employee_count", "industry", "country", "pain_points", "timeline", "budget_confirmed", "notes",
         "status", "decided_at"];
    public static readonly string[] Disputes =
        ["dispute_id", "opportunity_id", "claimant_partner_id", "opened_at", "status", "resolution_partner_id",
         "resolution_share", "resolved_at", "referral_id", "notes"];
    public static readonly string[] Payouts = ["payout_id", "partner_id", "reward_id", "amount", "currency", "paid_at"];

    public static readonly string[] Clicks =
        ["click_id", "clicked_at", "referral_code", "visitor_id", "landing_page", "utm_source", "utm_medium", "utm_campaign",
         "utm_content", "utm_term", "ip_hash", "user_agent"];
    public static readonly string[] Conversions = ["conversion_id", "visitor_id", "email", "converted_at"];

    /// <summary>The generator's answer key (not a contract entity; the pipeline never reads it).</summary>
    public static readonly string[] GroundTruth = ["kind", "id", "partner_ids", "quality"];
}

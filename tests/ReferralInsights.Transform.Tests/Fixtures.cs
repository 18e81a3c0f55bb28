namespace ReferralInsights.Transform.Tests;

/// <summary>
/// SQL-insert helpers for the raw tables: each writes one contract row with the columns a test cares about and NULL
/// (or a neutral default) elsewhere. Timestamps are ISO text ('2025-03-01' or '2025-03-01 12:00:00'), UTC.
/// </summary>
public static class Fixtures
{
    public static string Q(string? s) => s is null ? "NULL" : "'" + s.Replace("'", "''") + "'";
    private static string Ts(string? s) => s is null ? "NULL" : $"TIMESTAMP '{s}'";
    private static string Dec(decimal? d) => d is null ? "NULL" : d.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A partner; <paramref name="signed"/> sets both the code of conduct and the data-privacy signature
    /// (unsigned by default: such a partner's rewards are withheld, rules.md §7).</summary>
    public static TestWarehouse Partner(this TestWarehouse w, string id, string? domain = null, string joined = "2024-01-01",
        string tier = "Registered", string status = "active", string? statusSince = null, string? signed = null,
        string? privacySigned = null) =>
        w.Exec($"""
            INSERT INTO raw_portal__partners (partner_id, name, type, tier, status, status_since, joined_at, domain,
                code_of_conduct_signed_at, data_privacy_signed_at)
            VALUES ({Q(id)}, {Q("Partner " + id)}, 'consultant', {Q(tier)}, {Q(status)}, {Ts(statusSince)}, {Ts(joined)}, {Q(domain)},
                {Ts(signed)}, {Ts(privacySigned ?? signed)})
            """);

    public static TestWarehouse PartnerTier(this TestWarehouse w, string partner, string tier, string effective) =>
        w.Exec($"""
            INSERT INTO raw_portal__partner_tiers (partner_id, tier, effective_from, _source_file, _line)
            VALUES ({Q(partner)}, {Q(tier)}, {Ts(effective)}, 'partner_tiers.csv', (SELECT count(*) + 2 FROM raw_portal__partner_tiers))
            """);

    public static TestWarehouse Account(this TestWarehouse w, string id, string name, string? domain, string created = "2024-01-01",
        string? industry = null) =>
        w.Exec($"""
            INSERT INTO raw_crm__accounts (account_id, name, domain, created_at, industry)
            VALUES ({Q(id)}, {Q(name)}, {Q(domain)}, {Ts(created)}, {Q(industry)})
            """);

    public static TestWarehouse Contact(this TestWarehouse w, string id, string? accountId, string email, string created = "2024-01-01") =>
        w.Exec($"""
            INSERT INTO raw_crm__contacts (contact_id, account_id, email, created_at)
            VALUES ({Q(id)}, {Q(accountId)}, {Q(email)}, {Ts(created)})
            """);

    public static TestWarehouse Referral(this TestWarehouse w, string id, string partner, string submitted, string company,
        string? domain = null, string? email = null, string? status = null, string? decided = null, string? industry = null) =>
        w.Exec($"""
            INSERT INTO raw_portal__referrals (referral_id, partner_id, submitted_at, company_name, company_domain, contact_email, status, decided_at, industry)
            VALUES ({Q(id)}, {Q(partner)}, {Ts(submitted)}, {Q(company)}, {Q(domain)}, {Q(email)}, {Q(status)}, {Ts(decided)}, {Q(industry)})
            """);

    public static TestWarehouse Opportunity(this TestWarehouse w, string id, string account, string created, string status = "open",
        string? closed = null, decimal? amount = null, string? currency = null, string stage = "Discovery", string? refunded = null,
        string? crmPartner = null, string? updated = null) =>
        w.Exec($"""
            INSERT INTO raw_crm__opportunities (opportunity_id, account_id, amount, currency, stage, status, created_at, closed_at, refunded_at, partner_id, updated_at)
            VALUES ({Q(id)}, {Q(account)}, {Dec(amount)}, {Q(currency)}, {Q(stage)}, {Q(status)}, {Ts(created)}, {Ts(closed)}, {Ts(refunded)}, {Q(crmPartner)}, {Ts(updated)})
            """);

    public static TestWarehouse Stage(this TestWarehouse w, string opportunity, string stage, string entered) =>
        w.Exec($"""
            INSERT INTO raw_crm__opportunity_stages (opportunity_id, stage, entered_at)
            VALUES ({Q(opportunity)}, {Q(stage)}, {Ts(entered)})
            """);

    public static TestWarehouse FxRate(this TestWarehouse w, string currency, decimal rate, string validFrom) =>
        w.Exec($"INSERT INTO raw_crm__fx_rates (currency, rate, valid_from) VALUES ({Q(currency)}, {Dec(rate)}, {Ts(validFrom)})");

    public static TestWarehouse Activity(this TestWarehouse w, string id, string partner, string occurred, string? opportunity = null,
        string? account = null, string? contact = null) =>
        w.Exec($"""
            INSERT INTO raw_crm__activities (activity_id, type, occurred_at, opportunity_id, account_id, contact_id, partner_id)
            VALUES ({Q(id)}, 'meeting', {Ts(occurred)}, {Q(opportunity)}, {Q(account)}, {Q(contact)}, {Q(partner)})
            """);

    public static TestWarehouse Link(this TestWarehouse w, string code, string partner) =>
        w.Exec($"INSERT INTO raw_portal__links (referral_code, partner_id) VALUES ({Q(code)}, {Q(partner)})");

    public static TestWarehouse Click(this TestWarehouse w, string id, string code, string visitor, string at, string? ip = null) =>
        w.Exec($"""
            INSERT INTO raw_clicks__clicks (click_id, clicked_at, referral_code, visitor_id, ip_hash)
            VALUES ({Q(id)}, {Ts(at)}, {Q(code)}, {Q(visitor)}, {Q(ip)})
            """);

    public static TestWarehouse Conversion(this TestWarehouse w, string id, string visitor, string email, string at) =>
        w.Exec($"""
            INSERT INTO raw_clicks__conversions (conversion_id, visitor_id, email, converted_at)
            VALUES ({Q(id)}, {Q(visitor)}, {Q(email)}, {Ts(at)})
            """);

    public static TestWarehouse Payout(this TestWarehouse w, string id, string partner, string? rewardId, decimal amount, string paid,
        string? currency = null) =>
        w.Exec($"""
            INSERT INTO raw_portal__payouts (payout_id, partner_id, reward_id, amount, currency, paid_at, _source_file, _line)
            VALUES ({Q(id)}, {Q(partner)}, {Q(rewardId)}, {Dec(amount)}, {Q(currency)}, {Ts(paid)}, 'payouts.csv',
                (SELECT count(*) + 2 FROM raw_portal__payouts))
            """);

    public static TestWarehouse Dispute(this TestWarehouse w, string id, string opportunity, string claimant, string opened, string status,
        string? resolutionPartner = null, decimal? share = null, string? resolved = null) =>
        w.Exec($"""
            INSERT INTO raw_portal__disputes (dispute_id, opportunity_id, claimant_partner_id, opened_at, status, resolution_partner_id, resolution_share, resolved_at)
            VALUES ({Q(id)}, {Q(opportunity)}, {Q(claimant)}, {Ts(opened)}, {Q(status)}, {Q(resolutionPartner)}, {Dec(share)}, {Ts(resolved)})
            """);
}

/// <summary>The reward terms of pipeline.example.yaml (Registered 50/250/5 %, Silver 100/500/8 %, Gold 150/750/10 %;
/// caps 25,000 per deal and 150,000 per partner and year; clawback 90 days), set on a test warehouse's config.</summary>
public static class RewardTerms
{
    public const string Signed = "2024-01-01";

    public static TestWarehouse WithExampleRewards(this TestWarehouse w)
    {
        w.Config = w.Config with
        {
            Rewards = w.Config.Rewards with
            {
                Tiers =
                [
                    new() { Name = "Registered", MinSourcedRevenue = 0, MinQualifiedReferrals = 0, UpfrontBonus = 50, QualifiedBonus = 250, CommissionRate = 0.05m },
                    new() { Name = "Silver", MinSourcedRevenue = 100_000, MinQualifiedReferrals = 5, UpfrontBonus = 100, QualifiedBonus = 500, CommissionRate = 0.08m },
                    new() { Name = "Gold", MinSourcedRevenue = 400_000, MinQualifiedReferrals = 15, UpfrontBonus = 150, QualifiedBonus = 750, CommissionRate = 0.10m },
                ],
                Caps = w.Config.Rewards.Caps with { PerDeal = 25_000m, PerPartnerPerYear = 150_000m },
                ClawbackDays = 90,
            },
        };
        return w;
    }
}

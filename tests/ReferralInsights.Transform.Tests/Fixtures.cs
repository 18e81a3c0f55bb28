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

    public static TestWarehouse Partner(this TestWarehouse w, string id, string? domain = null, string joined = "2024-01-01") =>
        w.Exec($"""
            INSERT INTO raw_portal__partners (partner_id, name, type, tier, status, joined_at, domain)
            VALUES ({Q(id)}, {Q("Partner " + id)}, 'consultant', 'Registered', 'active', {Ts(joined)}, {Q(domain)})
            """);

    public static TestWarehouse Account(this TestWarehouse w, string id, string name, string? domain, string created = "2024-01-01") =>
        w.Exec($"""
            INSERT INTO raw_crm__accounts (account_id, name, domain, created_at)
            VALUES ({Q(id)}, {Q(name)}, {Q(domain)}, {Ts(created)})
            """);

    public static TestWarehouse Contact(this TestWarehouse w, string id, string? accountId, string email, string created = "2024-01-01") =>
        w.Exec($"""
            INSERT INTO raw_crm__contacts (contact_id, account_id, email, created_at)
            VALUES ({Q(id)}, {Q(accountId)}, {Q(email)}, {Ts(created)})
            """);

    public static TestWarehouse Referral(this TestWarehouse w, string id, string partner, string submitted, string company,
        string? domain = null, string? email = null, string? status = null, string? decided = null) =>
        w.Exec($"""
            INSERT INTO raw_portal__referrals (referral_id, partner_id, submitted_at, company_name, company_domain, contact_email, status, decided_at)
            VALUES ({Q(id)}, {Q(partner)}, {Ts(submitted)}, {Q(company)}, {Q(domain)}, {Q(email)}, {Q(status)}, {Ts(decided)})
            """);

    public static TestWarehouse Opportunity(this TestWarehouse w, string id, string account, string created, string status = "open",
        string? closed = null, decimal? amount = null, string? currency = null, string stage = "Discovery", string? crmPartner = null,
        string? updated = null) =>
        w.Exec($"""
            INSERT INTO raw_crm__opportunities (opportunity_id, account_id, amount, currency, stage, status, created_at, closed_at, partner_id, updated_at)
            VALUES ({Q(id)}, {Q(account)}, {Dec(amount)}, {Q(currency)}, {Q(stage)}, {Q(status)}, {Ts(created)}, {Ts(closed)}, {Q(crmPartner)}, {Ts(updated)})
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

    public static TestWarehouse Dispute(this TestWarehouse w, string id, string opportunity, string claimant, string opened, string status,
        string? resolutionPartner = null, decimal? share = null, string? resolved = null) =>
        w.Exec($"""
            INSERT INTO raw_portal__disputes (dispute_id, opportunity_id, claimant_partner_id, opened_at, status, resolution_partner_id, resolution_share, resolved_at)
            VALUES ({Q(id)}, {Q(opportunity)}, {Q(claimant)}, {Ts(opened)}, {Q(status)}, {Q(resolutionPartner)}, {Dec(share)}, {Ts(resolved)})
            """);
}

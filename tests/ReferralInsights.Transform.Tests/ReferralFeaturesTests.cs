namespace ReferralInsights.Transform.Tests;

/// <summary>fct_referral_features: the lead-quality model's inputs are what was known at submission, and its label is
/// "qualified within model.label_days", known only once that window has closed by as_of.</summary>
public sealed class ReferralFeaturesTests
{
    private const string Columns =
        "referral_id, employee_count, industry, timeline, budget_confirmed, pain_point_count, priority_pain_point_count, contact_seniority, " +
        "icp_size_fit, icp_industry_fit, icp_country_fit, partner_type, partner_tier, partner_tenure_days, partner_prior_referrals, " +
        "partner_prior_qualified_rate, contact_clicks_before, label, label_known, is_trainable";

    // R1 (2025-01-01) qualifies 9 days later through O1, so its label is true and its 120-day window closes on 2025-05-01.
    // R3 (2025-03-01) comes before that close: the partner's history is still empty for it. R2 (2025-06-01) comes after:
    // it sees one earlier referral, qualified (rate 1). As of 2025-07-01, R2's window (to 2025-09-29) is still open, so its
    // label is unknown and it does not train. Tenure 2024-01-01 → 2025-01-01 is 366 days (leap year).
    [Fact]
    public void Features_UsePointInTimePartnerHistoryAndLabelWindow()
    {
        using var w = new TestWarehouse();
        w.Config = w.Config with { Model = w.Config.Model with { Icp = w.Config.Model.Icp with { Industries = ["Software"] } } };
        w.Config = w.Config with { Model = w.Config.Model with { Icp = w.Config.Model.Icp with { PriorityPainPoints = ["Integration"] } } };
        w.Partner("P1")
            .Account("A1", "Acme", "acme.com", created: "2024-06-01")
            .Referral("R1", "P1", "2025-01-01 09:00:00", "Acme", domain: "acme.com", email: "jo@acme.com")
            .Referral("R3", "P1", "2025-03-01 09:00:00", "Gamma", domain: "gamma.com")
            .Referral("R2", "P1", "2025-06-01 09:00:00", "Beta", domain: "beta.com")
            .Opportunity("O1", "A1", "2025-01-10", stage: "Qualified")
            .Link("L1", "P1")
            .Click("C1", "L1", "V1", "2024-12-20 10:00:00")
            .Conversion("K1", "V1", "jo@acme.com", "2024-12-21 10:00:00")
            .Exec("""
                UPDATE raw_portal__referrals SET employee_count = 250, industry = 'Software', pain_points = 'integration; cost',
                    timeline = '0-3m', budget_confirmed = true, contact_title = 'VP of Sales'
                WHERE referral_id = 'R1'
                """)
            .Exec("UPDATE raw_portal__referrals SET employee_count = 40, industry = 'Retail', contact_title = 'Head of IT' WHERE referral_id = 'R2'");

        w.Build("2025-07-01");

        string[] expected =
        [
            "R1 | 250 | Software | 0-3m | yes | 2 | 1 | vice_president | true | true | true | consultant | Registered | 366 | 0 | NULL | 1 | true | true | true",
            "R2 | 40 | Retail | unknown | unknown | 0 | 0 | head | false | false | true | consultant | Registered | 517 | 1 | 1 | 0 | false | false | false",
            "R3 | NULL | NULL | unknown | unknown | 0 | 0 | unknown | false | false | true | consultant | Registered | 425 | 0 | NULL | 0 | false | true | true",
        ];
        var actual = w.Lines($"SELECT {Columns} FROM fct_referral_features ORDER BY referral_id");
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i]);
    }

    // The tier at submission comes from partner_tiers history (latest effective_from ≤ submitted_at), not today's tier.
    [Fact]
    public void Features_PartnerTierIsTheTierAtSubmission()
    {
        using var w = new TestWarehouse();
        w.Partner("P1")
            .Referral("R1", "P1", "2025-01-15", "Acme")
            .Referral("R2", "P1", "2025-04-15", "Beta")
            .Exec("INSERT INTO raw_portal__partner_tiers (partner_id, tier, effective_from) VALUES ('P1', 'Silver', '2025-01-01'), ('P1', 'Gold', '2025-04-01')");

        w.Build("2025-07-01");

        Assert.Equal(["R1 | Silver", "R2 | Gold"], w.Lines("SELECT referral_id, partner_tier FROM fct_referral_features ORDER BY referral_id"));
    }
}

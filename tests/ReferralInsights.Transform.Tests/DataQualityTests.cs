namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §11 data-quality findings (D61 severities, D62 grains, D63, D66, D43): each check fires on a
/// minimal fixture with its exact finding rows, and stays quiet on the neighbouring case that must not fire.</summary>
public class DataQualityTests
{
    private const string AsOf = "2025-06-30";

    private static List<string> Findings(TestWarehouse w, string check) =>
        w.Lines($"""
            SELECT severity, entity, entity_id, detail FROM fct_data_quality
            WHERE "check" = '{check}' ORDER BY entity, entity_id, detail
            """);

    // §3: a duplicate is info, pointing at the kept referral and the dedup key it shares.
    [Fact]
    public void DuplicateReferral()
    {
        using var w = new TestWarehouse();
        w.Partner("P1").Account("A", "Alpha", "a.com")
         .Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com")
         .Referral("R2", "P1", "2025-03-01", "Alpha", domain: "a.com");
        w.Build(AsOf);
        Assert.Equal(["info | portal/referrals | R2 | duplicate of R1: same partner P1 and account A within 90 days"],
            Findings(w, "duplicate_referral"));
    }

    // §2 / D15: several accounts at the winning rule, for a referral (rule 1: the earliest-created wins) and for a
    // conversion (rule 3: equal creation → lowest account_id).
    [Fact]
    public void AmbiguousAccountMatch()
    {
        using var w = new TestWarehouse();
        w.Partner("P1")
         .Account("A1", "Alpha One", "a.com", created: "2024-01-01").Account("A2", "Alpha Two", "a.com", created: "2023-06-01")
         .Account("B2", "Beta Two", "b.com").Account("B1", "Beta One", "b.com")
         .Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com")
         .Conversion("CV1", "V1", "x@b.com", "2025-02-01");
        w.Build(AsOf);
        Assert.Equal(
        [
            "warning | clicks/conversions | CV1 | rule 3 (email domain) matched 2 accounts; chose B1 (earliest created, then lowest account_id)",
            "warning | portal/referrals | R1 | rule 1 (company domain) matched 2 accounts; chose A2 (earliest created, then lowest account_id)",
        ], Findings(w, "ambiguous_account_match"));
    }

    // D4: date(submitted_at) < as_of − 30 d (2025-05-31): the day before fires, the day itself does not.
    [Fact]
    public void UnmatchedReferral_OlderThan30Days()
    {
        using var w = new TestWarehouse();
        w.Partner("P1")
         .Referral("R1", "P1", "2025-05-30 23:00:00", "Nowhere")
         .Referral("R2", "P1", "2025-05-31 00:00:00", "Elsewhere");
        w.Build(AsOf);
        Assert.Equal(["warning | portal/referrals | R1 | submitted 2025-05-30 23:00:00 (Nowhere), no account matched after 30 days"],
            Findings(w, "unmatched_referral"));
    }

    // D18: an unknown partner id is an error wherever a row names one: referral, link, activity, dispute, and the
    // partner tag a sales rep set on an opportunity (O2 tags PQ; O1 is untagged, O3 tags a known partner).
    [Fact]
    public void UnknownPartner()
    {
        using var w = new TestWarehouse();
        w.Partner("P1").Account("A", "Alpha", "a.com").Opportunity("O1", "A", "2025-03-01")
         .Opportunity("O2", "A", "2025-03-05", crmPartner: "PQ").Opportunity("O3", "A", "2025-03-06", crmPartner: "P1")
         .Referral("R1", "PX", "2025-02-01", "Alpha", domain: "a.com")
         .Link("L9", "PX")
         .Activity("X1", "PY", "2025-03-02", opportunity: "O1")
         .Activity("X2", "P1", "2025-03-02", opportunity: "O1")
         .Dispute("D1", "O1", "PZ", "2025-04-01", "resolved", resolutionPartner: "PW", share: 1m, resolved: "2025-04-02");
        w.Build(AsOf);
        Assert.Equal(
        [
            "error | crm/activities | X1 | partner PY is not in portal/partners",
            "error | crm/opportunities | O2 | partner tag PQ is not in portal/partners",
            "error | portal/disputes | D1 | claimant partner PZ is not in portal/partners",
            "error | portal/disputes | D1 | resolution partner PW is not in portal/partners",
            "error | portal/links | L9 | partner PX is not in portal/partners",
            "error | portal/referrals | R1 | partner PX is not in portal/partners",
        ], Findings(w, "unknown_partner"));
    }

    // D62: one finding per unknown code, counting its clicks; a link whose partner is unknown counts as unknown too.
    [Fact]
    public void UnknownReferralCode_OnePerCode()
    {
        using var w = new TestWarehouse();
        w.Partner("P1").Link("L1", "P1").Link("L2", "PX")
         .Click("K1", "NOPE", "V1", "2025-02-03").Click("K2", "NOPE", "V2", "2025-02-01")
         .Click("K3", "L2", "V3", "2025-02-05").Click("K4", "L1", "V4", "2025-02-05");
        w.Build(AsOf);
        Assert.Equal(
        [
            "warning | clicks/clicks | L2 | 1 click from 2025-02-05 00:00:00 to 2025-02-05 00:00:00; the link's partner PX is unknown",
            "warning | clicks/clicks | NOPE | 2 clicks from 2025-02-01 00:00:00 to 2025-02-03 00:00:00; no link has this code",
        ], Findings(w, "unknown_referral_code"));
    }

    // The CRM's own referential breaks: an opportunity on a missing account; stage rows of a missing opportunity
    // (D62: one finding per opportunity_id, however many rows).
    [Fact]
    public void OpportunityUnknownAccount_AndStageForUnknownOpportunity()
    {
        using var w = new TestWarehouse();
        w.Account("A", "Alpha", "a.com").Opportunity("O1", "AX", "2025-03-01").Opportunity("O2", "A", "2025-03-01")
         .Stage("O9", "Discovery", "2025-03-01").Stage("O9", "Qualified", "2025-03-10").Stage("O2", "Qualified", "2025-03-10");
        w.Build(AsOf);
        Assert.Equal(["error | crm/opportunities | O1 | account AX is not in crm/accounts"], Findings(w, "opportunity_unknown_account"));
        Assert.Equal(
            ["warning | crm/opportunity_stages | O9 | 2 stage rows from 2025-03-01 00:00:00 to 2025-03-10 00:00:00; the opportunity is not in crm/opportunities"],
            Findings(w, "stage_for_unknown_opportunity"));
    }

    // Money: a won deal without amount, a negative amount (any status), a currency without any rate (§1 / D12; an
    // open deal is priced on the as_of date).
    [Fact]
    public void WonWithoutAmount_NegativeAmount_MissingFxRate()
    {
        using var w = new TestWarehouse();
        w.Account("A", "Alpha", "a.com")
         .Opportunity("O1", "A", "2025-03-01", "won", "2025-04-01", amount: null)
         .Opportunity("O2", "A", "2025-03-01", "lost", "2025-04-01", amount: -5m, currency: "USD")
         .Opportunity("O3", "A", "2025-03-01", amount: 100m, currency: "XYZ")
         .Opportunity("O4", "A", "2025-03-01", "won", "2025-04-01", amount: 100m, currency: "USD");
        w.Build(AsOf);
        Assert.Equal(["error | crm/opportunities | O1 | won 2025-04-01 00:00:00 without an amount"], Findings(w, "won_without_amount"));
        Assert.Equal(["error | crm/opportunities | O2 | amount -5 USD"], Findings(w, "negative_amount"));
        Assert.Equal(["error | crm/opportunities | O3 | no rate for XYZ on 2025-06-30 in crm/fx_rates or the fx table; amount_usd is empty"],
            Findings(w, "missing_fx_rate"));
    }

    // Dates: closed before created is an error; D66 a won/lost deal without closed_at closes at updated_at, else
    // created_at, with a warning saying which.
    [Fact]
    public void ClosedBeforeCreated_AndClosedWithoutDate()
    {
        using var w = new TestWarehouse();
        w.Account("A", "Alpha", "a.com")
         .Opportunity("O1", "A", "2025-03-01", "lost", "2025-02-01", 10m)
         .Opportunity("O2", "A", "2025-03-01 10:00:00", "won", amount: 10m)
         .Opportunity("O3", "A", "2025-03-01", "lost", amount: 10m, updated: "2025-04-02 08:00:00")
         .Opportunity("O4", "A", "2025-03-01", "won", "2025-03-01", 10m);
        w.Build(AsOf);
        Assert.Equal(["error | crm/opportunities | O1 | closed 2025-02-01 00:00:00 before created 2025-03-01 00:00:00"],
            Findings(w, "closed_before_created"));
        Assert.Equal(
        [
            "warning | crm/opportunities | O2 | won without closed_at: closed at created_at 2025-03-01 10:00:00",
            "warning | crm/opportunities | O3 | lost without closed_at: closed at updated_at 2025-04-02 08:00:00",
        ], Findings(w, "closed_without_date"));
    }

    // D1 / D62: one finding per raw row whose creation column is at or after the end of the as_of day (a repeated
    // id is two rows); the last second of the as_of day is not in the future. The file and line are named.
    [Fact]
    public void FutureTimestamp_OnePerRawRow()
    {
        using var w = new TestWarehouse();
        w.Partner("P1").Account("A", "Alpha", "a.com")
         .Opportunity("O1", "A", "2025-07-01 00:00:00").Opportunity("O1", "A", "2025-07-03")
         .Opportunity("O2", "A", "2025-06-30 23:59:59");
        w.Exec("""
            INSERT INTO raw_portal__referrals (referral_id, partner_id, submitted_at, company_name, _source_file, _line)
            VALUES ('R9', 'P1', TIMESTAMP '2027-02-01 10:00:00', 'Alpha', 'portal/referrals.csv', 7)
            """);
        w.Build(AsOf);
        Assert.Equal(
        [
            "warning | crm/opportunities | O1 | created_at 2025-07-01 00:00:00 is after as_of 2025-06-30",
            "warning | crm/opportunities | O1 | created_at 2025-07-03 00:00:00 is after as_of 2025-06-30",
            "warning | portal/referrals | R9 | submitted_at 2027-02-01 10:00:00 is after as_of 2025-06-30 (portal/referrals.csv line 7)",
        ], Findings(w, "future_timestamp"));
    }

    // D63: the CRM tag disagrees with the primary sourcing partner; or nobody sources and the tagged partner has no
    // touch at all. A tag on the primary, or on a partner that only assisted an unsourced deal, is fine.
    [Fact]
    public void CrmPartnerMismatch()
    {
        using var w = new TestWarehouse();
        foreach (var p in new[] { "P1", "P2", "P3", "P4" }) w.Partner(p);
        w.Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com")
         .Opportunity("O1", "A", "2025-03-01", crmPartner: "P2")          // sourced by P1, tagged P2: mismatch
         .Opportunity("O2", "B", "2025-03-01", crmPartner: "P3")          // nobody sources, P3 has no touch: mismatch
         .Opportunity("O3", "B", "2025-03-01", crmPartner: "P4")          // nobody sources, P4 assisted: fine
         .Opportunity("O4", "A", "2025-03-01", crmPartner: "P1")          // tagged the primary: fine
         .Activity("X1", "P4", "2025-03-05", opportunity: "O3");
        w.Build(AsOf);
        Assert.Equal(
        [
            "warning | crm/opportunities | O1 | CRM tags P2; the primary sourcing partner is P1",
            "warning | crm/opportunities | O2 | CRM tags P3, which has no touch on the opportunity",
        ], Findings(w, "crm_partner_mismatch"));
    }

    // D4 / D62: per source, the newest timestamp of any column (values after as_of ignored) must be on or after
    // as_of − 3 days (2025-06-27). crm's newest is exactly that day; portal's is the day before (its future referral
    // is ignored); clicks has nothing.
    [Fact]
    public void StaleSource_OnePerSource()
    {
        using var w = new TestWarehouse();
        w.Partner("P1", joined: "2025-06-26").Account("A", "Alpha", "a.com", created: "2025-06-27")
         .Referral("R1", "P1", "2025-07-05", "Alpha", domain: "a.com");
        w.Build(AsOf);
        Assert.Equal(
        [
            "warning | clicks | clicks | no timestamp on or before as_of",
            "warning | portal | portal | newest timestamp 2025-06-26 00:00:00 is more than 3 days before as_of 2025-06-30",
        ], Findings(w, "stale_source"));
    }

    // D43: a tier name rewards.tiers does not know (names compared trimmed, any case) — on the partner and on a
    // tier-history row.
    [Fact]
    public void UnknownTier()
    {
        using var w = new TestWarehouse();
        w.Config.Rewards.Tiers.Add(new() { Name = "Registered" });
        w.Partner("P1");
        w.Exec("""
            INSERT INTO raw_portal__partners (partner_id, name, type, tier, status, joined_at)
            VALUES ('P2', 'Partner P2', 'agency', 'Platinum', 'active', TIMESTAMP '2024-01-01'),
                   ('P3', 'Partner P3', 'agency', ' registered ', 'active', TIMESTAMP '2024-01-01');
            INSERT INTO raw_portal__partner_tiers (partner_id, tier, effective_from)
            VALUES ('P1', 'Diamond', TIMESTAMP '2025-01-01'), ('P1', 'Registered', TIMESTAMP '2025-02-01');
            """);
        w.Build(AsOf);
        Assert.Equal(
        [
            "error | portal/partner_tiers | P1 | tier 'Diamond' effective 2025-01-01 00:00:00 is not in rewards.tiers; the lowest tier's terms apply",
            "error | portal/partners | P2 | tier 'Platinum' is not in rewards.tiers; the lowest tier's terms apply",
        ], Findings(w, "unknown_tier"));
    }

    // A key one read delivered twice with different values: the newest updated_at wins over the later line (the won
    // $90,000 deal, not the open $10,000 one below it), and the disagreement is a finding naming both lines. A link
    // listed for two partners is one too (no updated_at: the last line wins); an exact repeat is not.
    [Fact]
    public void ConflictingVersions_NewestUpdatedAtWins_AndEachDisagreementIsAFinding()
    {
        using var w = new TestWarehouse();
        w.Partner("P1").Partner("P2").Account("A", "Alpha", "a.com");
        w.Exec("""
            INSERT INTO raw_crm__opportunities (opportunity_id, account_id, amount, stage, status, created_at, closed_at, updated_at, _ingested_at, _source_file, _line)
            VALUES ('O1', 'A', 90000, 'Closed Won', 'won', '2025-03-01', '2025-05-02', '2025-05-02', '2025-06-01', 'crm/opportunities.csv', 2),
                   ('O1', 'A', 10000, 'Discovery', 'open', '2025-03-01', NULL, '2025-04-01', '2025-06-01', 'crm/opportunities.csv', 3);
            INSERT INTO raw_portal__links (referral_code, partner_id, _ingested_at, _source_file, _line)
            VALUES ('L1', 'P1', '2025-06-01', 'portal/links.csv', 2), ('L1', 'P2', '2025-06-01', 'portal/links.csv', 5),
                   ('L2', 'P1', '2025-06-01', 'portal/links.csv', 3), ('L2', 'P1', '2025-06-01', 'portal/links.csv', 4);
            """);
        w.Build(AsOf);

        Assert.Equal(["O1 | won | 90000.000000"], w.Lines("SELECT opportunity_id, status, amount FROM stg_crm__opportunities"));
        Assert.Equal(["L1 | P2", "L2 | P1"], w.Lines("SELECT referral_code, partner_id FROM stg_portal__links ORDER BY 1"));
        Assert.Equal(
        [
            "warning | crm/opportunities | O1 | 2 different rows in one read (crm/opportunities.csv line 2, crm/opportunities.csv line 3); " +
            "kept the newest updated_at, else the last line",
            "warning | portal/links | L1 | 2 different rows in one read (portal/links.csv line 2, portal/links.csv line 5); kept the last line",
        ], Findings(w, "conflicting_versions"));
    }

    // R2 repeats R1; R3 names an unknown partner; O1 is won without an amount or a close date; P1's tier is not in the
    // (empty) tier table; every source is stale on 2025-06-30.
    private static TestWarehouse ProgramWithSixKindsOfFinding()
    {
        var w = new TestWarehouse();
        w.Partner("P1").Account("A", "Alpha", "a.com")
         .Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com").Referral("R2", "P1", "2025-02-02", "Alpha", domain: "a.com")
         .Referral("R3", "PX", "2025-02-01", "Nowhere")
         .Opportunity("O1", "A", "2025-03-01", "won", amount: null);
        w.Build(AsOf);
        return w;
    }

    // D61: every check has its one severity.
    [Fact]
    public void Severities_FollowD61()
    {
        using var w = ProgramWithSixKindsOfFinding();
        Assert.Equal(
        [
            "closed_without_date | warning", "duplicate_referral | info", "stale_source | warning", "unknown_partner | error",
            "unknown_tier | error", "won_without_amount | error",
        ], w.Lines("""SELECT DISTINCT "check", severity FROM fct_data_quality ORDER BY 1"""));
    }

    // fct_data_quality_checks lists every check of seed_dq_checks, found or not: on the same program, six checks find
    // something (stale_source once per source: crm's newest stamp is 2025-03-01, portal's 2025-02-02, clicks has none)
    // and the other twelve of the eighteen passed.
    [Fact]
    public void ChecksMart_CountsEachChecksFindings_AndListsThoseThatPassed()
    {
        using var w = ProgramWithSixKindsOfFinding();
        Assert.Equal(
        [
            "closed_without_date | warning | 1", "duplicate_referral | info | 1", "stale_source | warning | 3", "unknown_partner | error | 1",
            "unknown_tier | error | 1", "won_without_amount | error | 1",
        ], w.Lines("""SELECT "check", severity, findings FROM fct_data_quality_checks WHERE findings > 0 ORDER BY 1"""));
        Assert.Equal("12", w.Scalar("SELECT count(*) FROM fct_data_quality_checks WHERE findings = 0"));
        Assert.Equal("A won or lost opportunity has no close date; it closes at its last update, else its creation.",
            w.Scalar("""SELECT meaning FROM fct_data_quality_checks WHERE "check" = 'closed_without_date'"""));
    }
}

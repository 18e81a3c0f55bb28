namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §5 attribution: classes, the primary_share reward model, the reporting models, disputes
/// (D23-D31).</summary>
public class AttributionTests
{
    private static List<string> Credits(TestWarehouse w, string model = "primary_share", string opportunity = "O1") =>
        w.Lines($"""
            SELECT partner_id, CAST(credit AS VARCHAR), role FROM fct_attribution
            WHERE model = '{model}' AND opportunity_id = '{opportunity}' ORDER BY partner_id
            """);

    private static TestWarehouse WithAccount()
    {
        var w = new TestWarehouse();
        foreach (var p in new[] { "P1", "P2", "P3", "P4" }) w.Partner(p);
        w.Account("A", "Alpha", "a.com").Opportunity("O1", "A", "2025-03-01 00:00:00");
        return w;
    }

    [Fact]
    public void PrimaryShare_OnePartner_GetsEverything()
    {
        using var w = WithAccount();
        w.Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com");
        w.Build("2025-06-30");
        Assert.Equal(["P1 | 1.000000000000000000 | primary"], Credits(w));
        Assert.Equal("direct", w.Scalar("SELECT attribution_class FROM fct_opportunities"));
    }

    [Fact]
    public void PrimaryShare_TwoPartners_EarliestReferralBeatsAnEarlierClick()
    {
        using var w = WithAccount();
        // P1 only has a click touch, earlier than P2's referral; a referral touch outranks any click touch
        w.Link("L1", "P1").Click("K1", "L1", "V1", "2025-01-10").Conversion("CV1", "V1", "x@a.com", "2025-01-15")
         .Referral("R2", "P2", "2025-02-01", "Alpha", domain: "a.com");
        w.Build("2025-06-30");
        Assert.Equal(["P1 | 0.400000000000000000 | co", "P2 | 0.600000000000000000 | primary"], Credits(w));
        Assert.Equal("co_referral", w.Scalar("SELECT attribution_class FROM fct_opportunities"));
    }

    [Fact]
    public void PrimaryShare_ClicksOnly_EarliestClickIsPrimary()
    {
        // no sourcing partner has a referral touch → the earliest click touch is primary
        using var w = WithAccount();
        w.Link("L1", "P1").Link("L2", "P2")
         .Click("K1", "L1", "V1", "2025-01-10").Conversion("CV1", "V1", "x@a.com", "2025-02-15")
         .Click("K2", "L2", "V2", "2025-01-10").Conversion("CV2", "V2", "y@a.com", "2025-02-10");
        w.Build("2025-06-30");
        Assert.Equal(["P1 | 0.400000000000000000 | co", "P2 | 0.600000000000000000 | primary"], Credits(w));
    }

    [Fact]
    public void PrimaryShare_ThreePartners_RestSplitEqually()
    {
        using var w = WithAccount();
        w.Referral("R1", "P1", "2025-02-10", "Alpha", domain: "a.com")
         .Referral("R2", "P2", "2025-02-20", "Alpha", domain: "a.com")
         .Referral("R3", "P3", "2025-02-01", "Alpha", domain: "a.com");   // earliest: primary
        w.Build("2025-06-30");
        Assert.Equal(
            ["P1 | 0.200000000000000000 | co", "P2 | 0.200000000000000000 | co", "P3 | 0.600000000000000000 | primary"],
            Credits(w));
    }

    [Fact]
    public void PrimaryShare_FourPartners_ThirdsRoundedAt18Decimals()
    {
        // 0.4 / 3 is not a finite decimal: half away from zero at the 18th decimal
        using var w = WithAccount();
        w.Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com")
         .Referral("R2", "P2", "2025-02-02", "Alpha", domain: "a.com")
         .Referral("R3", "P3", "2025-02-03", "Alpha", domain: "a.com")
         .Referral("R4", "P4", "2025-02-04", "Alpha", domain: "a.com");
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "P1 | 0.600000000000000000 | primary", "P2 | 0.133333333333333333 | co",
            "P3 | 0.133333333333333333 | co", "P4 | 0.133333333333333333 | co",
        ], Credits(w));
    }

    [Fact]
    public void PrimaryShare_TiedReferralTimes_LowestPartnerIdIsPrimary()
    {
        using var w = WithAccount();
        w.Referral("R1", "P2", "2025-02-01 09:00:00", "Alpha", domain: "a.com")
         .Referral("R2", "P1", "2025-02-01 09:00:00", "Alpha", domain: "a.com");
        w.Build("2025-06-30");
        Assert.Equal(["P1 | 0.600000000000000000 | primary", "P2 | 0.400000000000000000 | co"], Credits(w));
    }

    [Fact]
    public void PrimaryShare_ConfiguredShare_IsUsed()
    {
        using var w = WithAccount();
        w.Config = w.Config with { Attribution = w.Config.Attribution with { PrimaryShare = 0.75m } };
        w.Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com")
         .Referral("R2", "P2", "2025-02-02", "Alpha", domain: "a.com");
        w.Build("2025-06-30");
        Assert.Equal(["P1 | 0.750000000000000000 | primary", "P2 | 0.250000000000000000 | co"], Credits(w));
    }

    [Fact]
    public void ReportingModels_ThreePartners()
    {
        // first touches: P3 (Jan 20) < P1 (Feb 1) < P2 (Feb 10); P1 also converts through its link on Feb 25, so its
        // LAST sourcing touch is the latest of all (a second referral would be a duplicate, so a click is used)
        using var w = WithAccount();
        w.Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com")
         .Referral("R2", "P2", "2025-02-10", "Alpha", domain: "a.com")
         .Referral("R3", "P3", "2025-01-20", "Alpha", domain: "a.com")
         .Link("L1", "P1").Click("K1", "L1", "V1", "2025-02-20").Conversion("CV1", "V1", "x@a.com", "2025-02-25");
        w.Build("2025-06-30");
        Assert.Equal(["P1 | 0.000000000000000000 | co", "P2 | 0.000000000000000000 | co", "P3 | 1.000000000000000000 | primary"],
            Credits(w, "first_touch"));
        Assert.Equal(["P1 | 1.000000000000000000 | co", "P2 | 0.000000000000000000 | co", "P3 | 0.000000000000000000 | primary"],
            Credits(w, "last_touch"));
        Assert.Equal(["P1 | 0.333333333333333333 | co", "P2 | 0.333333333333333333 | co", "P3 | 0.333333333333333333 | primary"],
            Credits(w, "linear"));
        // by first touch: P3 first (0.4), P2 last (0.4), P1 in the middle (0.2)
        Assert.Equal(["P1 | 0.200000000000000000 | co", "P2 | 0.400000000000000000 | co", "P3 | 0.400000000000000000 | primary"],
            Credits(w, "position_based"));
        // time_decay, half-life 30 d, age = t0 − last sourcing touch: P1 4 d (Feb 25), P2 19 d, P3 40 d
        var expected = new[] { Math.Pow(2, -4 / 30.0), Math.Pow(2, -19 / 30.0), Math.Pow(2, -40 / 30.0) };
        var decay = w.Rows("SELECT CAST(credit AS DOUBLE) FROM fct_attribution WHERE model = 'time_decay' ORDER BY partner_id")
            .Select(r => double.Parse(r[0]!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i] / expected.Sum(), decay[i], 12);
    }

    [Fact]
    public void Assists_GetZeroCreditRowsInEveryModel_AndClassAssisted()
    {
        // D23: an assisting partner without a sourcing touch gets role assist, credit 0, in every model
        using var w = WithAccount();
        w.Activity("X1", "P4", "2025-03-05", opportunity: "O1");
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "first_touch | P4 | 0.000000000000000000 | assist", "last_touch | P4 | 0.000000000000000000 | assist",
            "linear | P4 | 0.000000000000000000 | assist", "position_based | P4 | 0.000000000000000000 | assist",
            "primary_share | P4 | 0.000000000000000000 | assist", "shapley | P4 | 0.000000000000000000 | assist",
            "time_decay | P4 | 0.000000000000000000 | assist",
        ], w.Lines("SELECT model, partner_id, CAST(credit AS VARCHAR), role FROM fct_attribution ORDER BY model"));
        Assert.Equal("assisted", w.Scalar("SELECT attribution_class FROM fct_opportunities"));
    }

    [Fact]
    public void NoTouches_Unattributed()
    {
        using var w = WithAccount();
        w.Build("2025-06-30");
        Assert.Equal("unattributed | false", w.Lines("SELECT attribution_class, disputed FROM fct_opportunities").Single());
        Assert.Empty(w.Rows("SELECT * FROM fct_attribution"));
    }

    [Fact]
    public void Disputes_ResolvedOverridesRewardModelOnly_OpenMarksDisputed()
    {
        using var w = WithAccount();
        w.Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com")
         .Referral("R2", "P2", "2025-02-02", "Alpha", domain: "a.com")
         // an older resolution, superseded by the later one (D29: latest resolved_at wins)
         .Dispute("D1", "O1", "P4", "2025-03-10", "resolved", resolutionPartner: "P4", share: 0.9m, resolved: "2025-03-20")
         // P3 (no touch) gets half; P1/P2's 0.6/0.4 are scaled to fill 0.5: 0.3/0.2 (D30)
         .Dispute("D2", "O1", "P3", "2025-03-10", "resolved", share: 0.5m, resolved: "2025-04-01")
         // a dispute resolved after as_of is still open at as_of (D2) → disputed (D31)
         .Dispute("D3", "O1", "P2", "2025-05-01", "resolved", resolutionPartner: "P2", share: 1m, resolved: "2025-07-15")
         // rejected changes nothing
         .Dispute("D4", "O1", "P4", "2025-05-01", "rejected", resolved: "2025-05-02");
        w.Build("2025-06-30");
        Assert.Equal(
            ["P1 | 0.300000000000000000 | co", "P2 | 0.200000000000000000 | co", "P3 | 0.500000000000000000 | primary"],
            Credits(w));
        // reporting models keep the touch SP (D29)
        Assert.Equal(["P1 | 0.500000000000000000 | co", "P2 | 0.500000000000000000 | co"], Credits(w, "linear"));
        Assert.Equal("co_referral | true", w.Lines("SELECT attribution_class, disputed FROM fct_opportunities").Single());
    }

    [Fact]
    public void Disputes_ResolutionOnUnattributedOpportunity_MakesItDirect()
    {
        // D30: no other partner → the resolution partner gets 1 whatever the share; empty resolution partner → claimant
        using var w = WithAccount();
        w.Dispute("D1", "O1", "P2", "2025-03-10", "resolved", share: 0.7m, resolved: "2025-03-20");
        w.Build("2025-06-30");
        Assert.Equal(["P2 | 1.000000000000000000 | primary"], Credits(w));
        Assert.Equal("direct | false", w.Lines("SELECT attribution_class, disputed FROM fct_opportunities").Single());
    }

    // explain prints the decision column: the primary's deciding touch with its evidence, and the co partners' split.
    [Fact]
    public void Decision_PrimaryShare_NamesTheDecidingTouchAndTheSplit()
    {
        using var w = WithAccount();
        w.Referral("R1", "P1", "2025-02-10 10:00:00", "Alpha", domain: "a.com")
         .Referral("R2", "P2", "2025-02-20", "Alpha", domain: "a.com")
         .Referral("R3", "P3", "2025-02-01 09:30:00", "Alpha", domain: "a.com");
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "P1 | 0.4 split among 2 others",
            "P2 | 0.4 split among 2 others",
            "P3 | earliest sourcing referral touch 2025-02-01 09:30:00 (referral R3): 0.6",
        ], w.Lines("SELECT partner_id, decision FROM fct_attribution WHERE model = 'primary_share' ORDER BY partner_id"));
        Assert.Equal(
        [
            "P1 | middle by first touch (2025-02-10 10:00:00): 0.2 split among 1",
            "P2 | last by first touch (2025-02-20 00:00:00): 0.4",
            "P3 | first by first touch (2025-02-01 09:30:00): 0.4",
        ], w.Lines("SELECT partner_id, decision FROM fct_attribution WHERE model = 'position_based' ORDER BY partner_id"));
    }

    // D25: equal touch times in first_touch and last_touch (last_touch too) go to the lowest partner_id, and the
    // decision says the tie was broken; the click-only primary names its evidence click.
    [Fact]
    public void Ties_FirstAndLastTouch_LowestPartnerIdWins()
    {
        using var w = WithAccount();
        w.Link("L2", "P2").Link("L1", "P1")
         .Click("K2", "L2", "V2", "2025-01-10").Conversion("CV2", "V2", "y@a.com", "2025-02-10 12:00:00")
         .Click("K1", "L1", "V1", "2025-01-11").Conversion("CV1", "V1", "x@a.com", "2025-02-10 12:00:00");
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "first_touch | P1 | 1.000000000000000000 | earliest first sourcing touch 2025-02-10 12:00:00 (tie broken by partner_id)",
            "first_touch | P2 | 0.000000000000000000 | not the earliest first sourcing touch: 2025-02-10 12:00:00 (tie broken by partner_id)",
            "last_touch | P1 | 1.000000000000000000 | latest last sourcing touch 2025-02-10 12:00:00 (tie broken by partner_id)",
            "last_touch | P2 | 0.000000000000000000 | not the latest last sourcing touch: 2025-02-10 12:00:00 (tie broken by partner_id)",
            "primary_share | P1 | 0.600000000000000000 | no sourcing referral touch; earliest sourcing click touch 2025-02-10 12:00:00 (click K1), tie broken by partner_id: 0.6",
            "primary_share | P2 | 0.400000000000000000 | 0.4 split among 1 other",
        ], w.Lines("""
            SELECT model, partner_id, CAST(credit AS VARCHAR), decision FROM fct_attribution
            WHERE model IN ('first_touch', 'last_touch', 'primary_share') ORDER BY model, partner_id
            """));
    }

    // §4 / D1 / D3 window bounds are published with the opportunity (explain prints them): sourcing t0 − 180 d to
    // t0 + 1 d; the assist window ends at closed_at, or at the end of the as_of day while open.
    [Fact]
    public void WindowBounds_PublishedOnTheOpportunity()
    {
        using var w = WithAccount();
        w.Opportunity("O2", "A", "2025-04-15 08:00:00", "won", "2025-05-20 17:00:00", 10m);
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "O1 | Alpha | 2024-09-02 00:00:00 | 2025-03-02 00:00:00 | 2025-07-01 00:00:00",
            "O2 | Alpha | 2024-10-17 08:00:00 | 2025-04-16 08:00:00 | 2025-05-20 17:00:00",
        ], w.Lines("""
            SELECT opportunity_id, account_name, sourcing_window_start, sourcing_window_end, assist_window_end
            FROM fct_opportunities ORDER BY 1
            """));
    }

    // A resolved dispute's decision names the dispute on every reward-model row it changed.
    [Fact]
    public void Decision_ResolvedDispute_NamesTheDispute()
    {
        using var w = WithAccount();
        w.Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com")
         .Referral("R2", "P2", "2025-02-02", "Alpha", domain: "a.com")
         .Dispute("D2", "O1", "P3", "2025-03-10", "resolved", share: 0.5m, resolved: "2025-04-01");
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "P1 | pre-dispute credit 0.6 scaled to fill 1 - 0.5 after dispute D2",
            "P2 | pre-dispute credit 0.4 scaled to fill 1 - 0.5 after dispute D2",
            "P3 | dispute D2 resolved 2025-04-01 00:00:00: resolution share 0.5",
        ], w.Lines("SELECT partner_id, decision FROM fct_attribution WHERE model = 'primary_share' ORDER BY partner_id"));
    }
}

using ReferralInsights.Config;

namespace ReferralInsights.Transform.Tests;

/// <summary>compliance.review_decisions: a program owner clears or upholds a review flag; a clearing releases the rewards
/// the flag withheld from the first run whose as-of is on or after the decision. On <see cref="ComplianceTests"/>'
/// program, restricted_industry:R3 (raised 2025-02-01, when R3 was submitted) withholds R3's upfront of 50.</summary>
public class ReviewDecisionTests
{
    private static ReviewDecision Review(string flagId, string decision, string at, string by = "owner@program.test",
        string why = "legal approved the public-sector deal") =>
        new() { FlagId = flagId, Decision = decision, At = at, By = by, Why = why };

    private const string FlagColumns =
        "SELECT flag_id, review_status, decided_by, decided_at, decision_note, days_waiting, withheld_rewards, withheld_amount, " +
        "released_rewards, released_amount FROM fct_compliance_flags WHERE flag_id = ";

    [Fact]
    public void ACleared_ReviewFlag_ReleasesTheRewardItWithheld()
    {
        using var w = ComplianceTests.Program("2025-12-31", Review("restricted_industry:R3", "cleared", "2025-06-01"));
        Assert.Equal("upfront:R3 | payable | NULL | [] | [restricted_industry:R3]", Assert.Single(w.Lines("SELECT reward_id, status, reason, flag_ids, cleared_flag_ids FROM fct_rewards WHERE reward_id = 'upfront:R3'")));
        // waited 2025-02-01 → 2025-06-01: 120 days
        Assert.Equal("restricted_industry:R3 | cleared | owner@program.test | 2025-06-01 00:00:00 | legal approved the public-sector deal | 120 | 0 | 0.00 | 1 | 50.00", Assert.Single(w.Lines(FlagColumns + "'restricted_industry:R3'")));
    }

    [Fact]
    public void ADecision_DatedAfterAsOf_DoesNotExistYetForTheRun()
    {
        using var w = ComplianceTests.Program("2025-05-31", Review("restricted_industry:R3", "cleared", "2025-06-01"));
        Assert.Equal("upfront:R3 | withheld | restricted_industry", Assert.Single(w.Lines("SELECT reward_id, status, reason FROM fct_rewards WHERE reward_id = 'upfront:R3'")));
        // still waiting at as-of: 2025-02-01 → 2025-05-31 = 119 days, holding the 50
        Assert.Equal("restricted_industry:R3 | waiting | NULL | NULL | NULL | 119 | 1 | 50.00 | 0 | 0.00", Assert.Single(w.Lines(FlagColumns + "'restricted_industry:R3'")));
    }

    [Fact]
    public void AnUpheldFlag_KeepsItsRewardWithheld_AndStopsWaiting()
    {
        using var w = ComplianceTests.Program("2025-12-31",
            Review("restricted_industry:R3", "cleared", "2025-06-01"),
            Review("restricted_industry:R3", "upheld", "2025-07-01T09:30:00Z", by: "compliance@program.test", why: "second look: not approved"));
        Assert.Equal("upfront:R3 | withheld | restricted_industry", Assert.Single(w.Lines("SELECT reward_id, status, reason FROM fct_rewards WHERE reward_id = 'upfront:R3'")));
        Assert.Equal("restricted_industry:R3 | upheld | compliance@program.test | 2025-07-01 09:30:00 | second look: not approved | 150 | 1 | 50.00 | 0 | 0.00", Assert.Single(w.Lines(FlagColumns + "'restricted_industry:R3'")));
    }

    [Fact]
    public void OnlyReviewFlagsAreDecided_ADecisionOnABlockOrUnknownFlag_IsReportedAndChangesNothing()
    {
        using var w = ComplianceTests.Program("2025-12-31",
            Review("self_referral:R1", "cleared", "2025-06-01"), Review("restricted_industry:R99", "cleared", "2025-06-01"));
        Assert.Equal("upfront:R1 | withheld | self_referral", Assert.Single(w.Lines("SELECT reward_id, status, reason FROM fct_rewards WHERE reward_id = 'upfront:R1'")));
        Assert.Equal("self_referral:R1 | NULL | NULL | NULL | NULL | NULL | 1 | 50.00 | 0 | 0.00", Assert.Single(w.Lines(FlagColumns + "'self_referral:R1'")));
        Assert.Equal(
        [
            "ignored_review_decision | warning | decisions/reviews | restricted_industry:R99 | cleared by owner@program.test on 2025-06-01 00:00:00 UTC names no review flag of this run; it changes nothing",
            "ignored_review_decision | warning | decisions/reviews | self_referral:R1 | cleared by owner@program.test on 2025-06-01 00:00:00 UTC names a block flag; only review flags are decided; it changes nothing",
        ], w.Lines("SELECT \"check\", severity, entity, entity_id, detail FROM fct_data_quality WHERE \"check\" = 'ignored_review_decision' ORDER BY entity_id"));
    }

    [Fact]
    public void WaitingReviewFlags_CountTheirDaysFromTheEvidence()
    {
        // late_claim:R7:O2 was raised when R7 came in (2025-03-05) and covers no reward (R7's upfront has no opportunity)
        using var w = ComplianceTests.Program();
        Assert.Equal(
        [
            "late_claim:R7:O2 | waiting | 301 | 0",
            "restricted_industry:O1:P4 | waiting | 324 | 0",
            "restricted_industry:O1:P5 | waiting | 324 | 0",
            "restricted_industry:R3 | waiting | 333 | 1",
            "restricted_industry:R4 | waiting | 332 | 0",
        ], w.Lines("SELECT flag_id, review_status, days_waiting, withheld_rewards FROM fct_compliance_flags WHERE severity = 'review' ORDER BY flag_id"));
    }
}

using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>Writes portal/payouts the way the program's finance team would have paid rewards (rules.md §7), in monthly
/// runs on the 15th, with the ids <c>upfront:&lt;referral_id&gt;</c>, <c>milestone:&lt;referral_id&gt;</c>,
/// <c>commission:&lt;opportunity_id&gt;:&lt;partner_id&gt;</c> and <c>clawback:…</c>. Most due rewards are paid; a few are
/// missed, and a few lines are deliberately wrong: a duplicate payment, an underpayment, an overpayment, or a payout for an
/// unknown reward id.</summary>
internal sealed class PayoutLedger(SampleFiles files, Ids ids, Rng rng)
{
    private const decimal PerDealCap = 25_000m;
    private const decimal PerPartnerYearCap = 150_000m;
    private const double MissedRate = 0.03;
    private const double ErrorRate = 0.004;   // each of duplicate, underpayment, overpayment, orphan
    private const double ClawbackRecoveredRate = 0.7;

    private readonly Dictionary<(string PartnerId, int Year), decimal> _paidPerYear = [];

    public void Upfront(Partner partner, string referralId, DateTime earnedAt) =>
        Pay(partner, $"upfront:{referralId}", TierTerms.For(partner.TierAt(earnedAt), earnedAt).UpfrontBonus, earnedAt);

    public void Milestone(Partner partner, string referralId, DateTime earnedAt) =>
        Pay(partner, $"milestone:{referralId}", TierTerms.For(partner.TierAt(earnedAt), earnedAt).QualifiedBonus, earnedAt);

    /// <summary>Pays the commission on a won deal; returns the amount paid, if any.</summary>
    public decimal? Commission(Partner partner, Deal deal, decimal credit)
    {
        var commission = Math.Min(deal.AmountUsd!.Value * credit * TierTerms.For(partner.TierAt(deal.ClosedAt!.Value), deal.ClosedAt!.Value).CommissionRate, PerDealCap);
        commission = Math.Round(commission, 2, MidpointRounding.AwayFromZero);
        return commission > 0 && Pay(partner, $"commission:{deal.Id}:{partner.Id}", commission, deal.ClosedAt.Value) ? commission : null;
    }

    /// <summary>Recovers a paid commission after a refund within the clawback window (a negative payout line).</summary>
    public void Clawback(Partner partner, Deal deal, decimal paidCommission)
    {
        if (deal.RefundedAt is not { } refundedAt || refundedAt - deal.ClosedAt > TimeSpan.FromDays(90)) return;
        var paidAt = PaymentRun(refundedAt);
        if (!ProgramCalendar.HasHappened(paidAt) || !rng.Chance(ClawbackRecoveredRate)) return;
        _paidPerYear[(partner.Id, refundedAt.Year)] = PaidIn(partner, refundedAt.Year) - paidCommission;
        Write(partner, $"clawback:{deal.Id}:{partner.Id}", -paidCommission, paidAt);
    }

    private bool Pay(Partner partner, string rewardId, decimal amount, DateTime earnedAt)
    {
        var paidAt = PaymentRun(earnedAt);
        if (!partner.MayBePaidFor(earnedAt) || !ProgramCalendar.HasHappened(paidAt) || rng.Chance(MissedRate)) return false;
        var room = PerPartnerYearCap - PaidIn(partner, earnedAt.Year);
        amount = Math.Min(amount, room);
        if (amount <= 0) return false;
        _paidPerYear[(partner.Id, earnedAt.Year)] = PaidIn(partner, earnedAt.Year) + amount;

        var error = rng.NextDouble() / ErrorRate;
        var paid = error switch
        {
            < 1 => amount * 1m,                                                         // paid twice, below
            < 2 => Math.Round(amount * (decimal)rng.Uniform(0.5, 0.9), 2),              // underpaid
            < 3 => Math.Round(amount * (decimal)rng.Uniform(1.1, 1.6), 2),              // overpaid
            _ => amount,
        };
        Write(partner, rewardId, paid, paidAt);
        if (error < 1) Write(partner, rewardId, amount, paidAt + rng.Days(1, 20));
        if (error is >= 3 and < 4) Write(partner, OrphanRewardId(), rng.Pick([50m, 100m, 250m]), paidAt);
        return true;
    }

    private string? OrphanRewardId() => rng.Int(0, 3) switch
    {
        0 => null,
        1 => $"bonus:spiff-{rng.Pick(["q3-2025", "q1-2026", "launch"])}",
        _ => $"upfront:R-9{rng.Int(0, 1_000_000):D6}",
    };

    private void Write(Partner partner, string? rewardId, decimal amount, DateTime paidAt)
    {
        var paidOn = ProgramCalendar.Earliest(paidAt);
        files.Payouts.Write(new PayoutRow(ids.Payout.Next(), partner.Id, rewardId, Format.Money(amount), rng.Chance(0.85) ? "USD" : null,
            Format.Timestamp(paidOn)));
    }

    private decimal PaidIn(Partner partner, int year) => _paidPerYear.GetValueOrDefault((partner.Id, year));

    /// <summary>Rewards earned in a month are paid on the 15th of the next month, at noon UTC.</summary>
    private static DateTime PaymentRun(DateTime earnedAt) =>
        new DateTime(earnedAt.Year, earnedAt.Month, 15, 12, 0, 0, DateTimeKind.Utc).AddMonths(1);
}

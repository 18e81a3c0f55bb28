namespace ReferralInsights.SampleProgram.World;

/// <summary>The reward tiers of ../shared/spec/pipeline.example.yaml, lowest first.</summary>
internal enum Tier { Registered, Silver, Gold }

/// <summary>What a tier pays (the repository's pipeline.yaml rewards.tiers and rewards.earlier_terms); the generator uses it
/// to write a plausible payout ledger.</summary>
internal sealed record TierTerms(decimal UpfrontBonus, decimal QualifiedBonus, decimal CommissionRate)
{
    /// <summary>The day the sample program raised Gold's commission from 10 % to 12 % (pipeline.yaml rewards.effective_from).</summary>
    public static readonly DateTime GoldRaise = new(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TierTerms For(Tier tier, DateTime earnedAt) => tier switch
    {
        Tier.Registered => new(50m, 250m, 0.05m),
        Tier.Silver => new(100m, 500m, 0.08m),
        _ => new(150m, 750m, earnedAt >= GoldRaise ? 0.12m : 0.10m),
    };
}

namespace ReferralInsights.SampleProgram.World;

/// <summary>The reward tiers of ../shared/spec/pipeline.example.yaml, lowest first.</summary>
internal enum Tier { Registered, Silver, Gold }

/// <summary>What a tier pays (pipeline.example.yaml rewards.tiers); the generator uses it to write a plausible payout ledger.</summary>
internal sealed record TierTerms(decimal UpfrontBonus, decimal QualifiedBonus, decimal CommissionRate)
{
    public static TierTerms For(Tier tier) => tier switch
    {
        Tier.Registered => new(50m, 250m, 0.05m),
        Tier.Silver => new(100m, 500m, 0.08m),
        _ => new(150m, 750m, 0.10m),
    };
}

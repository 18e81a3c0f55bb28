namespace ReferralInsights.SampleProgram;

/// <summary>The volumes of a sample scale, and how many stories of each kind produce them.</summary>
internal sealed record ScaleProfile(int Partners, int Referrals, long Clicks)
{
    public static ScaleProfile For(SampleScale scale) => scale switch
    {
        SampleScale.Small => new(150, 5_000, 200_000),
        SampleScale.Medium => new(1_000, 100_000, 2_000_000),
        SampleScale.Large => new(5_000, 1_000_000, 20_000_000),
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "unknown sample scale"),
    };

    /// <summary>Each referral story submits about 1.08 referrals (duplicates, co-referrals, late claims).</summary>
    public int ReferralStories => (int)(Referrals / 1.08);

    public int ClickJourneyStories => (int)(Referrals * 0.06);

    public int DirectSalesStories => (int)(Referrals * 0.85);

    /// <summary>Journeys add about 1.5 % of the clicks on top of the background traffic.</summary>
    public long BackgroundClicks => (long)(Clicks * 0.985);

    /// <summary>"A couple" of referrals under a partner id nobody has.</summary>
    public int UnknownPartnerReferrals => Math.Max(2, Referrals / 100_000);
}

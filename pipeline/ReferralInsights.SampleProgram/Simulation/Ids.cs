using ReferralInsights.SampleProgram.Randomness;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>A running id: prefix and zero-padded number, "OPP-0000042".</summary>
internal sealed class IdSequence(string prefix, int width)
{
    private long _last;

    public string Next() => prefix + (++_last).ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The id sequences of every entity. Visitor ids and ip hashes are counters through a bijective mixer, so they
/// look random and never repeat.</summary>
internal sealed class Ids(int seed)
{
    private readonly ulong _visitorSalt = Scramble.Mix64((ulong)(uint)seed);
    private readonly ulong _addressSalt = Scramble.Mix64(~(ulong)(uint)seed);
    private ulong _visitors;
    private ulong _addresses;

    public IdSequence Referral { get; } = new("R-", 7);
    public IdSequence Account { get; } = new("ACC-", 7);
    public IdSequence Contact { get; } = new("CON-", 7);
    public IdSequence Opportunity { get; } = new("OPP-", 7);
    public IdSequence Activity { get; } = new("ACT-", 8);
    public IdSequence Dispute { get; } = new("DSP-", 5);
    public IdSequence Payout { get; } = new("PAY-", 7);
    public IdSequence Click { get; } = new("CLK-", 9);
    public IdSequence Conversion { get; } = new("CNV-", 8);

    public string NextVisitor() => "v-" + Scramble.Mix64(++_visitors ^ _visitorSalt).ToString("x16");

    public string NextIpHash() => Scramble.Mix64(++_addresses ^ _addressSalt).ToString("x16");
}

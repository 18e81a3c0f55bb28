namespace ReferralInsights.SampleProgram.Randomness;

/// <summary>Bijective integer scramblers: they turn counters into ids and names that look random yet can never collide.</summary>
internal static class Scramble
{
    /// <summary>The SplitMix64 finalizer, a bijection on 64-bit integers.</summary>
    public static ulong Mix64(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

/// <summary>A keyed bijection on the integers [0, 2^bits): distinct inputs give distinct outputs.</summary>
internal sealed class BitPermutation(int bits, ulong key)
{
    private readonly ulong _mask = (1UL << bits) - 1;
    private readonly int _shift = bits / 2 + 1;

    public ulong Apply(ulong x)
    {
        for (var round = 0; round < 3; round++)
        {
            x = (x * 0x9E3779B97F4A7C15UL) & _mask;   // odd multiplier: a bijection modulo 2^bits
            x ^= x >> _shift;                           // xor-shift: a bijection
            x = (x + key + (ulong)round) & _mask;       // offset: a bijection
        }
        return x;
    }
}

using ReferralInsights.SampleProgram.Randomness;

namespace ReferralInsights.SampleProgram.World;

/// <summary>Six-character referral codes (Crockford base 32) from a keyed permutation, so every code is distinct and the
/// deliberately unknown codes can never be a real link's.</summary>
internal sealed class ReferralCodes(ulong key)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const ulong UnknownBase = 1UL << 29;
    private readonly BitPermutation _permutation = new(30, key);

    public string ForLink(int linkNumber) => Spell(_permutation.Apply((ulong)linkNumber));

    public string Unknown(int number) => Spell(_permutation.Apply(UnknownBase + (ulong)number));

    private static string Spell(ulong value)
    {
        Span<char> code = stackalloc char[6];
        for (var i = 5; i >= 0; i--, value >>= 5) code[i] = Alphabet[(int)(value & 31)];
        return new string(code);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace ReferralInsights.Reports;

/// <summary>The file name a partner's scorecard and exports use. Partner ids come from the portal and can hold anything
/// (<c>../index</c>, <c>A/B</c>), so an id is kept as it is only when it is made of ASCII letters, digits, <c>-</c> and
/// <c>.</c> (not first); every other byte of its UTF-8 becomes <c>_xx</c> (<c>_</c> itself too). Distinct ids therefore
/// get distinct names, and no name can hold a path separator or step out of <c>partners/</c>. A name that would pass
/// 150 characters keeps its first 100 and ends in <c>~</c> and 16 hex digits of its SHA-256.</summary>
internal static class PartnerFileName
{
    private const int MaxLength = 150;

    public static string Of(string partnerId)
    {
        var name = new StringBuilder(partnerId.Length);
        foreach (var b in Encoding.UTF8.GetBytes(partnerId))
        {
            var plain = b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-'
                        || (b == (byte)'.' && name.Length > 0);
            if (plain) name.Append((char)b);
            else name.Append('_').Append(b.ToString("x2"));
        }
        if (name.Length <= MaxLength) return name.ToString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partnerId)))[..16];
        return name.ToString(0, 100) + "~" + hash;
    }
}

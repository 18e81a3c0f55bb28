using System.Security.Cryptography;
using System.Text;

namespace ReferralInsights.Reports;

/// <summary>Stands in for a contact on the pages that leave the program team: <c>contact 3f9a1c2b7d</c>, the first 10 hex
/// digits of an HMAC-SHA-256 of the contact's trimmed, lower-cased email (else name) under a key from the environment
/// (<see cref="KeyVariable"/>). The same contact gets the same pseudonym on every page and run, so a partner can tell
/// two referrals of one contact apart from two contacts, but no one without the key can test a guessed email against
/// it. Without a key no pseudonym can be made, and the contact is shown as "–".</summary>
public sealed class ContactPseudonyms(string? key)
{
    public const string KeyVariable = "RI_PSEUDONYM_KEY";
    private readonly byte[]? _key = string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key);

    public static ContactPseudonyms FromEnvironment() => new(Environment.GetEnvironmentVariable(KeyVariable));

    public bool HasKey => _key is not null;

    public string Of(string? email, string? name)
    {
        var basis = (string.IsNullOrWhiteSpace(email) ? name : email)?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(basis) || _key is null) return "–";
        return "contact " + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(basis)))[..10];
    }
}

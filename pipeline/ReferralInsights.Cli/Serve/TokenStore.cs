using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralInsights.Cli.Serve;

/// <summary>Who a token lets in: the admin (every page) or one partner (that partner's scorecard and its files).</summary>
internal sealed record TokenScope(string Kind, string? PartnerId)
{
    public const string AdminKind = "admin";
    public const string PartnerKind = "partner";

    public static TokenScope Admin { get; } = new(AdminKind, null);
    public static TokenScope Partner(string partnerId) => new(PartnerKind, partnerId);
    public bool IsAdmin => Kind == AdminKind;
    public override string ToString() => IsAdmin ? AdminKind : $"{PartnerKind} {PartnerId}";
}

/// <summary>One issued token as stored: only the SHA-256 of the token, never the token itself.</summary>
internal sealed record StoredToken(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("partner_id")] string? PartnerId,
    [property: JsonPropertyName("issued_at")] DateTime IssuedAt)
{
    public TokenScope ToScope() => Scope == TokenScope.AdminKind ? TokenScope.Admin : TokenScope.Partner(PartnerId!);
}

/// <summary>The access tokens of <c>serve</c>, kept in <c>&lt;output.dir&gt;/tokens.json</c> (outside the published zones, so
/// runs never replace it). A token is 32 random bytes from the cryptographic RNG, shown once when issued; the file holds
/// its SHA-256, a short id (for <c>tokens list</c>/<c>revoke</c>) and its scope. The server re-reads the file when it
/// changes, so issuing or revoking takes effect without a restart.</summary>
internal sealed class TokenStore(string path)
{
    private const string Prefix = "rit_";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly Lock _gate = new();
    private (DateTime WrittenAt, long Length, IReadOnlyList<StoredToken> Tokens) _cache = (DateTime.MinValue, -1, []);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public IReadOnlyList<StoredToken> List()
    {
        if (!File.Exists(Path)) return [];
        var info = new FileInfo(Path);
        lock (_gate)
        {
            if (_cache.WrittenAt != info.LastWriteTimeUtc || _cache.Length != info.Length)
                _cache = (info.LastWriteTimeUtc, info.Length, Read());
            return _cache.Tokens;
        }
    }

    /// <summary>Creates a token for <paramref name="scope"/>, stores its hash and returns the token (the only time it is seen).</summary>
    public (string Token, StoredToken Stored) Issue(TokenScope scope, DateTime issuedAt)
    {
        var token = Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var hash = Hash(token);
        var stored = new StoredToken(hash[..12], hash, scope.Kind, scope.PartnerId, issuedAt);
        Write([.. Read(), stored]);
        return (token, stored);
    }

    /// <summary>Removes the token with this id; false when there is none.</summary>
    public bool Revoke(string id)
    {
        var tokens = Read();
        var kept = tokens.Where(t => t.Id != id).ToList();
        if (kept.Count == tokens.Count) return false;
        Write(kept);
        return true;
    }

    /// <summary>The scope of a presented token, or null when it is not one of ours.</summary>
    public TokenScope? Find(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var hash = Encoding.ASCII.GetBytes(Hash(token));
        foreach (var stored in List())
            if (CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(stored.Sha256))) return stored.ToScope();
        return null;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private List<StoredToken> Read()
    {
        if (!File.Exists(Path)) return [];
        try
        {
            return JsonSerializer.Deserialize<TokenFile>(File.ReadAllText(Path), Json)?.Tokens ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"token file {Path} is not valid: {e.Message}", e);
        }
    }

    // Written to a temp file and renamed over the old one, readable by the owner only.
    private void Write(List<StoredToken> tokens)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temp = Path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new TokenFile(tokens), Json), new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, Path, overwrite: true);
    }

    private sealed record TokenFile([property: JsonPropertyName("tokens")] List<StoredToken> Tokens);
}

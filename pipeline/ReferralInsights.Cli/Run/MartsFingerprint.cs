using System.Security.Cryptography;
using System.Text;

namespace ReferralInsights.Cli.Run;

/// <summary>What identifies a set of published numbers: the first 12 hex digits of a SHA-256 over each mart's name and
/// the SHA-256 of its Parquet file, in name order. Marts are byte-identical for the same inputs and as-of, so equal
/// numbers give an equal fingerprint; pages show it where a run id would make them differ from run to run.</summary>
internal static class MartsFingerprint
{
    /// <summary>The fingerprint of the published marts: as the run that published them recorded it, else (a manifest from
    /// before fingerprints) hashed; null when no marts are published.</summary>
    public static string? OfPublished(OutputLayout layout) =>
        RunManifest.LastToPublish(layout, OutputLayout.MartsZone)?.MartsFingerprint
        ?? (Directory.Exists(layout.Marts) ? Of(layout.Marts) : null);

    public static string Of(string martsDir)
    {
        var all = new StringBuilder();
        foreach (var file in Directory.GetFiles(martsDir, "*.parquet").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            all.Append(Path.GetFileName(file)).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())))[..12];
    }
}

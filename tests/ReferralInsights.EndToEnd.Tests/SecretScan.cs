using System.Text;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Looks for a secret in everything a run leaves: every file under the output folder (Parquet files through
/// DuckDB, since their pages are compressed; every other file as bytes, the SQLite run history included) and the
/// run's console output.</summary>
public static class SecretScan
{
    public static void AssertNowhere(string outDir, string secret, params string[] consoleText)
    {
        foreach (var text in consoleText) Assert.DoesNotContain(secret, text);
        var bytes = Encoding.UTF8.GetBytes(secret);
        using var db = new Db();
        // the real files: zone versions under .zones/, the rest in place (links to folders and dangling links are skipped)
        var files = Directory.GetFiles(outDir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => new FileInfo(f).LinkTarget is null).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var found = file.EndsWith(".parquet", StringComparison.Ordinal)
                ? db.Scalar<long>($"SELECT count(*) FROM read_parquet('{file.Replace("'", "''")}') AS t WHERE contains(CAST(t AS VARCHAR), '{secret.Replace("'", "''")}')") > 0
                : File.ReadAllBytes(file).AsSpan().IndexOf(bytes) >= 0;
            Assert.False(found, $"{Path.GetRelativePath(outDir, file)} holds the secret");
        }
    }
}

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Compares two runs' published marts file by file.</summary>
public static class PublishedMarts
{
    /// <summary>Every mart of <paramref name="expectedOut"/> is byte for byte the same file in <paramref name="actualOut"/>
    /// (both a run's output folder), but those named in <paramref name="except"/>.</summary>
    public static void AssertIdentical(string expectedOut, string actualOut, string actualIs, params string[] except)
    {
        var marts = Directory.GetFiles(Path.Combine(expectedOut, "marts"), "*.parquet").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(marts);
        foreach (var mart in marts.Where(m => !except.Contains(Path.GetFileNameWithoutExtension(m))))
            Assert.True(File.ReadAllBytes(mart).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualOut, "marts", Path.GetFileName(mart)))),
                $"{Path.GetFileName(mart)}: {actualIs} differs");
    }
}

using System.Text.RegularExpressions;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>Pages read and format marts; every published aggregate is a mart with its data tests (and so in
/// <c>query</c>). No SQL in reports/ groups, ranks or takes quantiles.</summary>
public sealed partial class PagesOnlyFormatTests
{
    [GeneratedRegex(@"GROUP\s+BY|\bOVER\s*\(|\bquantile|\bmedian\s*\(|percent_rank", RegexOptions.IgnoreCase)]
    private static partial Regex Aggregation();

    [Fact]
    public void NoReportSourceAggregates()
    {
        var folder = Path.Combine(RepoPaths.Root, "reports");
        var sources = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);
        var offending = sources.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => Aggregation().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offending.Count == 0, "aggregating SQL in reports/ (move it into a mart):\n" + string.Join("\n", offending));
    }
}

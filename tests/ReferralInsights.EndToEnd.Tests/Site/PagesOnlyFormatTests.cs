using System.Text.RegularExpressions;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>Pages read and format marts; every published aggregate is a mart with its data tests (and so in
/// <c>query</c>). No SQL in reports/ groups, ranks or takes quantiles, and every page is built from the one set of
/// blocks in <c>Html</c> (sections, headings, notes, KPIs, grids), so the pages share one style.</summary>
public sealed partial class PagesOnlyFormatTests
{
    [GeneratedRegex(@"GROUP\s+BY|\bOVER\s*\(|\bquantile|\bmedian\s*\(|percent_rank", RegexOptions.IgnoreCase)]
    private static partial Regex Aggregation();

    // the page blocks Html writes: a section, a heading, a paragraph, a note, the KPI row or a grid
    [GeneratedRegex(@"<(section|h[1-6]|p|pre)[\s>]|class=\\?""(note|kpis|grid)")]
    private static partial Regex PageBlock();

    [Fact]
    public void NoReportSourceAggregates()
    {
        var offending = Lines(Sources(".cs", ".sql"), Aggregation());
        Assert.True(offending.Count == 0, "aggregating SQL in reports/ (move it into a mart):\n" + string.Join("\n", offending));
    }

    [Fact]
    public void EveryPageIsBuiltFromTheSharedBlocks()
    {
        var pages = Sources(".cs").Where(f => Path.GetFileName(f) != "Html.cs").ToList();
        var offending = Lines(pages, PageBlock());
        Assert.True(offending.Count == 0, "a page writes its own markup (use Html.Section, Subheading, Paragraph, Note, Kpis, Grid):\n" +
                                          string.Join("\n", offending));
    }

    [Fact]
    public void PageBlockPattern_RecognisesHandWrittenMarkup()
    {
        Assert.Matches(PageBlock(), "body.Append(\"<section id=\\\"x\\\"><h2>X</h2>\");");
        Assert.Matches(PageBlock(), "\"<p class=\\\"note\\\">No partner.</p>\"");
        Assert.Matches(PageBlock(), "\"<div class=\\\"grid\\\">\"");
        Assert.DoesNotMatch(PageBlock(), "Html.Section(\"terms\", \"Terms that differ\", content)");
        Assert.DoesNotMatch(PageBlock(), "$\"<div class=\\\"period\\\" data-period=\\\"{label}\\\">\"");
    }

    private static List<string> Sources(params string[] extensions)
    {
        var folder = Path.Combine(RepoPaths.Root, "reports");
        var sources = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);
        return sources;
    }

    private static List<string> Lines(IEnumerable<string> files, Regex pattern) =>
        files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => pattern.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
}

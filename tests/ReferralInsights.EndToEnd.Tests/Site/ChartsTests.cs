using System.Globalization;
using System.Text.RegularExpressions;
using ReferralInsights.Reports;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>Each chart kind of <see cref="Charts"/>: an inline SVG element (no XML declaration inside the HTML) that
/// scales to the page (viewBox), the same bytes for the same
/// data whatever was drawn before (pages are byte-identical run to run), clip ids defined in the chart and its own (two
/// charts on one page never share one), and its marks and labels.</summary>
public sealed partial class ChartsTests
{
    public static TheoryData<string> Kinds => new(KindNames);

    private static readonly string[] KindNames = ["bars", "paired bars", "horizontal bars", "reliability"];

    private static string Draw(string kind, double scale = 1) => kind switch
    {
        "bars" => Charts.Bars(["2026-Q1", "2026-Q2", "2026-Q3"], [3 * scale, 5 * scale, 2 * scale], "referrals", Whole),
        "paired bars" => Charts.PairedBars(["2025", "2026"], ("current table", [10 * scale, 20 * scale]), ("candidate", [12 * scale, 18 * scale]),
            "rewards paid", Whole),
        "horizontal bars" => Charts.HorizontalBars(["partner_type", "region", "days_open"], [0.12 * scale, 0.05 * scale, 0.01 * scale], "AUC drop",
            v => v.ToString("0.00", CultureInfo.InvariantCulture)),
        "reliability" => Charts.Reliability([0.1, 0.4, 0.8], [0.1 * scale, 0.35, 0.7]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Whole(double v) => v.ToString("0", CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SameData_GivesTheSameSvg_WhateverWasDrawnBefore(string kind)
    {
        var first = Draw(kind);
        foreach (var other in KindNames) Draw(other, scale: 2);
        Assert.Equal(first, Draw(kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ClipIds_AreDefinedOnceInTheChart_AndNoOtherChartHasThem(string kind)
    {
        var svg = Draw(kind);
        var defined = ClipDefinition().Matches(svg).Select(m => m.Groups[1].Value).ToList();
        var used = ClipUse().Matches(svg).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.NotEmpty(used);
        Assert.Subset(defined.ToHashSet(), used);
        Assert.Equal(defined.Count, defined.Distinct().Count());
        var other = ClipDefinition().Matches(Draw(kind, scale: 2)).Select(m => m.Groups[1].Value);
        Assert.Empty(defined.Intersect(other));
    }

    [Theory]
    [InlineData("bars", 900, 320)]
    [InlineData("paired bars", 900, 320)]
    [InlineData("horizontal bars", 900, 360)]
    [InlineData("reliability", 520, 420)]
    public void Svg_IsAnInlineElementThatScalesFromItsViewBox(string kind, int width, int height) =>
        Assert.StartsWith($"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 {width} {height}\" " +
                          $"width=\"{width}\" height=\"{height}\">", Draw(kind));

    // the series colour: #457B9D (blue) for the bars and the first of a pair, #E67E22 (orange) for the second
    [Theory]
    [InlineData("bars", 3, 0)]
    [InlineData("horizontal bars", 3, 0)]
    [InlineData("paired bars", 3, 3)]   // two bars per series and its legend swatch
    public void Bars_DrawOneBarPerValue(string kind, int blue, int orange)
    {
        // the bars are drawn inside the plot area's clip groups (one per series, then the legend's)
        var plotArea = string.Concat(ClippedGroup().Matches(Draw(kind)).Select(m => m.Value));
        Assert.Equal(blue, Regex.Count(plotArea, "<rect fill=\"#457B9D\""));
        Assert.Equal(orange, Regex.Count(plotArea, "<rect fill=\"#E67E22\""));
    }

    [Theory]
    [InlineData("bars", "2026-Q2|referrals")]
    [InlineData("paired bars", "2025|current table|candidate|rewards paid")]
    [InlineData("horizontal bars", "partner_type|days_open|AUC drop")]
    [InlineData("reliability", "mean predicted probability|observed qualified rate")]
    public void Labels_AreTextOfTheChart(string kind, string labels)
    {
        var texts = Text().Matches(Draw(kind)).Select(m => m.Groups[1].Value.Trim()).ToHashSet();
        Assert.Subset(texts, labels.Split('|').ToHashSet());
    }

    [GeneratedRegex("<clipPath id=\"([^\"]+)\"")]
    private static partial Regex ClipDefinition();

    [GeneratedRegex(@"clip-path=""url\(#([^)]+)\)""")]
    private static partial Regex ClipUse();

    [GeneratedRegex(@"<g clip-path=.*?</g>", RegexOptions.Singleline)]
    private static partial Regex ClippedGroup();

    [GeneratedRegex(@"<text[^>]*>([^<]*)</text>")]
    private static partial Regex Text();
}

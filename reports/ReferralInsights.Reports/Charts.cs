using ScottPlot;

namespace ReferralInsights.Reports;

/// <summary>Charts as inline SVG (ScottPlot's output is byte-identical for the same data).</summary>
internal static partial class Charts
{
    static Charts() => Fonts.Default = "DejaVu Sans"; // the machine's default serif lacks some glyphs (stack.md)

    public static string Bars(IReadOnlyList<string> labels, IReadOnlyList<double> values, string yLabel, Func<double, string> tickLabel,
        int width = 900, int height = 320, bool integerTicks = false)
    {
        using var plot = new Plot();
        var bars = plot.Add.Bars(values.ToArray());
        bars.Color = new Color(0x45, 0x7b, 0x9d);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = tickLabel, IntegerTicksOnly = integerTicks };
        plot.Axes.Margins(bottom: 0);
        plot.YLabel(yLabel);
        return Svg(plot, width, height);
    }

    /// <summary>Two bars per label (e.g. current and candidate), side by side, with a legend.</summary>
    public static string PairedBars(IReadOnlyList<string> labels, (string Name, IReadOnlyList<double> Values) first,
        (string Name, IReadOnlyList<double> Values) second, string yLabel, Func<double, string> tickLabel, int width = 900, int height = 320)
    {
        using var plot = new Plot();
        foreach (var (series, offset, color) in new[] { (first, -0.2, new Color(0x45, 0x7b, 0x9d)), (second, 0.2, new Color(0xe6, 0x7e, 0x22)) })
        {
            plot.Add.Bars(series.Values.Select((v, i) => new Bar { Position = i + offset, Value = v, Size = 0.4, FillColor = color }).ToList());
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series.Name, FillColor = color });
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = tickLabel };
        plot.Axes.Margins(bottom: 0);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return Svg(plot, width, height);
    }

    /// <summary>Horizontal bars, first label on top (a ranking such as feature importance).</summary>
    public static string HorizontalBars(IReadOnlyList<string> labels, IReadOnlyList<double> values, string xLabel, Func<double, string> tickLabel,
        int width = 900, int height = 360)
    {
        using var plot = new Plot();
        var positions = Enumerable.Range(0, labels.Count).Select(i => (double)(labels.Count - 1 - i)).ToArray();
        var bars = plot.Add.Bars(positions, values.ToArray());
        bars.Horizontal = true;
        bars.Color = new Color(0x45, 0x7b, 0x9d);
        plot.Axes.Left.SetTicks(positions, labels.ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = tickLabel };
        plot.Axes.Margins(left: 0);
        plot.XLabel(xLabel);
        return Svg(plot, width, height);
    }

    /// <summary>A reliability diagram: observed rate against mean predicted probability per bin, with the diagonal a
    /// perfectly calibrated model would follow.</summary>
    public static string Reliability(IReadOnlyList<double> meanPredicted, IReadOnlyList<double> observed, int width = 520, int height = 420)
    {
        using var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.Color = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        var points = plot.Add.Scatter(meanPredicted.ToArray(), observed.ToArray());
        points.Color = new Color(0x45, 0x7b, 0x9d);
        points.MarkerSize = 8;
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.XLabel("mean predicted probability");
        plot.YLabel("observed qualified rate");
        return Svg(plot, width, height);
    }

    /// <summary>Every chart's SVG element: with a <c>viewBox</c>, so a narrower screen or a printed page scales it instead of
    /// cropping it (the page's CSS caps its width at 100 %), and with stable clip ids.</summary>
    private static string Svg(Plot plot, int width, int height)
    {
        // inline in HTML: the element alone, without ScottPlot's XML declaration
        var svg = plot.GetSvgXml(width, height);
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        var root = $"width=\"{width}\" height=\"{height}\"";
        var at = svg.IndexOf(root, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"ScottPlot's SVG has no root {root}");
        return StableIds(svg[..at] + $"viewBox=\"0 0 {width} {height}\" " + svg[at..]);
    }

    /// <summary>ScottPlot numbers clip paths with a process-wide counter (<c>cl_1a3</c>), so the same chart gets other ids
    /// after other charts were drawn. Ids derived from the chart's content keep pages byte-identical and unique per chart.</summary>
    private static string StableIds(string svg)
    {
        var ids = ClipId().Matches(svg).Select(m => m.Value).Distinct().ToList();
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(ClipId().Replace(svg, "cl"))))[..10].ToLowerInvariant();
        return ClipId().Replace(svg, m => $"cl_{hash}_{ids.IndexOf(m.Value)}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial System.Text.RegularExpressions.Regex ClipId();
}

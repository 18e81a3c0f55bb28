using ScottPlot;

namespace ReferralInsights.Reports;

/// <summary>Charts as inline SVG (ScottPlot's output is byte-identical for the same data).</summary>
public static class Charts
{
    static Charts() => Fonts.Default = "DejaVu Sans"; // the machine's default serif lacks some glyphs (stack.md)

    public static string Bars(IReadOnlyList<string> labels, IReadOnlyList<double> values, string yLabel, Func<double, string> tickLabel,
        int width = 900, int height = 320, bool integerTicks = false)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(values.ToArray());
        bars.Color = new Color(0x45, 0x7b, 0x9d);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = tickLabel, IntegerTicksOnly = integerTicks };
        plot.Axes.Margins(bottom: 0);
        plot.YLabel(yLabel);
        return plot.GetSvgXml(width, height);
    }
}

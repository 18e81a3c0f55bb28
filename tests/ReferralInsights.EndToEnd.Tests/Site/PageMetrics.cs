using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>Reads the headline numbers of a page (elements with <c>data-metric</c>) back into numbers.</summary>
public sealed partial class PageMetrics(string html)
{
    public static PageMetrics Of(string file) => new(File.ReadAllText(file));

    public string Text(string metric)
    {
        var match = Regex.Match(html, $"data-metric=\"{Regex.Escape(metric)}\"><div class=\"v\">(.*?)</div>");
        Assert.True(match.Success, $"no data-metric=\"{metric}\" on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The number in a formatted value: $1,234.50 → 1234.50, −$3 → −3, 62.7 % → 62.7, 9.21× → 9.21, 119 d → 119.</summary>
    public decimal Number(string metric)
    {
        var text = Text(metric);
        var digits = NumberPart().Match(text.Replace(",", "")).Value;
        var value = decimal.Parse(digits, CultureInfo.InvariantCulture);
        return text.StartsWith('−') ? -value : value;
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex NumberPart();
}

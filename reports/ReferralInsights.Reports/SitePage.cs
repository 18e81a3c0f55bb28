using System.Text;

namespace ReferralInsights.Reports;

/// <summary>One page of the site and its CSV exports: every table written through <see cref="Table"/> is also written as
/// CSV to <c>&lt;page&gt;/&lt;table id&gt;.csv</c> beside the page (<c>partners/P-1.html</c> → <c>partners/P-1/rewards.csv</c>, so
/// a partner's exports live under <c>partners/&lt;partner_id&gt;</c>) and linked under the table. The CSV holds every row
/// as the page shows it; the page may show only the first <c>show</c> rows.</summary>
public sealed class SitePage(string siteDir, string path)
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly string _stem = path[..^".html".Length];

    public string Path => path;

    public string Table(string id, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, int numericFrom = 1,
        int? show = null, IReadOnlyList<string?>? firstCellLinks = null, int numericTo = int.MaxValue)
    {
        var all = rows.ToList();
        Csv.WriteFile(System.IO.Path.Combine(siteDir, _stem, id + ".csv"), headers, all, "\r\n");
        var shown = show is { } n && all.Count > n ? all.Take(n).ToList() : all;
        var href = $"{System.IO.Path.GetFileName(_stem)}/{id}.csv";
        var count = shown.Count == all.Count ? $"{Format.Count(all.Count)} rows" : $"showing {Format.Count(shown.Count)} of {Format.Count(all.Count)} rows";
        return Html.Table(id, headers, shown, numericFrom, firstCellLinks, numericTo) +
               $"<p class=\"export\"><a href=\"{Html.E(href)}\" download>Download CSV</a> · {count}</p>";
    }

    public void Save(string html)
    {
        var file = System.IO.Path.Combine(siteDir, path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, html, Utf8);
    }
}

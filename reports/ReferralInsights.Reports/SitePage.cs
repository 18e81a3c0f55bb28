using System.Text;

namespace ReferralInsights.Reports;

/// <summary>One page of the site and its CSV exports: every table written through <see cref="Table"/> is also written as
/// CSV to <c>&lt;page&gt;/&lt;table id&gt;.csv</c> beside the page (<c>partners/P-1.html</c> → <c>partners/P-1/rewards.csv</c>, so
/// a partner's exports live under <c>partners/&lt;partner_id&gt;</c>) and linked under the table. The CSV holds every row,
/// numbers raw (as the marts hold them: 0.215 for 21.5 %, 21307372.18 for $21,307,372) with each numeric column's unit in
/// its header ("revenue (USD)", "qualified rate (ratio)"); the page may show only the first <c>show</c> rows.</summary>
public sealed class SitePage(string siteDir, string path)
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly string _stem = path[..^".html".Length];

    public string Path => path;

    public string Table(string id, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows, int numericFrom = 1,
        int? show = null, IReadOnlyList<string?>? firstCellLinks = null, int numericTo = int.MaxValue)
    {
        var all = rows.ToList();
        // a column of one unit is exported raw with the unit in its header; a column mixing units (a table of measures
        // by row) keeps the shown text, which says each one's unit
        var units = headers.Select((_, i) => all.Select(r => i < r.Count ? r[i].Unit : null).Where(u => u is not null).Distinct().ToList()).ToList();
        Csv.WriteFile(System.IO.Path.Combine(siteDir, _stem, id + ".csv"), headers.Select((h, i) => units[i] is [var unit] ? $"{h} ({unit})" : h).ToList(),
            all.Select(r => (IReadOnlyList<string?>)r.Select((c, i) => (string?)(i < units.Count && units[i].Count > 1 ? c.Shown : c.Raw)).ToList()), "\r\n");
        var shown = show is { } n && all.Count > n ? all.Take(n).ToList() : all;
        var href = $"{System.IO.Path.GetFileName(_stem)}/{id}.csv";
        var count = shown.Count == all.Count ? $"{Format.Count(all.Count)} rows" : $"showing {Format.Count(shown.Count)} of {Format.Count(all.Count)} rows";
        return Html.Table(id, headers, shown, numericFrom, firstCellLinks, numericTo) +
               Html.Export(href, count);
    }

    public void Save(string html)
    {
        var file = System.IO.Path.Combine(siteDir, path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, html, Utf8);
    }
}

using System.Net;
using System.Text;

namespace ReferralInsights.Reports;

/// <summary>Small helpers for writing escaped HTML: the page layout, sections, headline numbers and tables.</summary>
internal static partial class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A table; cells are escaped text; <paramref name="numericFrom"/> right-aligns the columns from that index on;
    /// <paramref name="numericTo"/> (exclusive) ends them when text follows; <paramref name="firstCellLinks"/> (one per row, null for none) makes the first cell of a row a link.</summary>
    public static string Table(string id, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows, int numericFrom = 1,
        IReadOnlyList<string?>? firstCellLinks = null, int numericTo = int.MaxValue)
    {
        var html = new StringBuilder();
        html.Append($"<div class=\"scroll\"><table id=\"{E(id)}\"><thead><tr>");
        for (var i = 0; i < headers.Count; i++) html.Append($"<th{Align(i, numericFrom, numericTo)}>{E(headers[i])}</th>");
        html.Append("</tr></thead><tbody>\n");
        var r = 0;
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var link = i == 0 ? firstCellLinks?[r] : null;
                var shown = row[i].Shown;
                var cell = link is null ? E(shown) : $"<a href=\"{E(link)}\">{E(shown)}</a>";
                var align = Align(i, numericFrom, numericTo);
                html.Append($"<td{(align == "" && shown.Length > LongText ? " class=\"long\"" : align)}>{cell}</td>");
            }
            html.Append("</tr>\n");
            r++;
        }
        html.Append("</tbody></table></div>");
        return html.ToString();
    }

    /// <summary>Cells are kept on one line (ids, dates, amounts); text longer than this wraps.</summary>
    private const int LongText = 40;

    private static string Align(int column, int numericFrom, int numericTo) => column >= numericFrom && column < numericTo ? " class=\"num\"" : "";

    /// <summary>A headline number; <paramref name="metric"/> names it for machines (<c>data-metric</c>, used by tests).</summary>
    public static string Kpi(string metric, string label, string value, string? hint = null) =>
        $"<div class=\"kpi\" data-metric=\"{E(metric)}\"><div class=\"v\">{E(value)}</div><div class=\"l\">{E(label)}</div>" +
        (hint is null ? "" : $"<div class=\"h\">{E(hint)}</div>") + "</div>";

    public static string Kpis(IEnumerable<string> kpis) => $"<div class=\"kpis\">{string.Concat(kpis)}</div>";

    /// <summary>A titled block of the page; <paramref name="content"/> is HTML, <paramref name="note"/> text as for <see cref="Note"/>.</summary>
    public static string Section(string id, string title, string content, string? note = null) =>
        $"<section id=\"{E(id)}\"><h2>{E(title)}</h2>{content}" + (note is null ? "" : Note(note)) + "</section>\n";

    /// <summary>A heading inside a section.</summary>
    public static string Subheading(string text) => $"<h3>{E(text)}</h3>";

    /// <summary>Small print under a table or chart: escaped text in which <c>`name`</c> is set as code (a config key, a command).</summary>
    public static string Note(string text) => $"<p class=\"note\">{Inline(text)}</p>";

    /// <summary>The download link under a table: its CSV beside the page and how many rows it holds.</summary>
    public static string Export(string href, string rows) =>
        $"<p class=\"export\"><a href=\"{E(href)}\" download>Download CSV</a> · {E(rows)}</p>";

    /// <summary>A note ending in a download link to <paramref name="href"/> (a file beside the page).</summary>
    public static string DownloadNote(string text, string href) =>
        $"<p class=\"note\">{Inline(text)} <a href=\"{E(href)}\" download>{E(href)}</a></p>";

    /// <summary>A paragraph of body text, written like <see cref="Note"/>.</summary>
    public static string Paragraph(string text) => $"<p>{Inline(text)}</p>";

    /// <summary>Text shown as written (a command line, YAML).</summary>
    public static string Preformatted(string text) => $"<pre>{E(text)}</pre>";

    /// <summary>Blocks side by side on a wide screen, one under the other on a narrow one.</summary>
    public static string Grid(params string[] blocks) => $"<div class=\"grid\">{string.Concat(blocks)}</div>";

    private static string Inline(string text) => InlineCode().Replace(E(text), "<code>$1</code>");

    [System.Text.RegularExpressions.GeneratedRegex("`([^`]+)`")]
    private static partial System.Text.RegularExpressions.Regex InlineCode();

    public const string Style = """
        body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
        header{background:#1d3557;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.8;font-size:13px}
        nav.site{background:#264a73;padding:0 32px;display:flex;flex-wrap:wrap}nav.site a{color:#dce6f2;text-decoration:none;font-size:13px;padding:9px 12px}
        nav.site a:hover{background:#1d3557}nav.site a.here{color:#fff;font-weight:bold;border-bottom:3px solid #f4a261}
        main{padding:20px 32px;max-width:1280px}section{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
        h2{font-size:17px;margin:0 0 12px}h3{font-size:14px;margin:14px 0 8px}.kpis{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:8px}
        .kpi{flex:1 1 150px;border:1px solid #e1e6ed;border-radius:6px;padding:10px 12px}.kpi .v{font-size:22px;font-weight:bold}.kpi .l{font-size:12px;color:#5b6b7c}
        .kpi .h{font-size:11px;color:#7a8896;margin-top:3px}
        .scroll{max-height:560px;overflow:auto}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:5px 8px;border-bottom:1px solid #e8ecf1;text-align:left}
        th{background:#eef2f7;position:sticky;top:0}td{white-space:nowrap}td.long{white-space:normal;min-width:240px}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .export{font-size:12px;margin:6px 0 0}.export a{color:#1d6fa5}
        main p{font-size:14px;line-height:1.45;margin:8px 0}pre{font-size:13px;background:#f5f7fa;border-radius:4px;padding:8px 10px;overflow:auto}
        .note{font-size:12px;color:#5b6b7c}svg{max-width:100%;height:auto}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(420px,100%),1fr));gap:18px}
        .period-bar{margin:0 0 14px;font-size:14px}.period-bar select{font-size:14px;padding:4px 6px;margin-left:6px}
        footer{padding:0 32px 24px;font-size:11px;color:#7a8896}
        @media (max-width:600px){header,footer{padding-left:14px;padding-right:14px}main{padding:12px 10px}section{padding:12px}}
        @media print{body{background:#fff}nav.site,.export,.period-bar{display:none}section{box-shadow:none;break-inside:avoid;padding:8px 0}
        header{background:#fff;color:#000;padding:0 0 8px}main{padding:0}.scroll{max-height:none;overflow:visible}th{position:static}}
        """;

    /// <summary>A whole page; <paramref name="nav"/> is the navigation bar's HTML (empty for none).</summary>
    public static string Page(string title, string subtitle, string body, string nav = "", string footer = "") => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title><style>{Style}</style></head>
        <body><header><h1>{E(title)}</h1><p>{E(subtitle)}</p></header>{nav}<main>
        {body}
        </main>{footer}</body></html>
        """;
}

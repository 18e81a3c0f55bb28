using System.Net;
using System.Text;

namespace ReferralInsights.Reports;

/// <summary>Small helpers for writing escaped HTML.</summary>
public static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A table; cells are escaped text; <paramref name="numericFrom"/> right-aligns the columns from that index on.</summary>
    public static string Table(string id, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, int numericFrom = 1)
    {
        var html = new StringBuilder();
        html.Append($"<table id=\"{E(id)}\"><thead><tr>");
        for (var i = 0; i < headers.Count; i++) html.Append($"<th{Align(i, numericFrom)}>{E(headers[i])}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++) html.Append($"<td{Align(i, numericFrom)}>{E(row[i])}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        return html.ToString();
    }

    private static string Align(int column, int numericFrom) => column >= numericFrom ? " class=\"num\"" : "";

    public const string Style = """
        body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
        header{background:#1d3557;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.8;font-size:13px}
        main{padding:20px 32px;max-width:1280px}section{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
        h2{font-size:17px;margin:0 0 12px}.kpis{display:flex;flex-wrap:wrap;gap:12px}
        .kpi{flex:1 1 150px;border:1px solid #e1e6ed;border-radius:6px;padding:10px 12px}.kpi .v{font-size:22px;font-weight:bold}.kpi .l{font-size:12px;color:#5b6b7c}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:5px 8px;border-bottom:1px solid #e8ecf1;text-align:left}
        th{background:#eef2f7;position:sticky;top:0}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .note{font-size:12px;color:#5b6b7c}svg{max-width:100%;height:auto}
        @media print{body{background:#fff}section{box-shadow:none;break-inside:avoid}header{background:#fff;color:#000}}
        """;

    public static string Page(string title, string subtitle, string body) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title><style>{Style}</style></head>
        <body><header><h1>{E(title)}</h1><p>{E(subtitle)}</p></header><main>
        {body}
        </main></body></html>
        """;
}

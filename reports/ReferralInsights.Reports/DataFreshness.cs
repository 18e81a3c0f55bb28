using System.Globalization;
using ReferralInsights.Config;

namespace ReferralInsights.Reports;

/// <summary>The program pages' footer: how current each source's data is (fct_source_freshness: its newest timestamp on
/// or before as_of) and through which connector kind it is read. Read from the marts, so the same inputs and as-of
/// give the same footer, whenever and however often the sources were read.</summary>
internal static class DataFreshnessFooter
{
    /// <summary>"Data through: crm (hubspot) 30 Oct 2026 14:00 UTC · portal (sqlite) … · clicks (logs) no data".</summary>
    public static string Render(MartReader marts, SourcesOptions sources)
    {
        var newest = marts.Query("SELECT source, newest_at FROM fct_source_freshness ORDER BY source")
            .ToDictionary(r => r.Text("source")!, r => r["newest_at"] as DateTime?, StringComparer.Ordinal);
        return "<footer class=\"freshness\">Data through: " + string.Join(" · ", SourcesOptions.Names.Select(source =>
            Html.E($"{source} ({sources.Of(source).Kind}) ") + (newest.GetValueOrDefault(source) is { } at
                ? $"<time datetime=\"{at:yyyy-MM-dd'T'HH:mm:ss'Z'}\">{Html.E(at.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture))}</time>"
                : "no data"))) + "</footer>";
    }
}

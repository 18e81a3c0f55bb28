using System.Globalization;

namespace ReferralInsights.Reports;

/// <summary>When one source was last read, and through which connector kind: the program pages' footer.</summary>
public sealed record SourceRefresh(string Source, string Kind, DateTime? ReadAt);

public static class DataFreshnessFooter
{
    /// <summary>"Data last refreshed: crm (hubspot) 3 Dec 2026 14:00 UTC · portal (sqlite) … · clicks (logs) never".</summary>
    public static string Render(IReadOnlyList<SourceRefresh> sources) =>
        "<footer class=\"freshness\">Data last refreshed: " + string.Join(" · ", sources.Select(s =>
            Html.E($"{s.Source} ({s.Kind}) ") + (s.ReadAt is { } at
                ? $"<time datetime=\"{at:yyyy-MM-dd'T'HH:mm:ss'Z'}\">{Html.E(at.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture))}</time>"
                : "never"))) + "</footer>";
}

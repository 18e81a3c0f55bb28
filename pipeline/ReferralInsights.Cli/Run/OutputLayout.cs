namespace ReferralInsights.Cli.Run;

/// <summary>The folders under <c>output.dir</c> (data-contract.md, Output). A run writes the published zones into
/// its own staging folder first; they replace the published ones only when the whole run succeeded. The audit log is
/// not a published zone: it is appended to, never replaced.</summary>
public sealed class OutputLayout(string outputDir)
{
    public const string PayoutsZone = "payouts";
    public static readonly IReadOnlyList<string> PublishedZones = ["raw", "quarantine", "marts", "site", PayoutsZone];

    public string Root { get; } = Path.GetFullPath(outputDir);
    public string Raw => Path.Combine(Root, "raw");
    public string Marts => Path.Combine(Root, "marts");
    public string Site => Path.Combine(Root, "site");
    public string Payouts => Path.Combine(Root, PayoutsZone);
    public string SiteIndex => Path.Combine(Site, "index.html");
    public string AuditLog => Path.Combine(Root, "audit", "audit_log.ndjson");
    public string Runs => Path.Combine(Root, "runs");
    public string RunFolder(string runId) => Path.Combine(Runs, runId);
    public string Staging(string runId) => Path.Combine(Root, ".staging", runId);
}

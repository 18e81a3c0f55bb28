namespace ReferralInsights.Cli.Run;

/// <summary>The folders under <c>output.dir</c> (data-contract.md, Output). A run writes the published zones into
/// its own staging folder first; they replace the published ones only when the whole run succeeded. The audit log is
/// not a published zone: it is appended to, never replaced. The registry is a zone: a run stages a copy of it plus its own
/// model, so a failed run registers nothing.</summary>
internal sealed class OutputLayout(string outputDir)
{
    /// <summary>The model registry (<c>models/&lt;version&gt;/</c>) and the last run's lead-model report.</summary>
    public const string ModelsZone = "models";
    public const string PayoutsZone = "payouts";
    /// <summary>The stream states: which raw and quarantine batches are live, and where each source was read up to.</summary>
    public const string StateZone = "state";
    public const string MartsZone = "marts";
    public const string SiteZone = "site";
    /// <summary>Swapped in whole when a run publishes. The raw and quarantine zones are not among them: batches are added to
    /// them in place and count only once the published state lists them.</summary>
    public static readonly IReadOnlyList<string> PublishedZones = [StateZone, MartsZone, ModelsZone, SiteZone, PayoutsZone];

    public string Root { get; } = Path.GetFullPath(outputDir);
    public string Raw => Path.Combine(Root, "raw");
    public string Quarantine => Path.Combine(Root, "quarantine");
    /// <summary>Superseded raw and quarantine batches (<see cref="ReferralInsights.Ingest.Landing.RawZone.HistoryRoot"/>).</summary>
    public string History => Path.Combine(Root, "history");
    public string State => Path.Combine(Root, StateZone);
    public string Marts => Path.Combine(Root, MartsZone);
    public string Models => Path.Combine(Root, ModelsZone);
    public string Site => Path.Combine(Root, SiteZone);
    public string Payouts => Path.Combine(Root, PayoutsZone);
    public string SiteIndex => Path.Combine(Site, "index.html");
    public string AuditLog => Path.Combine(Root, "audit", "audit_log.ndjson");
    /// <summary>A staged run's decisions for the audit log (the transform exports them; the run appends what changed).</summary>
    public string Decisions => Path.Combine(Root, "audit", "decisions.parquet");
    /// <summary>A staged run's scratch space: DuckDB's spill files and the lead scores between model and rescore.</summary>
    public string Temp => Path.Combine(Root, "tmp");
    /// <summary>Where <c>model score</c> writes its scores file by default.</summary>
    public string Scores => Path.Combine(Root, "scores", "lead_scores.parquet");
    public string Runs => Path.Combine(Root, "runs");
    /// <summary>The hashes and scopes of the tokens <c>serve</c> accepts (not a published zone: runs never touch it).</summary>
    public string Tokens => Path.Combine(Root, "tokens.json");
    /// <summary>The marts of the last <c>simulate</c> replay (not published: <c>query</c> and the site read <see cref="Marts"/>).</summary>
    public string WhatIfMarts => Path.Combine(Root, "what-if", "marts");
    /// <summary>The working folders of runs and replays in progress (a run's is deleted when it ends; startup removes any left).</summary>
    public string StagingRoot => Path.Combine(Root, ".staging");
    public string RunFolder(string runId) => Path.Combine(Runs, runId);
    /// <summary>A run's (or replay's) own folder, laid out like the output it will replace.</summary>
    public OutputLayout Staging(string runId) => new(Path.Combine(StagingRoot, runId));
}

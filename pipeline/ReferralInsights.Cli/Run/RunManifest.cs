using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralInsights.Cli.Run;

/// <summary><c>runs/&lt;run_id&gt;/manifest.json</c>: what one run read, wrote, how long each stage took and how it ended.</summary>
internal sealed class RunManifest
{
    public required string RunId { get; init; }
    public required string AsOf { get; init; }

    [JsonIgnore]
    public DateOnly AsOfDate => DateOnly.ParseExact(AsOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    public required string ConfigFile { get; init; }
    public required string ConfigHash { get; init; }
    public required DateTime StartedAt { get; init; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>running | publishing (saved so before the switch: a run killed after it is still known) | succeeded | failed.</summary>
    public string Outcome { get; set; } = "running";
    public string? Error { get; set; }
    /// <summary>The zones the run published (<see cref="OutputLayout.PublishedZones"/>); null in manifests written before
    /// runs could be scoped, which published all of them.</summary>
    public List<string>? Published { get; set; }
    /// <summary>The fingerprint of the marts this run published or built on (<see cref="ReferralInsights.Cli.Run.MartsFingerprint"/>), as its pages show it.</summary>
    public string? MartsFingerprint { get; set; }
    public List<EntityCounts> Entities { get; } = [];
    public List<StageTiming> Stages { get; } = [];
    public List<ModelRun> Models { get; } = [];
    /// <summary>Set when the run appended to the audit log: the chain's head after it, so <c>audit verify</c> notices
    /// entries deleted from the end.</summary>
    public AuditAppend? Audit { get; set; }
    /// <summary>How many data tests the built marts passed (a failing one fails the run).</summary>
    public int? DataTestsPassed { get; set; }
    /// <summary>What the model stage did: trained or why not, which model scored or why none did.</summary>
    public ReferralInsights.Models.Referrals.LeadModelReport? LeadModel { get; set; }

    public sealed record EntityCounts(string Source, string Entity, IReadOnlyList<string> Files, long RowsIn, long Landed, long Quarantined);
    public sealed record StageTiming(string Name, double Seconds);
    public sealed record ModelRun(string Name, string Layer, long Rows, double Seconds);
    public sealed record AuditAppend(long HeadSeq, string HeadHash, long Appended);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(this, Json));
    }

    /// <summary>The manifest of the run whose <paramref name="zone"/> is published: the run that wrote the current
    /// publication's version of it (its manifest is saved before it publishes), else (an output folder from before
    /// publications) the latest run that succeeded and published it.</summary>
    public static RunManifest? LastToPublish(OutputLayout layout, string zone) =>
        Publication.ZoneVersion(layout.Root, zone) is { } runId && File.Exists(Path.Combine(layout.RunFolder(runId), "manifest.json"))
            ? Load(Path.Combine(layout.RunFolder(runId), "manifest.json"))
            : Directory.Exists(layout.Runs)
            ? Directory.EnumerateFiles(layout.Runs, "manifest.json", SearchOption.AllDirectories)
                .Select(Load).Where(m => m.Outcome == "succeeded" && (m.Published is null || m.Published.Contains(zone)))
                .MaxBy(m => m.StartedAt)
            : null;

    public static RunManifest Load(string file) =>
        JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(file), Json) ?? throw new InvalidDataException($"{file}: empty manifest");
}

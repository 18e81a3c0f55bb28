using ReferralInsights.Config;
using ReferralInsights.Ingest;

namespace ReferralInsights.Cli.Run;

/// <summary>What one run does: the sources it ingests and which of the later stages it runs. A stage outside the scope is
/// not run; the stages inside it read what is published where they would have read its output, and the run publishes only
/// the zones its stages wrote.</summary>
internal sealed record RunScope(IReadOnlyList<string> Sources, bool Transform, bool Model, bool Reports)
{
    /// <summary>The stages <c>run --only</c> names.</summary>
    public static readonly IReadOnlyList<string> StageNames = ["ingest", "transform", "model", "reports"];

    /// <summary>Every stage: what <c>run</c> does.</summary>
    public static RunScope Everything { get; } = new(SourcesOptions.Names, true, true, true);

    /// <summary>Transform, model and reports over the published raw zone: the scheduled <c>build</c> job.</summary>
    public static RunScope Build { get; } = new([], true, true, true);

    public static RunScope IngestOf(string source) => new([source], false, false, false);

    public static RunScope OnlyStage(string stage) => stage switch
    {
        "ingest" => new(SourcesOptions.Names, false, false, false),
        "transform" => new([], true, false, false),
        "model" => new([], false, true, false),
        "reports" => new([], false, false, true),
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, $"not one of {string.Join(", ", StageNames)}"),
    };

    public bool Ingests => Sources.Count > 0;

    /// <summary>Whether the run builds marts (and so prepares and appends audit entries).</summary>
    public bool BuildsMarts => Transform || Model;
}

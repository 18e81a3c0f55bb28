using System.Text.Json;
using ReferralInsights.Models.Registry;

namespace ReferralInsights.Models.Referrals;

/// <summary>What the lead-model step of a run did and why: trained or not, which model scored, or why none did.
/// Saved as <c>models/lead_model_report.json</c> beside the registry; the run manifest and the model card page show it.</summary>
public sealed record LeadModelReport
{
    public const string FileName = "lead_model_report.json";

    public required int TrainableRows { get; init; }
    public required int MinTrainingRows { get; init; }
    /// <summary>The version this step trained (or found already trained on the same data), else null.</summary>
    public string? TrainedVersion { get; init; }
    /// <summary>True when the same version (as-of and data hash) was already registered, so it was reused, not retrained.</summary>
    public bool Reused { get; init; }
    public string? NotTrainedReason { get; init; }
    public required double MinAuc { get; init; }
    public string? ScoredVersion { get; init; }
    public int ScoredRows { get; init; }
    /// <summary>How many of the scored rows kept the published score: same features row, same model version.</summary>
    public int ReusedScores { get; init; }
    public string? NotScoredReason { get; init; }

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, ModelRegistry.Json));
    }

    /// <summary>The report in <paramref name="folder"/>, or null when there is none.</summary>
    public static LeadModelReport? Load(string folder)
    {
        var file = Path.Combine(folder, FileName);
        return File.Exists(file) ? JsonSerializer.Deserialize<LeadModelReport>(File.ReadAllText(file), ModelRegistry.Json) : null;
    }
}

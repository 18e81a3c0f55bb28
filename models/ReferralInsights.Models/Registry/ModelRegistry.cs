using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using ReferralInsights.Models.Data;
using ReferralInsights.Models.Training;

namespace ReferralInsights.Models.Registry;

/// <summary>A model in the registry: its folder and card.</summary>
public sealed record RegisteredModel(string Folder, ModelCard Card)
{
    public string ModelPath => Path.Combine(Folder, ModelRegistry.ModelFile);
}

/// <summary>The answer to "which model may score?": a model, or why there is none.</summary>
public sealed record RegistryLookup(RegisteredModel? Model, string? Reason)
{
    public bool Found => Model is not null;
}

/// <summary>Saved models under <c>&lt;folder&gt;/&lt;version&gt;/</c> (<c>model.zip</c> + <c>model.json</c>).
/// Versions are <c>yyyyMMdd-HHmmss</c> (UTC) of training, with <c>-2</c>, <c>-3</c>… on a clash; "newest" means
/// the latest <see cref="ModelCard.TrainedAtUtc"/>, then the greater version.</summary>
public sealed class ModelRegistry(string folder, TimeProvider? clock = null)
{
    public const string ModelFile = "model.zip";
    public const string CardFile = "model.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string Folder { get; } = folder;

    /// <summary>Saves a trained model with its card and returns the new entry. The version is the training time
    /// (<c>yyyyMMdd-HHmmss</c>) unless <paramref name="version"/> names it (a run names it after its inputs so that
    /// the same inputs give the same version); a clash gets <c>-2</c>, <c>-3</c>….</summary>
    public RegisteredModel Register(TrainedModel model, TrainingWindow window, string dataHash, int seed,
        double? crossValidationMeanAuc = null, string? notes = null, IReadOnlyList<FeatureImportance>? importance = null,
        string? version = null, DateOnly? cutoff = null)
    {
        var trainedAt = _clock.GetUtcNow();
        Directory.CreateDirectory(Folder);
        var stem = version ?? trainedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        version = stem;
        for (var n = 2; Directory.Exists(Path.Combine(Folder, version)); n++) version = $"{stem}-{n}";
        var card = ModelCard.Describe(model, version, trainedAt, window, dataHash, seed, crossValidationMeanAuc, notes) with
        {
            FeatureImportance = importance ?? [],
            TrainingCutoff = cutoff,
        };

        // Write into a temporary folder and rename, so a half-written model is never listed.
        var staging = Path.Combine(Folder, $".{version}.tmp");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        model.Save(Path.Combine(staging, ModelFile));
        File.WriteAllText(Path.Combine(staging, CardFile), JsonSerializer.Serialize(card, Json));
        var folder = Path.Combine(Folder, version);
        Directory.Move(staging, folder);
        return new RegisteredModel(folder, card);
    }

    /// <summary>Every readable model, newest first, and the folders that could not be read (with why).</summary>
    public (IReadOnlyList<RegisteredModel> Models, IReadOnlyList<string> Problems) List()
    {
        var models = new List<RegisteredModel>();
        var problems = new List<string>();
        if (!Directory.Exists(Folder)) return (models, problems);
        foreach (var folder in Directory.GetDirectories(Folder).Where(d => !Path.GetFileName(d).StartsWith('.')))
        {
            var name = Path.GetFileName(folder);
            var cardPath = Path.Combine(folder, CardFile);
            if (!File.Exists(cardPath)) { problems.Add($"{name}: no {CardFile}"); continue; }
            if (!File.Exists(Path.Combine(folder, ModelFile))) { problems.Add($"{name}: no {ModelFile}"); continue; }
            try
            {
                var card = JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(cardPath), Json)
                           ?? throw new JsonException("empty card");
                models.Add(new RegisteredModel(folder, card));
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                problems.Add($"{name}: {CardFile} unreadable ({e.Message})");
            }
        }
        return (models.OrderByDescending(m => m.Card.TrainedAtUtc).ThenByDescending(m => m.Card.Version, StringComparer.Ordinal).ToArray(), problems);
    }

    /// <summary>The newest model whose validation AUC is at least <paramref name="minAuc"/>; else why none qualifies.
    /// With <paramref name="asOf"/>, only models whose training cut-off is on or before it count, newest cut-off first
    /// (then version): which model scores is a function of the as-of and the registry, never of the order models were
    /// registered in, and a replay at an earlier as-of never uses a model that knew later data.</summary>
    public RegistryLookup Latest(double minAuc, DateOnly? asOf = null)
    {
        var (all, problems) = List();
        var skipped = problems.Count == 0 ? "" : $"; unreadable: {string.Join("; ", problems)}";
        if (all.Count == 0)
            return new RegistryLookup(null, $"no model in {Folder}{skipped}");
        var models = asOf is { } day
            ? all.Where(m => m.Card.EffectiveCutoff <= day).OrderByDescending(m => m.Card.EffectiveCutoff)
                .ThenByDescending(m => m.Card.Version, StringComparer.Ordinal).ToArray()
            : all;
        if (models.Count == 0)
            return new RegistryLookup(null, $"none of {all.Count} model(s) in {Folder} was trained on data cut at or before {asOf:yyyy-MM-dd} " +
                                            $"(earliest cut-off {all.Min(m => m.Card.EffectiveCutoff):yyyy-MM-dd}){skipped}");
        var best = models.FirstOrDefault(m => m.Card.Metrics.Auc >= minAuc);
        if (best is not null) return new RegistryLookup(best, null);
        var listed = string.Join(", ", models.Take(5).Select(m => $"{m.Card.Version} AUC {m.Card.Metrics.Auc.ToString("0.0000", CultureInfo.InvariantCulture)}"));
        return new RegistryLookup(null,
            $"none of {models.Count} model(s) reaches the minimum AUC {minAuc.ToString("0.0000", CultureInfo.InvariantCulture)} " +
            $"(newest first: {listed}{(models.Count > 5 ? ", …" : "")}){skipped}");
    }

    /// <summary>Loads a registered model for scoring and explaining.</summary>
    public static ScoringModel Load(RegisteredModel entry)
    {
        var ml = new MLContext(entry.Card.Seed);
        var transformer = ml.Model.Load(entry.ModelPath, out _);
        var trainer = Enum.Parse<TrainerKind>(entry.Card.Trainer);
        return new ScoringModel(entry.Card, Candidates.FromLoadedChain(ml, trainer, transformer));
    }
}

/// <summary>A loaded model: prepares a frame with the saved schema, returns probabilities and explains them.</summary>
public sealed class ScoringModel
{
    private readonly IFittedCandidate _candidate;
    private readonly IReadOnlyList<FeatureSlots> _slots;

    internal ScoringModel(ModelCard card, IFittedCandidate candidate)
    {
        Card = card;
        _candidate = candidate;
        _slots = Featurizer.Slots(card.Schema, candidate.PredictorInput(ModelData.Empty(card.Schema).ToDataView()).Schema);
    }

    public ModelCard Card { get; }

    public float[] Score(TabularFrame frame) => Score(Card.Schema.Prepare(frame, requireLabel: false));

    public float[] Score(ModelData data)
    {
        var (scores, probabilities) = _candidate.Predict(data.ToDataView());
        return Card.Calibration is { } platt ? platt.Apply(scores) : probabilities;
    }

    /// <summary>Per row, the <paramref name="top"/> source columns with the largest absolute contribution (as
    /// <see cref="TrainedModel.Explain"/> gives them for the model before it was saved).</summary>
    public IReadOnlyList<RowExplanation> Explain(ModelData data, int top = 3) =>
        Explanations.Explain(_candidate, Card.Calibration, _slots, data, top);
}

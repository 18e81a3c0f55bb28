using System.Globalization;
using DuckDB.NET.Data;
using ReferralInsights.Models.Data;
using ReferralInsights.Models.Registry;
using ReferralInsights.Models.Training;

namespace ReferralInsights.Models.Referrals;

/// <summary>The outcome of training: the registered model, or why none was trained.</summary>
public sealed record TrainOutcome(RegisteredModel? Model, bool Reused, int TrainableRows, string? NotTrainedReason);

/// <summary>The outcome of scoring: the model used and the rows written, or why nothing was scored.</summary>
/// <summary>A scoring: the model used, the referrals scored (<paramref name="Reused"/> of them kept from <see cref="EarlierScores"/>), or why nothing was.</summary>
public sealed record ScoreOutcome(RegisteredModel? Model, int Rows, string? NotScoredReason, int Reused = 0);

/// <summary>An earlier run's scores and the features mart they were computed from. A referral whose features row is the
/// same in both marts, scored then by the model version scoring now, keeps its earlier row: scoring is a function of the
/// row and the model alone, so it is the row scoring again would give.</summary>
public sealed record EarlierScores(string FeaturesFile, string ScoresFile);

/// <summary>The lead-quality model of the referral program on top of the generic core: trains from the
/// <c>fct_referral_features</c> mart (time-ordered: the newest 20 % of trainable referrals validate), registers the
/// model, and scores every referral with the newest registered model that passes the AUC floor, writing the
/// lead scores (referral_id, score, model_version, top_factors) to Parquet for the warehouse.</summary>
public sealed class ReferralLeadModel(ModelRegistry registry, int seed = 42, TrainerSettings? settings = null)
{
    /// <summary>Factors listed per referral in <c>top_factors</c>.</summary>
    public const int TopFactors = 3;

    /// <summary>Rows permutation importance is measured on, at most.</summary>
    public const int ImportanceRows = 10_000;

    public ModelRegistry Registry { get; } = registry;

    /// <summary>Trains and registers a model when at least <paramref name="minTrainingRows"/> referrals may train.
    /// With a <paramref name="version"/> (a run passes one derived from its as-of date and the data hash) a model
    /// already registered under it for the same data is reused: training is seeded, so it would come out the same.</summary>
    /// <param name="cutoff">the as-of of the features (recorded on the card: <see cref="ScoreAsync"/> at an as-of uses only models cut by then)</param>
    public async Task<TrainOutcome> TrainAsync(string martFile, int minTrainingRows, Func<string, string>? version = null,
        DateOnly? cutoff = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await DuckDbTabularReader.OpenAsync(cancellationToken);
        var frame = await ReferralFeatures.ReadTrainableAsync(connection, martFile, cancellationToken);
        if (frame.RowCount < minTrainingRows)
            return new TrainOutcome(null, false, frame.RowCount,
                $"{frame.RowCount:N0} trainable referrals (label window closed by as_of, not duplicate, known partner), " +
                $"fewer than model.min_training_rows {minTrainingRows:N0}");
        var positives = Enumerable.Range(0, frame.RowCount).Count(r => DatasetSchema.SameValue(frame[ReferralFeatures.Label].Format(r) ?? "", "true"));
        if (positives == 0 || positives == frame.RowCount)
            return new TrainOutcome(null, false, frame.RowCount,
                $"all {frame.RowCount:N0} trainable referrals have the same label ({positives:N0} qualified): both outcomes are needed to train");

        var dataHash = frame.ContentHash();
        var named = version?.Invoke(dataHash);
        var existing = named is null ? null : Registry.List().Models.FirstOrDefault(m => m.Card.Version == named && m.Card.DataHash == dataHash);
        if (existing is not null) return new TrainOutcome(existing, true, frame.RowCount, null);

        var data = ColumnInference.Infer(frame, ReferralFeatures.Inference).Schema.Prepare(frame);
        var model = LeadModelTrainer.Train(data, settings, seed, timeOrdered: true);
        // Measured on the oldest training rows (the winner is refitted on all of them): a ranking of what the model uses.
        // Capped because every source column re-scores the rows.
        var importance = model.PermutationImportance(data, maxRows: ImportanceRows, seed: seed);
        var window = TrainingWindow.FromColumn(frame, ReferralFeatures.SubmittedAt);
        var entry = Registry.Register(model, window, dataHash, seed, importance: importance, version: named, cutoff: cutoff,
            notes: $"time-ordered split: {model.FitRows:N0} older referrals fit, the newest {model.ValidationRows:N0} validate" +
                   (model.FittedRows < frame.RowCount ? $"; refitted on {model.FittedRows:N0} of the {frame.RowCount:N0}, spread over time and by outcome" : ""));
        return new TrainOutcome(entry, false, frame.RowCount, null);
    }

    /// <summary>Scores every referral of the mart with the newest registered model whose validation AUC is at least
    /// <paramref name="minAuc"/> (with <paramref name="asOf"/>: the one with the newest training cut-off on or before it,
    /// <see cref="ModelRegistry.Latest"/>) and writes them to <paramref name="scoresFile"/>; writes nothing when no model passes.</summary>
    /// <param name="earlier">scores to keep where a referral's features and the model version are unchanged (see <see cref="EarlierScores"/>)</param>
    public async Task<ScoreOutcome> ScoreAsync(string martFile, double minAuc, string scoresFile, DateOnly? asOf = null,
        EarlierScores? earlier = null, CancellationToken cancellationToken = default)
    {
        var lookup = Registry.Latest(minAuc, asOf);
        if (lookup.Model is not { } entry) return new ScoreOutcome(null, 0, lookup.Reason);
        var model = ModelRegistry.Load(entry);
        await using var connection = await DuckDbTabularReader.OpenAsync(cancellationToken);
        var (reused, unscored) = earlier is null ? (0, -1) : ReusableScores.Collect(connection, martFile, earlier, entry.Card.Version);
        // a query of no rows gives no frame: when every score is kept there is nothing to read
        var frame = unscored == 0 ? null : await ReferralFeatures.ReadAllAsync(connection, martFile, reused > 0 ? ReusableScores.Table : null, cancellationToken);
        var explanations = frame is null || frame.RowCount == 0 ? [] : model.Explain(model.Card.Schema.Prepare(frame, requireLabel: false), TopFactors);
        Write(connection, scoresFile, frame, explanations, entry.Card.Version, reused > 0);
        return new ScoreOutcome(entry, (frame?.RowCount ?? 0) + reused, null, reused);
    }

    /// <summary><c>feature=value (+0.412); …</c>: contributions on the log-odds scale, largest first.</summary>
    public static string FormatFactors(IEnumerable<Factor> factors) =>
        string.Join("; ", factors.Select(f => $"{f.Feature}={f.Value} ({f.Contribution.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture)})"));

    private static void Write(DuckDBConnection connection, string file, TabularFrame? frame, IReadOnlyList<RowExplanation> explanations, string version,
        bool withReused)
    {
        Execute(connection, "CREATE OR REPLACE TEMP TABLE scored (referral_id VARCHAR, score DOUBLE, model_version VARCHAR, top_factors VARCHAR)");
        using (var appender = connection.CreateAppender("scored"))
            foreach (var e in explanations)
                appender.CreateRow().AppendValue(frame!["referral_id"].Format(e.Row)).AppendValue((double)e.Probability).AppendValue(version)
                    .AppendValue(FormatFactors(e.Factors)).EndRow();
        if (withReused) Execute(connection, $"INSERT INTO scored SELECT * FROM {ReusableScores.Table}");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        Execute(connection, $"COPY (SELECT * FROM scored ORDER BY referral_id) TO '{Path.GetFullPath(file).Replace("'", "''")}' (FORMAT parquet, COMPRESSION zstd)");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

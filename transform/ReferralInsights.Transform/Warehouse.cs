using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using ReferralInsights.Config;
using ReferralInsights.Transform.DataTests;

namespace ReferralInsights.Transform;

public sealed record ModelTiming(string Name, string Layer, long Rows, TimeSpan Elapsed);

/// <summary>What a build did: each model's rows and time, and how many data tests passed.</summary>
public sealed record TransformResult(IReadOnlyList<ModelTiming> Models, int DataTestsPassed);

/// <summary>
/// The DuckDB warehouse: loads the run's parameters into <c>cfg_…</c> tables, creates the SQL macros of
/// <c>sql/macros.sql</c>, then builds every model of <c>sql/{staging,intermediate,marts}/&lt;model&gt;.sql</c> as
/// <c>CREATE OR REPLACE TABLE &lt;model&gt; AS &lt;select&gt;</c>, layer by layer, each layer in dependency order.
/// All logic is set-based SQL; C# only orders and runs the models.
/// </summary>
public static class Warehouse
{
    /// <summary>The marts published by <see cref="PublishMarts"/>: every model of the marts layer.</summary>
    public static IReadOnlyList<string> MartNames { get; } =
        ModelCatalog.Ordered.Where(m => m.Layer == "marts").Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Builds every model in order on an open connection (the <c>raw_…</c> views or tables must exist), then runs
    /// the data tests (<paramref name="dataTests"/>, default the declarations beside the models): a failing test throws
    /// <see cref="DataTestException"/>, so nothing of such a build gets published.</summary>
    public static TransformResult Build(DuckDBConnection conn, PipelineConfig config, DateOnly asOf, IProgress<string>? progress = null,
        DataTestSuite? dataTests = null)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(config);
        Prepare(conn, config, asOf);
        return BuildModels(conn, ModelCatalog.Ordered, progress, dataTests);
    }

    /// <summary>The transform's SQL run directly, for the benchmark's bare cost: the same config tables, macros and models
    /// in the same order as <see cref="Build"/>, without counting each model's rows, reporting progress or running the data
    /// tests.</summary>
    public static void BuildBare(DuckDBConnection conn, PipelineConfig config, DateOnly asOf)
    {
        Prepare(conn, config, asOf);
        foreach (var model in ModelCatalog.Ordered) model.Build(conn);
    }

    /// <summary>What every model may read besides the raw zone: the config tables, the macros and the lead-score input.</summary>
    private static void Prepare(DuckDBConnection conn, PipelineConfig config, DateOnly asOf)
    {
        ConfigTables.Load(conn, config, asOf);
        Execute(conn, ModelCatalog.Macros);
        if (!Exists(conn, LeadScoresInput)) Execute(conn, $"CREATE TABLE {LeadScoresInput} ({LeadScoresColumns})");
    }

    /// <summary>The first half of a build that scores in between (<see cref="BuildScoreReaders"/> is the second): every
    /// model that does not read the lead scores, <c>fct_referral_features</c> among them, without the data tests (they
    /// run on the whole build).</summary>
    public static TransformResult BuildBeforeScores(DuckDBConnection conn, PipelineConfig config, DateOnly asOf, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(config);
        Prepare(conn, config, asOf);
        var readers = ModelCatalog.ReadersOf(LeadScoresInput).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        return BuildModels(conn, ModelCatalog.Ordered.Where(m => !readers.Contains(m.Name)).ToArray(), progress, dataTests: null, runTests: false);
    }

    /// <summary>On a connection built by <see cref="BuildBeforeScores"/> (or <see cref="Build"/>): scores from the model
    /// stage (or a published <c>lead_scores</c> mart: the same columns) as the input <see cref="LeadScoresInput"/> (null: it
    /// stays as it is, empty after <see cref="BuildBeforeScores"/>), then (re)builds the models that read the scores and
    /// every model downstream of them, and runs the data tests. A fresh connection can call <see cref="AttachLeadScores"/>
    /// then <see cref="Build"/> instead: the result is the same.</summary>
    public static TransformResult BuildScoreReaders(DuckDBConnection conn, string? scoresFile, IProgress<string>? progress = null,
        DataTestSuite? dataTests = null)
    {
        if (scoresFile is not null) AttachLeadScores(conn, scoresFile);
        return BuildModels(conn, ModelCatalog.ReadersOf(LeadScoresInput), progress, dataTests);
    }

    /// <summary>The one table through which the transform reads lead scores (referral_id, score, model_version,
    /// top_factors): <c>int_lead_scores</c> and the <c>lead_scores</c> mart read it. <see cref="Build"/> creates it
    /// empty when nothing was attached (no score: the quality gate treats referrals as unscored).</summary>
    public const string LeadScoresInput = "input_lead_scores";

    private const string LeadScoresColumns = "referral_id VARCHAR, score DOUBLE, model_version VARCHAR, top_factors VARCHAR";

    /// <summary>Makes <see cref="LeadScoresInput"/> a view over a Parquet file of lead scores.</summary>
    public static void AttachLeadScores(DuckDBConnection conn, string scoresFile)
    {
        ArgumentNullException.ThrowIfNull(conn);
        if (!File.Exists(scoresFile)) throw new FileNotFoundException($"lead scores not found: {scoresFile}", scoresFile);
        if (Exists(conn, LeadScoresInput)) Execute(conn, Scalar<string>(conn,
            $"SELECT CASE WHEN table_type = 'VIEW' THEN 'DROP VIEW ' ELSE 'DROP TABLE ' END || table_name FROM information_schema.tables WHERE table_name = '{LeadScoresInput}'"));
        var file = Path.GetFullPath(scoresFile).Replace("'", "''");
        Execute(conn, $"CREATE VIEW {LeadScoresInput} AS SELECT CAST(referral_id AS VARCHAR) AS referral_id, CAST(score AS DOUBLE) AS score, " +
            $"CAST(model_version AS VARCHAR) AS model_version, CAST(top_factors AS VARCHAR) AS top_factors FROM read_parquet('{file}')");
    }

    private static TransformResult BuildModels(DuckDBConnection conn, IReadOnlyList<WarehouseModel> models, IProgress<string>? progress,
        DataTestSuite? dataTests, bool runTests = true)
    {
        var timings = new List<ModelTiming>();
        foreach (var model in models)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                model.Build(conn);
            }
            catch (Exception e)
            {
                throw new ModelBuildException($"{model.Layer}/{model.Name}", e);
            }
            var rows = Scalar<long>(conn, $"SELECT count(*) FROM {model.Name}");
            watch.Stop();
            timings.Add(new ModelTiming(model.Name, model.Layer, rows, watch.Elapsed));
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"{model.Layer}/{model.Name}: {rows:N0} rows in {watch.Elapsed.TotalSeconds:0.000} s"));
        }
        if (!runTests) return new TransformResult(timings, 0);
        var testWatch = Stopwatch.StartNew();
        var passed = DataTestRunner.Run(conn, dataTests ?? DataTestSuite.Embedded);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"data tests: {passed} passed in {testWatch.Elapsed.TotalSeconds:0.000} s"));
        return new TransformResult(timings, passed);
    }

    /// <summary>Creates a view <c>raw_&lt;source&gt;__&lt;entity&gt;</c> over each entity's Parquet files (keyed
    /// "source/entity": the live batches the ingest's stream state lists, its empty schema file first).</summary>
    public static void AttachRawZone(DuckDBConnection conn, IReadOnlyDictionary<string, IReadOnlyList<string>> filesByEntity)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(filesByEntity);
        if (filesByEntity.Count == 0) throw new DirectoryNotFoundException("the raw zone is empty: nothing was ingested yet");
        foreach (var (entity, files) in filesByEntity)
        {
            var view = "raw_" + entity.Replace("/", "__");
            if (!IsIdentifier(view)) throw new InvalidOperationException($"raw zone entity gives an invalid view name: {entity}");
            var missing = files.FirstOrDefault(f => !File.Exists(f));
            if (missing is not null) throw new FileNotFoundException($"raw zone file of {entity} not found: {missing}", missing);
            var list = string.Join(", ", files.Select(f => "'" + Path.GetFullPath(f).Replace("'", "''") + "'"));
            Execute(conn, $"CREATE OR REPLACE VIEW {view} AS SELECT * FROM read_parquet([{list}], union_by_name = true)");
        }
    }

    /// <summary>Writes a CSV file: its header and its rows as text (the pipeline passes the reports' one CSV writer).</summary>
    public delegate void CsvFileWriter(string file, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows);

    /// <summary>Writes each mart to <c>&lt;martsDir&gt;/&lt;name&gt;.parquet</c>, ordered by its key so output is deterministic,
    /// and, given <paramref name="csv"/> (output.csv), as <c>&lt;name&gt;.csv</c> too: DuckDB's text of each value, ISO
    /// timestamps, lists as [a, b].</summary>
    public static void PublishMarts(DuckDBConnection conn, string martsDir, CsvFileWriter? csv = null)
    {
        ArgumentNullException.ThrowIfNull(conn);
        Directory.CreateDirectory(martsDir);
        foreach (var name in MartNames) PublishMart(conn, martsDir, name, csv);
    }

    /// <summary>Writes one mart as <see cref="PublishMarts"/> does.</summary>
    public static void PublishMart(DuckDBConnection conn, string martsDir, string name, CsvFileWriter? csv = null)
    {
        if (!MartNames.Contains(name)) throw new ArgumentException($"{name} is not a mart", nameof(name));
        Directory.CreateDirectory(martsDir);
        var stem = Path.Combine(Path.GetFullPath(martsDir), name);
        var order = PublishOrder(name);
        Execute(conn, $"COPY (SELECT * FROM {name} ORDER BY {order}) TO '{stem.Replace("'", "''")}.parquet' (FORMAT parquet, COMPRESSION zstd)");
        if (csv is not null) WriteCsv(conn, name, order, stem + ".csv", csv);
    }

    /// <summary>A mart is written in the order of its grain (its .yml), rows without a key value first, so the same data
    /// gives the same file.</summary>
    private static string PublishOrder(string mart) =>
        string.Join(", ", DataTestSuite.Embedded.Grains[mart].Select(c => $"\"{c}\" NULLS FIRST"));

    private static void WriteCsv(DuckDBConnection conn, string mart, string order, string file, CsvFileWriter csv)
    {
        var columns = new List<(string Name, string Type)>();
        using (var describe = conn.CreateCommand())
        {
            describe.CommandText = $"DESCRIBE {mart}";
            using var reader = describe.ExecuteReader();
            while (reader.Read()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        var text = string.Join(", ", columns.Select(c => c.Type.StartsWith("TIMESTAMP", StringComparison.Ordinal)
            ? $"strftime(\"{c.Name}\", '%Y-%m-%dT%H:%M:%S')"
            : $"CAST(\"{c.Name}\" AS VARCHAR)"));
        csv(file, columns.Select(c => c.Name).ToList(), Rows(conn, $"SELECT {text} FROM {mart} ORDER BY {order}", columns.Count));
    }

    private static IEnumerable<IReadOnlyList<string?>> Rows(DuckDBConnection conn, string sql, int width)
    {
        using var command = conn.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return Enumerable.Range(0, width).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToArray();
    }

    private static bool Exists(DuckDBConnection conn, string table) =>
        Scalar<long>(conn, $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'") > 0;

    private static bool IsIdentifier(string s) => s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    internal static void Execute(DuckDBConnection conn, string sql)
    {
        using var command = conn.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static T Scalar<T>(DuckDBConnection conn, string sql)
    {
        using var command = conn.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using ReferralInsights.Ingest.Landing;
using ReferralInsights.Models.Referrals;
using ReferralInsights.Reports;
using ReferralInsights.Transform;
using ReferralInsights.Transform.Audit;

namespace ReferralInsights.Cli.Run;

internal sealed record RunOutcome(RunManifest Manifest, OutputLayout Layout);

/// <summary>Told when each stage of a run starts and finishes (the benchmark measures memory per stage).</summary>
internal interface IStageObserver
{
    void Started(string stage);
    void Finished(string stage);
}

/// <summary>The run published its output but could not append its audit entries.</summary>
internal sealed class AuditAppendException(string message, Exception inner) : IOException(message, inner);

/// <summary>One run of the stages in its <see cref="RunScope"/> (all of them for <c>run</c>): ingest → transform → model
/// (train, score) → the transform's models that read the scores → reports → payouts → audit, then publish and append to the audit log.
/// The stages write into the run's staging folder; the published output changes only when all of them succeeded, and
/// the audit entries prepared before publishing are appended only after it did (a failed run appends nothing). A stage
/// outside the scope is not run: the next one reads the published output instead. The manifest is written either way.</summary>
internal sealed class PipelineRunner(RunLog log, TimeProvider clock, IStageObserver? observer = null)
{
    /// <param name="fullRefresh">re-read every source from its start (a new generation of every stream) instead of only what is new</param>
    public RunOutcome Run(LoadedConfig loaded, DateOnly asOf, bool fullRefresh = false) => Run(loaded, asOf, RunScope.Everything, fullRefresh);

    public RunOutcome Run(LoadedConfig loaded, DateOnly asOf, RunScope scope, bool fullRefresh = false)
    {
        var layout = new OutputLayout(loaded.OutputDir);
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var manifest = new RunManifest
        {
            RunId = NewRunId(layout, startedAt),
            AsOf = asOf.ToString("yyyy-MM-dd"),
            ConfigFile = loaded.FilePath,
            ConfigHash = loaded.Hash,
            StartedAt = startedAt,
        };
        var staged = layout.Staging(manifest.RunId);
        var auditLog = new AuditLog(layout.AuditLog);
        PreparedAudit? audit = null;
        log.Line("run", $"{manifest.RunId} as of {manifest.AsOf}, config {loaded.FilePath}");
        try
        {
            if (scope.Ingests) Stage(manifest, "ingest", () => Ingest(loaded, layout, staged, startedAt, scope.Sources, fullRefresh, manifest));
            var stateDir = scope.Ingests ? staged.State : layout.State;
            if (scope.BuildsMarts) BuildMarts(loaded.Config, asOf, scope, layout, staged, RawFiles(layout, stateDir), manifest);
            // the marts and registry this run built, or the published ones it reports on
            var built = Directory.Exists(staged.Marts) ? staged : layout;
            // built marts are hashed; carried ones keep the fingerprint their run recorded (no re-reading per ingest job)
            manifest.MartsFingerprint = built == staged ? MartsFingerprint.Of(staged.Marts) : MartsFingerprint.OfPublished(layout);
            var baseline = manifest.MartsFingerprint is { } fingerprint ? ChangesBaseline.For(layout, fingerprint) : null;
            if (scope.Reports)
            {
                Stage(manifest, "reports", () => SiteBuilder.Build(built.Marts, built.Models, baseline, staged.Site, loaded.Config, asOf,
                    manifest.MartsFingerprint!, ContactPseudonyms.FromEnvironment(), log.For("reports")));
                Stage(manifest, "payouts", () => WritePayoutFile(loaded.Config, built.Marts, staged));
            }
            if (File.Exists(staged.Decisions))
                Stage(manifest, "audit", () => audit = PrepareAudit(loaded.Config, auditLog, layout, staged, manifest));
            manifest.Published = OutputLayout.PublishedZones.Where(zone => Directory.Exists(Path.Combine(staged.Root, zone))).ToList();
            manifest.Outcome = "publishing";
            manifest.Save(layout.RunFolder(manifest.RunId));
            Stage(manifest, "publish", () => Publication.Publish(staged.Root, layout.Root, manifest.RunId, baseline));
            if (audit is not null)
            {
                Stage(manifest, "audit-append", () => AppendAudit(auditLog, audit, manifest));
                PendingAudit.Done(layout, manifest.RunId);
            }
            if (scope.Ingests) Stage(manifest, "history", () => MoveHistory(layout));
            manifest.Outcome = "succeeded";
        }
        catch (Exception e)
        {
            manifest.Outcome = "failed";
            manifest.Error = e.Message;
            throw;
        }
        finally
        {
            manifest.FinishedAt = clock.GetUtcNow().UtcDateTime;
            manifest.Save(layout.RunFolder(manifest.RunId));
            audit?.Dispose();
            if (Directory.Exists(staged.Root)) Directory.Delete(staged.Root, recursive: true);
        }
        return new RunOutcome(manifest, layout);
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> RawFiles(OutputLayout layout, string stateDir)
    {
        if (!Directory.Exists(stateDir))
            throw new DirectoryNotFoundException($"nothing has been ingested into {layout.Root} yet: run `referral-insights run` or `run --only ingest` first");
        return RawZone.LiveFiles(layout.Raw, stateDir);
    }

    /// <summary>Transform and model into the staged marts. A full run builds every model that does not read the lead scores,
    /// trains and scores on that fct_referral_features, then builds the models that read the scores (each model once).
    /// Without the transform, the model trains on the published features and its scores go into one build over the raw
    /// zone; without the model, the transform uses the published scores. Either way the marts are the same.</summary>
    private void BuildMarts(PipelineConfig config, DateOnly asOf, RunScope scope, OutputLayout layout, OutputLayout staged,
        IReadOnlyDictionary<string, IReadOnlyList<string>> rawFiles, RunManifest manifest)
    {
        using var warehouse = DuckDbSession.Open(staged.Temp, config.Engine);
        var progress = log.For("transform");
        if (scope is { Transform: true, Model: true })
        {
            TransformResult before = null!;
            Stage(manifest, "transform", () =>
            {
                Warehouse.AttachRawZone(warehouse, rawFiles);
                before = Warehouse.BuildBeforeScores(warehouse, config, asOf, progress);
                Warehouse.PublishMart(warehouse, staged.Marts, ReferralFeatures.Mart);
            });
            var scores = TrainAndScore(config, asOf, layout, staged.Marts, staged, manifest);
            Stage(manifest, ScoredTransformStage, () =>
            {
                var readers = Warehouse.BuildScoreReaders(warehouse, scores, progress);
                WriteMartsAndDecisions(warehouse, new TransformResult([.. before.Models, .. readers.Models], readers.DataTestsPassed),
                    config.Output.Csv, staged, manifest);
            });
        }
        else if (scope.Transform)
        {
            var publishedScores = Path.Combine(layout.Marts, "lead_scores.parquet");
            Stage(manifest, "transform", () => WriteMartsAndDecisions(warehouse, BuildWarehouse(warehouse, rawFiles,
                File.Exists(publishedScores) ? publishedScores : null, config, asOf, progress), config.Output.Csv, staged, manifest));
        }
        else if (scope.Model && TrainAndScore(config, asOf, layout, layout.Marts, staged, manifest) is { } scores)
            Stage(manifest, ScoredTransformStage, () => WriteMartsAndDecisions(warehouse,
                BuildWarehouse(warehouse, rawFiles, scores, config, asOf, progress), config.Output.Csv, staged, manifest));
    }

    /// <summary>The stage that builds the models reading the lead scores (and, after <c>--only model</c>, all the others).</summary>
    public const string ScoredTransformStage = "transform.scored";

    /// <summary>The model stage on the features in <paramref name="featuresMarts"/>: the scores file, or null when nothing was scored.</summary>
    private string? TrainAndScore(PipelineConfig config, DateOnly asOf, OutputLayout layout, string featuresMarts, OutputLayout staged,
        RunManifest manifest)
    {
        string? scores = null;
        Stage(manifest, "model", () => (manifest.LeadModel, scores) = new LeadModelStage(log).Run(
            (part, elapsed) => manifest.Stages.Add(new RunManifest.StageTiming($"model.{part}", Math.Round(elapsed.TotalSeconds, 3))),
            config.Model, asOf, layout, featuresMarts, staged));
        return scores;
    }

    private void Stage(RunManifest manifest, string name, Action work)
    {
        var watch = Stopwatch.StartNew();
        FaultInjection.Hit("before:" + name);
        log.Line(name, "started");
        observer?.Started(name);
        work();
        observer?.Finished(name);
        manifest.Stages.Add(new RunManifest.StageTiming(name, Math.Round(watch.Elapsed.TotalSeconds, 3)));
        log.Line(name, $"done in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Lands <paramref name="sources"/> into the raw zone; the staged state starts as a copy of the published one, so
    /// the streams of the sources not read stay as they are.</summary>
    private void Ingest(LoadedConfig loaded, OutputLayout layout, OutputLayout staged, DateTime ingestedAt, IReadOnlyList<string> sources,
        bool fullRefresh, RunManifest manifest)
    {
        using var db = DuckDbSession.Open(staged.Temp, loaded.Config.Engine);
        var zone = new RawZone(layout.Raw, layout.Quarantine, layout.State, staged.State, layout.History);
        Folders.Copy(layout.State, zone.StagedStateDir);
        var session = new IngestSession(db, zone, ingestedAt, fullRefresh);
        foreach (var source in sources)
        {
            var watch = Stopwatch.StartNew();
            var connector = SourceConnectors.Create(db, loaded, source);
            try
            {
                foreach (var r in session.IngestSource(source, connector, log.For("ingest")))
                {
                    manifest.Entities.Add(new RunManifest.EntityCounts(r.Source, r.Entity, r.Files, r.RowsIn, r.Landed, r.Quarantined));
                    log.Line("ingest", $"{r.Source}/{r.Entity}: {r.RowsIn:N0} rows in = {r.Landed:N0} landed + {r.Quarantined:N0} quarantined" +
                                       (r.Files.Count == 0 ? " (nothing new)" : ""));
                    foreach (var reason in r.SampleReasons) log.Line("ingest", $"  quarantined {reason}");
                }
            }
            finally
            {
                (connector as IDisposable)?.Dispose();
            }
            manifest.Stages.Add(new RunManifest.StageTiming($"ingest.{source}", Math.Round(watch.Elapsed.TotalSeconds, 3)));
        }
    }

    private static void WriteMartsAndDecisions(DuckDBConnection db, TransformResult result, bool alsoCsv, OutputLayout staged,
        RunManifest manifest)
    {
        Warehouse.PublishMarts(db, staged.Marts, alsoCsv ? (file, header, rows) => Csv.WriteFile(file, header, rows) : null);
        AuditDecisions.Export(db, staged.Decisions);
        manifest.Models.AddRange(result.Models.Select(m =>
            new RunManifest.ModelRun(m.Name, m.Layer, m.Rows, Math.Round(m.Elapsed.TotalSeconds, 3))));
        manifest.DataTestsPassed = result.DataTestsPassed;
    }

    /// <summary>The transform stage's build: every model over a raw zone, on an open connection, with lead scores when given
    /// (a Parquet file with the <c>lead_scores</c> mart's columns). A full run builds in two halves around the model stage
    /// (Warehouse.BuildBeforeScores, Warehouse.BuildScoreReaders); <c>simulate</c> replays the published raw zone with the
    /// published scores through this path, which gives the same marts.</summary>
    public static TransformResult BuildWarehouse(DuckDBConnection db, IReadOnlyDictionary<string, IReadOnlyList<string>> rawFiles, string? leadScores,
        PipelineConfig config, DateOnly asOf, IProgress<string>? progress)
    {
        Warehouse.AttachRawZone(db, rawFiles);
        if (leadScores is not null) Warehouse.AttachLeadScores(db, leadScores);
        return Warehouse.Build(db, config, asOf, progress);
    }

    /// <summary>The payout file of the latest fiscal quarter that ended by as_of: what finance pays next.</summary>
    private void WritePayoutFile(PipelineConfig config, string martsDir, OutputLayout staged)
    {
        using var marts = new MartReader(martsDir);
        var quarter = new PublishedCalendar(marts).LastEndedQuarter;
        var file = Path.Combine(staged.Payouts, quarter.Label + ".csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var writer = new StreamWriter(file, append: false, new System.Text.UTF8Encoding(false));
        var summary = PayoutFile.Write(marts, quarter.Start, quarter.End, writer);
        log.Line("payouts", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{quarter.Label}: {summary.Rewards:N0} rewards for {summary.Partners:N0} partners, total {summary.Total:N2} {config.Program.Currency}"));
    }

    /// <summary>The batches the published state now lists as superseded leave the raw zone for the history zone. The run has
    /// published, so a failure here is reported, not the run's: the next ingest finishes the move.</summary>
    private void MoveHistory(OutputLayout layout)
    {
        try
        {
            var moved = new RawZone(layout.Raw, layout.Quarantine, layout.State, layout.State, layout.History).MoveAllSuperseded();
            if (moved > 0) log.Line("history", $"moved {moved:N0} superseded batch files out of the raw and quarantine zones into {layout.History}");
        }
        catch (IOException e)
        {
            log.Line("history", $"warning: superseded batches stay in the raw zone until the next ingest: {e.Message}");
        }
    }

    private PreparedAudit PrepareAudit(PipelineConfig config, AuditLog auditLog, OutputLayout layout, OutputLayout staged, RunManifest manifest)
    {
        using var db = DuckDbSession.Open(staged.Temp, config.Engine);
        var audit = AuditTrail.Prepare(db, auditLog, staged.Decisions, manifest.RunId,
            new JsonObject { ["as_of"] = manifest.AsOf, ["config_hash"] = manifest.ConfigHash }, PendingAudit.FileOf(layout, manifest.RunId));
        var run = audit.RunInputs;
        log.Line("audit", audit.Resumed
            ? $"state from the checkpoint beside the log, {audit.FoldedEntries:N0} entries read after it"
            : $"no checkpoint matches the log: read all {audit.FoldedEntries:N0} entries");
        log.Line("audit", $"{run["decisions"]} decisions: {run["new"]} new, {run["restated"]} restated, {run["withdrawn"]} withdrawn; " +
                          $"{audit.Count:N0} entries to append after publishing");
        return audit;
    }

    /// <summary>After publishing: a failure here leaves the new output published without its entries; the next run
    /// compares with the log, not with the published marts, so it records these changes then.</summary>
    private void AppendAudit(AuditLog auditLog, PreparedAudit audit, RunManifest manifest)
    {
        string? checkpointProblem;
        try
        {
            FaultInjection.TearAppend("audit-append:torn", auditLog.Path, audit.FirstLine);
            checkpointProblem = auditLog.Append(audit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new AuditAppendException($"the run published, but appending to the audit log {auditLog.Path} failed: {e.Message}. " +
                                           "The next run records these decisions", e);
        }
        manifest.Audit = new RunManifest.AuditAppend(audit.LastSeq, audit.LastHash, audit.Count);
        log.Line("audit", $"appended seq {audit.FirstSeq:N0}–{audit.LastSeq:N0} to {auditLog.Path}");
        if (checkpointProblem is not null) log.Line("audit", checkpointProblem);
    }

    // Sortable by start time; the suffix keeps two runs started in the same second apart.
    private static string NewRunId(OutputLayout layout, DateTime startedAt)
    {
        var stem = startedAt.ToString("yyyyMMdd'T'HHmmss'Z'");
        var id = stem;
        for (var n = 2; Directory.Exists(layout.RunFolder(id)) || Directory.Exists(layout.Staging(id).Root); n++) id = $"{stem}-{n}";
        return id;
    }
}

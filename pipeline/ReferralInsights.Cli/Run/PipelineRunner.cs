using System.Diagnostics;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using ReferralInsights.Reports;
using ReferralInsights.Transform;

namespace ReferralInsights.Cli.Run;

public sealed record RunOutcome(RunManifest Manifest, OutputLayout Layout);

/// <summary>One run of every stage: ingest → transform → reports, then publish. The stages write into the run's
/// staging folder; the published output changes only when all of them succeeded. The manifest is written either way.</summary>
public sealed class PipelineRunner(RunLog log, TimeProvider clock)
{
    public RunOutcome Run(LoadedConfig loaded, DateOnly asOf)
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
        var staging = layout.Staging(manifest.RunId);
        log.Line("run", $"{manifest.RunId} as of {manifest.AsOf}, config {loaded.FilePath}");
        try
        {
            Stage(manifest, "ingest", () => Ingest(loaded, staging, startedAt, manifest));
            Stage(manifest, "transform", () => Transform(loaded.Config, asOf, staging, manifest));
            Stage(manifest, "reports", () => SiteBuilder.Build(Path.Combine(staging, "marts"), Path.Combine(staging, "site"),
                loaded.Config, asOf, manifest.RunId, log.For("reports")));
            Stage(manifest, "publish", () => Publisher.Publish(staging, layout.Root));
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
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return new RunOutcome(manifest, layout);
    }

    private void Stage(RunManifest manifest, string name, Action work)
    {
        var watch = Stopwatch.StartNew();
        log.Line(name, "started");
        work();
        manifest.Stages.Add(new RunManifest.StageTiming(name, Math.Round(watch.Elapsed.TotalSeconds, 3)));
        log.Line(name, $"done in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private void Ingest(LoadedConfig loaded, string staging, DateTime ingestedAt, RunManifest manifest)
    {
        using var db = DuckDbSession.Open(Path.Combine(staging, "tmp"));
        var connector = new FileDropConnector(db, ingestedAt);
        foreach (var source in Contract.Sources)
        {
            var options = loaded.Config.Sources.Of(source);
            if (options.Kind != "files")
                throw new NotSupportedException($"sources.{source}.kind '{options.Kind}' is not supported yet: only 'files' connectors exist");
            var results = connector.IngestSource(source, loaded.ResolvePath(options.Path!), Path.Combine(staging, "raw"),
                Path.Combine(staging, "quarantine"), loaded.BaseDirectory, log.For("ingest"));
            foreach (var r in results)
            {
                manifest.Entities.Add(new RunManifest.EntityCounts(r.Source, r.Entity, r.Files, r.RowsIn, r.Landed, r.Quarantined));
                log.Line("ingest", $"{r.Source}/{r.Entity}: {r.RowsIn:N0} rows in = {r.Landed:N0} landed + {r.Quarantined:N0} quarantined");
                foreach (var reason in r.SampleReasons) log.Line("ingest", $"  quarantined {reason}");
            }
        }
    }

    private void Transform(PipelineConfig config, DateOnly asOf, string staging, RunManifest manifest)
    {
        using var db = DuckDbSession.Open(Path.Combine(staging, "tmp"));
        Warehouse.AttachRawZone(db, Path.Combine(staging, "raw"));
        var result = Warehouse.Build(db, config, asOf, log.For("transform"));
        manifest.Models.AddRange(result.Models.Select(m =>
            new RunManifest.ModelRun(m.Name, m.Layer, m.Rows, Math.Round(m.Elapsed.TotalSeconds, 3))));
        manifest.DataTestsPassed = result.DataTestsPassed;
        Warehouse.PublishMarts(db, Path.Combine(staging, "marts"));
    }

    // Sortable by start time; the suffix keeps two runs started in the same second apart.
    private static string NewRunId(OutputLayout layout, DateTime startedAt)
    {
        var stem = startedAt.ToString("yyyyMMdd'T'HHmmss'Z'");
        var id = stem;
        for (var n = 2; Directory.Exists(layout.RunFolder(id)) || Directory.Exists(layout.Staging(id)); n++) id = $"{stem}-{n}";
        return id;
    }
}

using System.Diagnostics;
using System.Globalization;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using ReferralInsights.Ingest.Files;
using ReferralInsights.Ingest.Landing;
using ReferralInsights.Ingest.Logs;

namespace ReferralInsights.Cli.Run;

/// <summary>One timing of the click ingest against bare DuckDB on the same files, in the same process.</summary>
internal sealed record IngestTiming(int Run, long Rows, double BareSeconds, double IngestSeconds);

/// <summary>Times landing a program's click files through the pipeline's ingest (line framing, SQL parsing and contract
/// checks, quarantine, Parquet batches, state) against bare DuckDB converting the same files to Parquet with the
/// contract's column types (<c>COPY (SELECT * FROM read_json(…, columns = …)) TO … (FORMAT parquet)</c>), alternating the
/// two in each run so both see the same machine.</summary>
internal static class IngestBenchmark
{
    public static IReadOnlyList<IngestTiming> Run(string programDir, int runs, string workDir, IProgress<string> progress)
    {
        var entity = Contract.Entities.Single(e => e.QualifiedName == "clicks/clicks");
        var clicksDir = Path.Combine(programDir, "clicks");
        var files = EntityFiles.Find(clicksDir, entity.Name).Select(f => Path.GetFullPath(Path.Combine(clicksDir, f))).ToList();
        if (files.Count == 0) throw new IngestException($"no click files in {clicksDir}");
        var timings = new List<IngestTiming>();
        for (var run = 1; run <= runs; run++)
        {
            var work = Path.Combine(workDir, $"run-{run}");
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            var bare = TimeBare(files, entity, work);
            var (rows, ours) = TimeIngest(clicksDir, entity, work);
            timings.Add(new IngestTiming(run, rows, bare, ours));
            progress.Report(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {rows:N0} clicks; bare DuckDB {bare:0.0} s, ingest {ours:0.0} s, ratio {bare / ours:0.00}"));
            Directory.Delete(work, recursive: true);
        }
        return timings;
    }

    internal static double TimeBare(IReadOnlyList<string> files, ContractEntity entity, string work)
    {
        using var db = DuckDbSession.Open(new OutputLayout(work).Temp, new EngineOptions());
        var columns = string.Join(", ", entity.Columns.Select(c => $"'{c.Name}': '{ContractChecks.LandedType(c.Type)}'"));
        var list = string.Join(", ", files.Select(f => $"'{f.Replace("'", "''")}'"));
        var clock = Stopwatch.StartNew();
        using var command = db.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_json([{list}], format = 'newline_delimited', columns = {{{columns}}})) " +
                              $"TO '{Path.Combine(work, "bare.parquet")}' (FORMAT parquet, COMPRESSION zstd)";
        command.ExecuteNonQuery();
        return clock.Elapsed.TotalSeconds;
    }

    private static (long Rows, double Seconds) TimeIngest(string clicksDir, ContractEntity entity, string work)
    {
        var layout = new OutputLayout(work);
        using var db = DuckDbSession.Open(layout.Temp, new EngineOptions());
        var zone = new RawZone(layout.Raw, layout.Quarantine, layout.State, layout.Staging("ingest").State, layout.History);
        var clock = Stopwatch.StartNew();
        var result = new IngestSession(db, zone, DateTime.UtcNow, fullRefresh: false)
            .IngestEntity(new LogFolderConnector(db, clicksDir, clicksDir), entity);
        return (result.RowsIn, clock.Elapsed.TotalSeconds);
    }
}

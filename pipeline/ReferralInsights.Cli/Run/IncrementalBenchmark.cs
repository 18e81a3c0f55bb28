using System.Diagnostics;
using ReferralInsights.Config;
using ReferralInsights.SampleProgram;

namespace ReferralInsights.Cli.Run;

/// <summary>One stage of the incremental run beside the same stage of the full run on the same data.</summary>
internal sealed record IncrementalStage(string Name, double Seconds, double? FullSeconds);

/// <summary>What <c>bench --incremental</c> measured: the run after the newest rows arrived (its wall seconds; the new rows
/// among all the program's rows, and what the run landed: a changed snapshot file is landed whole) against a full run from
/// an empty output folder on the same data, and whether their marts are byte-identical.</summary>
internal sealed record IncrementalBench(double Seconds, double FullSeconds, long NewRows, long Rows, long Landed, bool MartsIdentical,
    IReadOnlyList<IncrementalStage> Stages)
{
    public double Ratio => FullSeconds > 0 ? Math.Round(Seconds / FullSeconds, 3) : 0;
    public double NewShare => Rows > 0 ? Math.Round((double)NewRows / Rows, 4) : 0;
}

/// <summary>The incremental half of <c>bench --incremental</c>: copies the generated program to <c>incremental/sample</c>,
/// withholds what arrived in the last 1 % of the program's time (<see cref="ProgramHoldback"/>), runs on the rest from an
/// empty output folder, delivers the withheld rows as their sources would and times the next run. The full run to compare
/// with then runs on that same copy (<see cref="FullRunConfig"/>), into <c>incremental/out-full</c>.</summary>
internal sealed class IncrementalBenchmark(RunLog log, LoadedConfig loaded, string programDir)
{
    /// <summary>The share of the program's time whose rows arrive as the new data.</summary>
    public const double NewTimeShare = 0.01;

    private readonly LoadedConfig _copy = loaded with { BaseDirectory = Path.Combine(loaded.BaseDirectory, "incremental") };
    private RunManifest? _incremental;
    private HoldbackSummary? _held;
    private double _seconds;

    /// <summary>The config of the full run to compare with: the copied program, a separate output folder.</summary>
    public LoadedConfig FullRunConfig => _copy with { Config = _copy.Config with { Output = _copy.Config.Output with { Dir = "out-full" } } };

    public void RunIncremental(DateOnly asOf)
    {
        var copyProgram = _copy.ResolvePath(_copy.Config.Sample!.Path);
        if (copyProgram == programDir)
            throw new ArgumentException($"bench --incremental needs a relative sample path (it copies the program): {programDir}");
        if (Directory.Exists(_copy.BaseDirectory)) Directory.Delete(_copy.BaseDirectory, recursive: true);
        log.Line("bench", $"incremental: copying {programDir} to {copyProgram}");
        Folders.Copy(programDir, copyProgram);
        var cut = SampleProgramGenerator.ProgramEndInstant - (SampleProgramGenerator.ProgramEndInstant - SampleProgramGenerator.ProgramStartInstant) * NewTimeShare;
        var held = _held = ProgramHoldback.Withhold(copyProgram, cut);
        log.Line("bench", $"incremental: withheld the {held.Withheld:N0} rows that arrived after {cut:yyyy-MM-dd HH:mm} UTC; first run on the other {held.Kept:N0}");
        new PipelineRunner(log, TimeProvider.System).Run(_copy, asOf, RunScope.Everything, fullRefresh: true);
        ProgramHoldback.Release(copyProgram);
        log.Line("bench", "incremental: the withheld rows delivered; the timed run");
        var clock = Stopwatch.StartNew();
        _incremental = new PipelineRunner(log, TimeProvider.System).Run(_copy, asOf, RunScope.Everything, fullRefresh: false).Manifest;
        _seconds = clock.Elapsed.TotalSeconds;
    }

    /// <summary>The incremental run against the full run of <see cref="FullRunConfig"/>.</summary>
    public IncrementalBench Compare(RunManifest full, double fullSeconds)
    {
        if (_incremental is not { } incremental || _held is not { } held) throw new InvalidOperationException("the incremental run has not run");
        var identical = MartsFingerprint.Of(new OutputLayout(_copy.OutputDir).Marts) == MartsFingerprint.Of(new OutputLayout(FullRunConfig.OutputDir).Marts);
        var fullStages = full.Stages.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Sum(s => s.Seconds));
        var stages = incremental.Stages.GroupBy(s => s.Name)
            .Select(g => new IncrementalStage(g.Key, Math.Round(g.Sum(s => s.Seconds), 3), fullStages.TryGetValue(g.Key, out var f) ? Math.Round(f, 3) : null))
            .ToList();
        return new IncrementalBench(Math.Round(_seconds, 3), Math.Round(fullSeconds, 3), held.Withheld, held.Kept + held.Withheld,
            incremental.Entities.Sum(e => e.Landed), identical, stages);
    }
}

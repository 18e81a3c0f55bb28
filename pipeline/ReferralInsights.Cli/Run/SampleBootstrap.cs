using ReferralInsights.Config;
using ReferralInsights.SampleProgram;

namespace ReferralInsights.Cli.Run;

/// <summary>Makes the README's one command work on a fresh clone: when the config names a sample program and a
/// source's folder (files, logs) or SQLite database is missing, the sample is generated first.</summary>
internal static class SampleBootstrap
{
    public static void EnsureSampleData(LoadedConfig loaded, RunLog log)
    {
        if (loaded.Config.Sample is not { } sample) return;
        var sources = SourcesOptions.Names.Select(loaded.Config.Sources.Of);
        var missing = sources.Where(s => s.Kind switch
        {
            "files" or "logs" => !Directory.Exists(loaded.ResolvePath(s.Path!)),
            "sqlite" => !File.Exists(loaded.ResolvePath(s.Path!)),
            _ => false,
        }).ToList();
        if (missing.Count == 0) return;
        var target = loaded.ResolvePath(sample.Path);
        var scale = ScaleNames.Parse(sample.Scale);
        log.Line("sample", $"input missing ({string.Join(", ", missing.Select(s => s.Path))}): generating the sample program " +
                           $"({sample.Scale}, seed {sample.Seed}) into {target}");
        var summary = SampleProgramGenerator.Generate(target, sample.Seed, scale, log.For("sample"));
        log.Line("sample", $"generated {summary.RowsPerEntity.Values.Sum():N0} rows in {summary.Elapsed.TotalSeconds:0.0} s");
    }
}

using System.Diagnostics;
using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Simulation;
using ReferralInsights.SampleProgram.World;

namespace ReferralInsights.SampleProgram;

/// <summary>small ≈ 150 partners, 5k referrals, 200k clicks; medium ≈ 1,000 / 100k / 2M; large ≈ 5,000 / 1M / 20M.</summary>
public enum SampleScale { Small, Medium, Large }

/// <summary>What a generation wrote: rows per contract entity ("crm/accounts" …, in contract order) and how long it took.</summary>
public sealed record GenerationSummary(IReadOnlyDictionary<string, long> RowsPerEntity, TimeSpan Elapsed);

/// <summary>Writes a realistic, deterministic referral program in the file-drop format of data-contract.md:
/// <c>crm/*.csv</c>, <c>portal/*.csv</c>, <c>clicks/clicks.ndjson.gz</c>, <c>clicks/conversions.ndjson.gz</c>, and the
/// answer key <c>ground_truth.csv</c> (<c>kind,id,partner_ids,quality</c>). See docs/sample-program.md.</summary>
public static class SampleProgramGenerator
{
    /// <summary>The last day with data (UTC); the program starts on 2024-07-01.</summary>
    public static readonly DateOnly ProgramEnd = DateOnly.FromDateTime(ProgramCalendar.End);

    /// <summary>The program's first and last instants (UTC).</summary>
    public static readonly DateTime ProgramStartInstant = ProgramCalendar.Start, ProgramEndInstant = ProgramCalendar.End;

    /// <summary>Generates the sample program into <paramref name="outDir"/>, overwriting its files. The same seed and
    /// scale always write byte-identical files.</summary>
    public static GenerationSummary Generate(string outDir, int seed, SampleScale scale, IProgress<string>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var stopwatch = Stopwatch.StartNew();
        var profile = ScaleProfile.For(scale);
        progress?.Report($"generating the {scale.ToString().ToLowerInvariant()} sample program (seed {seed}) into {outDir}");
        IReadOnlyDictionary<string, long> rows;
        using (var files = new SampleFiles(outDir))
        {
            ProgramSimulation.Run(files, seed, profile, progress);
            rows = files.RowsPerEntity();
        }
        return new GenerationSummary(rows, stopwatch.Elapsed);
    }
}

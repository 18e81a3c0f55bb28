using ReferralInsights.Cli;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>The repository's pipeline.yaml (and its review decisions) copied into an empty folder and run through the CLI, as a new user on a
/// fresh clone would: the sample program is generated first (small, seed 42), then every stage runs.</summary>
public sealed class SampleProgramRun : IDisposable
{
    public static readonly DateOnly AsOf = new(2026, 10, 31);
    /// <summary>The contact pseudonym key every run of these tests has in its environment (see <see cref="Cli"/>).</summary>
    public const string PseudonymKey = "test-pseudonym-key-5b1e90c4";

    public SampleProgramRun()
    {
        Root = Directory.CreateTempSubdirectory("ri-e2e-").FullName;
        ConfigPath = Path.Combine(Root, "pipeline.yaml");
        File.Copy(Path.Combine(RepoPaths.Root, "pipeline.yaml"), ConfigPath);
        CopyReviewDecisions(RepoPaths.Root, Root);
        (ExitCode, Output, Error) = Cli.Invoke("run", "--config", ConfigPath, "--as-of", AsOf.ToString("yyyy-MM-dd"));
    }

    public string Root { get; }
    public string ConfigPath { get; }
    public int ExitCode { get; }
    public string Output { get; }
    public string Error { get; }
    public string SampleDir => Path.Combine(Root, "sample");
    public string OutDir => Path.Combine(Root, "out");
    public string Mart(string name) => Path.Combine(OutDir, "marts", name + ".parquet");

    /// <summary>A DuckDB table expression over the published live raw batches of an entity ("portal/referrals").</summary>
    public string Raw(string entity) => RawZoneFiles.Landed(OutDir, entity);

    /// <summary>The same over the entity's published quarantine batches.</summary>
    public string Quarantine(string entity) => RawZoneFiles.Quarantined(OutDir, entity);

    /// <summary>A copy of the generated sample program and pipeline.yaml in <c>Root/name</c> (no output yet), for runs
    /// that must not touch this one's output; returns the folder.</summary>
    public string CopyProgram(string name) => CopyProgramOf(Root, name);

    /// <summary>The same of another program folder (its sample/, pipeline.yaml and review decisions, not its output).</summary>
    public string CopyProgramOf(string programRoot, string name)
    {
        var root = Path.Combine(Root, name);
        var sample = Path.Combine(programRoot, "sample");
        foreach (var file in Directory.GetFiles(sample, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, "sample", Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.Copy(Path.Combine(programRoot, "pipeline.yaml"), Path.Combine(root, "pipeline.yaml"));
        CopyReviewDecisions(programRoot, root);
        return root;
    }

    /// <summary>Rows read per entity ("portal/referrals") by the latest run of the program at <paramref name="root"/>, from its manifest.</summary>
    public static Dictionary<string, long> RowsInOfLatestRun(string root)
    {
        var latest = Directory.GetFiles(Path.Combine(root, "out", "runs"), "manifest.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Last();
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(latest));
        return json.RootElement.GetProperty("entities").EnumerateArray()
            .ToDictionary(e => $"{e.GetProperty("source").GetString()}/{e.GetProperty("entity").GetString()}", e => e.GetProperty("rows_in").GetInt64());
    }

    /// <summary>The sample's review decisions (pipeline.yaml's compliance.review_decisions) go where the config is.</summary>
    public static void CopyReviewDecisions(string from, string to)
    {
        Directory.CreateDirectory(Path.Combine(to, "decisions"));
        File.Copy(Path.Combine(from, ReviewsFile), Path.Combine(to, ReviewsFile));
    }

    public const string ReviewsFile = "decisions/reviews.yaml";

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>Runs the CLI in this process, with <see cref="SampleProgramRun.PseudonymKey"/> as the contact pseudonym key (set
/// once for the process, so CLI processes started by tests have it too).</summary>
public static class Cli
{
    static Cli() => Environment.SetEnvironmentVariable(ReferralInsights.Reports.ContactPseudonyms.KeyVariable, SampleProgramRun.PseudonymKey);

    public static (int ExitCode, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Build().Parse(args).Invoke(new() { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}

[CollectionDefinition(Name)]
public sealed class SampleProgramCollection : ICollectionFixture<SampleProgramRun>
{
    public const string Name = "sample program run";
}

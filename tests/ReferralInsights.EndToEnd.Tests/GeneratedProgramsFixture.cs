namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Two more small sample programs with other seeds, generated once into a temp folder and run through the CLI —
/// one with the default reward model, one paying by Shapley — for the property tests.</summary>
public sealed class GeneratedProgramsFixture : IDisposable
{
    public static readonly (int Seed, string RewardModel)[] Variants = [(7, "primary_share"), (2026, "shapley")];

    public GeneratedProgramsFixture()
    {
        Root = Directory.CreateTempSubdirectory("ri-props-").FullName;
        var template = File.ReadAllText(Path.Combine(RepoPaths.Root, "pipeline.yaml"));
        foreach (var (seed, rewardModel) in Variants)
        {
            var dir = Directory.CreateDirectory(Path.Combine(Root, $"seed{seed}")).FullName;
            var yaml = Replace(Replace(template, "seed: 42", $"seed: {seed}"), "reward_model: primary_share", $"reward_model: {rewardModel}");
            var config = Path.Combine(dir, "pipeline.yaml");
            File.WriteAllText(config, yaml);
            var (exit, output, error) = Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31");
            if (exit != 0) throw new InvalidOperationException($"seed {seed}: run failed\n{error}\n{output}");
            MartDirs.Add(Path.Combine(dir, "out", "marts"));
        }
    }

    public string Root { get; }

    /// <summary>The published marts folder of each variant, in <see cref="Variants"/> order.</summary>
    public List<string> MartDirs { get; } = [];

    private static string Replace(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal) ? text.Replace(from, to, StringComparison.Ordinal)
            : throw new InvalidOperationException($"pipeline.yaml no longer contains '{from}'");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

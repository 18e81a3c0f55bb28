using ReferralInsights.Config;
using ReferralInsights.SampleProgram;

namespace ReferralInsights.Cli;

/// <summary>The sample scales, named once in the config (<see cref="SampleOptions.Scales"/>).</summary>
internal static class ScaleNames
{
    public static readonly string[] All = [.. SampleOptions.Scales];

    /// <summary>A scale the config accepts (<see cref="SampleOptions.Scales"/>) as the generator's <see cref="SampleScale"/> of the same name.</summary>
    public static SampleScale Parse(string name) =>
        All.Contains(name.ToLowerInvariant()) && Enum.TryParse<SampleScale>(name, ignoreCase: true, out var scale) ? scale
            : throw new ArgumentException($"unknown scale '{name}': use {string.Join(", ", All)}");
}

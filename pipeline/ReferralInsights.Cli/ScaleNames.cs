using ReferralInsights.Config;
using ReferralInsights.SampleProgram;

namespace ReferralInsights.Cli;

public static class ScaleNames
{
    public static readonly string[] All = [.. SampleOptions.Scales];

    public static SampleScale Parse(string name) => name.ToLowerInvariant() switch
    {
        "small" => SampleScale.Small,
        "medium" => SampleScale.Medium,
        "large" => SampleScale.Large,
        _ => throw new ArgumentException($"unknown scale '{name}': use {string.Join(", ", All)}"),
    };
}

namespace ReferralInsights.Config;

/// <summary>The bundled sample program (an addition to pipeline.example.yaml): when set and a files source's
/// folder is missing, <c>run</c> first generates the sample program into <see cref="Path"/>.</summary>
public sealed record SampleOptions
{
    /// <summary>Folder the generator writes crm/, portal/ and clicks/ into; relative to the config file.</summary>
    public string Path { get; init; } = "sample";
    public int Seed { get; init; } = 42;
    /// <summary>One of <see cref="Scales"/>.</summary>
    public string Scale { get; init; } = "small";

    public static readonly IReadOnlyList<string> Scales = ["small", "medium", "large"];
}

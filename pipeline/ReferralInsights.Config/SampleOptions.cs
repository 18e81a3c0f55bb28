namespace ReferralInsights.Config;

/// <summary>The bundled sample program (an addition to pipeline.example.yaml): when set and a files source's
/// folder is missing, <c>run</c> first generates the sample program into <see cref="Path"/>.</summary>
public sealed class SampleOptions
{
    /// <summary>Folder the generator writes crm/, portal/ and clicks/ into; relative to the config file.</summary>
    public string Path { get; set; } = "sample";
    public int Seed { get; set; } = 42;
    /// <summary>One of <see cref="Scales"/>.</summary>
    public string Scale { get; set; } = "small";

    public static readonly IReadOnlyList<string> Scales = ["small", "medium", "large"];
}

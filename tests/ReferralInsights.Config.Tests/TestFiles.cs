namespace ReferralInsights.Config.Tests;

internal static class TestFiles
{
    /// <summary>The copy of the spec's pipeline.example.yaml shipped with the tests.</summary>
    public static string Example => Path.Combine(AppContext.BaseDirectory, "TestData", "pipeline.example.yaml");

    /// <summary>The example's commented-out HubSpot / PostgreSQL alternatives, switched on.</summary>
    public static string HubSpotPostgres => Path.Combine(AppContext.BaseDirectory, "TestData", "pipeline.hubspot-postgres.yaml");

    /// <summary>Parses YAML that must be rejected; the file is named pipeline.yaml in messages.</summary>
    public static ConfigException ParseFails(string yaml) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "pipeline.yaml"));

    public static PipelineConfig Parse(string yaml) => ConfigLoader.Parse(yaml, "pipeline.yaml");
}

/// <summary>A fresh folder under the temp directory, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ri-config-").FullName;

    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

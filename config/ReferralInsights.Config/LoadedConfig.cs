namespace ReferralInsights.Config;

/// <summary>A validated configuration and where it came from.</summary>
/// <param name="FilePath">Full path of the configuration file.</param>
/// <param name="BaseDirectory">The file's folder; relative paths in the file are relative to it.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the file's bytes (the run manifest's config hash).</param>
public sealed record LoadedConfig(PipelineConfig Config, string FilePath, string BaseDirectory, string Hash)
{
    /// <summary>An absolute path stays as it is; a relative one is taken from the config file's folder.</summary>
    public string ResolvePath(string relativeOrAbsolute)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativeOrAbsolute);
        return Path.GetFullPath(relativeOrAbsolute, Path.GetFullPath(BaseDirectory));
    }

    /// <summary><c>output.dir</c>, resolved.</summary>
    public string OutputDir => ResolvePath(Config.Output.Dir);
}

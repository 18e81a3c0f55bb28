using DuckDB.NET.Data;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using ReferralInsights.Ingest.Files;
using ReferralInsights.Ingest.HubSpot;
using ReferralInsights.Ingest.Landing;
using ReferralInsights.Ingest.Logs;
using ReferralInsights.Ingest.Postgres;
using ReferralInsights.Ingest.Sqlite;

namespace ReferralInsights.Cli.Run;

/// <summary>The connector a source's <c>kind</c> names, built from its configuration (secrets from the environment).</summary>
internal static class SourceConnectors
{
    public static ISourceConnector Create(DuckDBConnection db, LoadedConfig loaded, string source)
    {
        var options = loaded.Config.Sources.Of(source);
        return options.Kind switch
        {
            "files" => new FileDropConnector(db, loaded.ResolvePath(options.Path!), loaded.BaseDirectory),
            "exports" => new FileDropConnector(db, loaded.ResolvePath(options.Path!), loaded.BaseDirectory,
                new ExportMapping(options.Columns, options.Values, options.TimestampFormat, options.WonStages, options.LostStages)),
            "logs" => new LogFolderConnector(db, loaded.ResolvePath(options.Path!), loaded.BaseDirectory),
            "sqlite" => new SqlitePortalConnector(db, loaded.ResolvePath(options.Path!),
                Path.GetRelativePath(loaded.BaseDirectory, loaded.ResolvePath(options.Path!)).Replace('\\', '/')),
            "postgres" => new PostgresPortalConnector(db, Secret(options.ConnectionStringEnv!, $"sources.{source}.connection_string_env"),
                $"postgres ${options.ConnectionStringEnv}"),
            "hubspot" => new HubSpotConnector(db,
                new HubSpotClient(new Uri(options.BaseUrl!), Secret(options.TokenEnv!, $"sources.{source}.token_env"), options.TokenEnv!, HubSpotLimits.Default),
                new HubSpotMapping(options.Stages, options.WonStages, options.LostStages, options.Properties)),
            _ => throw new NotSupportedException($"sources.{source}.kind '{options.Kind}' is not supported yet"),
        };
    }

    /// <summary>The value of the environment variable a config key names; its absence is an error naming the variable, never a value.</summary>
    public static string Secret(string variable, string key) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new IngestException($"{key}: the environment variable {variable} is not set");
}

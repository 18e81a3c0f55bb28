using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;
using ReferralInsights.Ingest.Database;

namespace ReferralInsights.Ingest.Postgres;

/// <summary>The portal in PostgreSQL (<c>kind: postgres</c>): the connection string comes from the environment variable
/// <c>connection_string_env</c> names, never from the config file; tables are looked up in the connection's current schema.</summary>
public sealed class PostgresPortalConnector(DuckDBConnection db, string connectionString, string displayName) : DatabaseConnector(db)
{
    public override string Location => displayName;

    protected override DbConnection Connect()
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            connection.Dispose();
            throw new IngestException($"source 'portal': cannot connect to PostgreSQL ({displayName}): {e.Message}", displayName);
        }
        return connection;
    }

    protected override string TableCountSql =>
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name";

    protected override string AfterWatermark(string quotedColumn) => $"{quotedColumn} > CAST(@watermark AS timestamptz)";
}

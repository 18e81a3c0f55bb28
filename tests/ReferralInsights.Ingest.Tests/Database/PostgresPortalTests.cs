using Npgsql;
using ReferralInsights.Ingest.Landing;
using ReferralInsights.Ingest.Postgres;

namespace ReferralInsights.Ingest.Tests.Database;

[Collection(PostgresCollection.Name)]
public sealed class PostgresPortalTests : PortalDatabaseContract
{
    private readonly PostgresServer _server;
    private readonly string _schema = "t" + Guid.NewGuid().ToString("N")[..12];

    public PostgresPortalTests(PostgresServer server)
    {
        _server = server;
        Run(_server.ConnectionString, $"CREATE SCHEMA {_schema}");
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server.ConnectionString) { SearchPath = _schema }.ToString();

    protected override void Exec(string sql) => Run(ConnectionString, sql);

    private static void Run(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    protected override ISourceConnector Connector() => new PostgresPortalConnector(H.Db, ConnectionString, "postgres $PORTAL_PG");

    protected override string Timestamp => "TIMESTAMPTZ";

    protected override string At(string utc) => $"'{utc}+00'";

    public override void Dispose()
    {
        Run(_server.ConnectionString, $"DROP SCHEMA {_schema} CASCADE");
        base.Dispose();
    }
}

using Microsoft.Data.Sqlite;
using ReferralInsights.Ingest.Landing;
using ReferralInsights.Ingest.Sqlite;

namespace ReferralInsights.Ingest.Tests.Database;

public sealed class SqlitePortalTests : PortalDatabaseContract
{
    private string File => Path.Combine(H.Root, "portal.db");

    protected override void Exec(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    protected override ISourceConnector Connector()
    {
        if (!System.IO.File.Exists(File)) Exec("CREATE TABLE _created (x INTEGER)");
        return new SqlitePortalConnector(H.Db, File, "portal.db");
    }

    // SQLite has no timestamp type: ISO-8601 text is its convention.
    protected override string Timestamp => "TEXT";

    protected override string At(string utc) => $"'{utc.Replace(' ', 'T')}Z'";
}

using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using ReferralInsights.Ingest.Database;

namespace ReferralInsights.Ingest.Sqlite;

/// <summary>The portal in an SQLite database file (<c>kind: sqlite</c>, <c>path:</c> the file), opened read-only.
/// SQLite stores timestamps as ISO-8601 text and compares <c>updated_at</c> as text, so the watermark is the newest value as stored.</summary>
public sealed class SqlitePortalConnector(DuckDBConnection db, string databaseFile, string displayName) : DatabaseConnector(db)
{
    public override string Location => displayName;

    protected override DbConnection Connect()
    {
        if (!File.Exists(databaseFile))
            throw new IngestException($"source 'portal': SQLite database {databaseFile} does not exist", databaseFile);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    protected override string TableCountSql => "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = @name";

    protected override string AfterWatermark(string quotedColumn) => $"{quotedColumn} > @watermark";
}

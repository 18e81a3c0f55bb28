using System.Globalization;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using ReferralInsights.Ingest.Landing;
using ReferralInsights.Ingest.Tests.Database;
using ReferralInsights.Ingest.Tests.HubSpot;
using ReferralInsights.Transform;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>One program through different connectors: the sample run (CRM files, portal SQLite, click logs) against the
/// same program as CRM exports (the CRM's own column labels, mapped by <c>columns:</c>), portal CSV files and click files, and
/// against its portal served by a real PostgreSQL; and the program as a HubSpot account holds it, read from files against
/// read from the HubSpot API. The staged tables are equal and the published marts byte-identical.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed partial class ConnectorEquivalenceTests(SampleProgramRun run)
{
    [Fact]
    public void ExportsPortalFilesAndClickFiles_PublishTheSameAsTheSampleRun()
    {
        var root = run.CopyProgram("via-exports");
        var mapping = RelabelCrmExports(Path.Combine(root, "sample", "crm"));
        SourcesConfig.Replace(root, "  crm:\n    kind: exports\n    path: sample/crm\n    columns:\n" + mapping,
            "  portal:\n    kind: files\n    path: sample/portal\n", "  clicks:\n    kind: files\n    path: sample/clicks\n");

        AssertSamePublication(root, "sample/crm/opportunities.csv", "sample/portal/referrals.csv", "sample/clicks/clicks.ndjson.gz");
    }

    [Fact]
    public void PortalInPostgres_PublishesTheSameAsTheSampleRun_AndItsPasswordNowhere()
    {
        var server = new PostgresServer();
        try
        {
            var schema = "eq" + Guid.NewGuid().ToString("N")[..10];
            LoadLandedPortal(server.ConnectionString, schema);
            var variable = "RI_EQUIVALENCE_PG_" + schema;
            // the test server trusts local connections, so the password is never checked: it is there to be looked for
            const string password = "pg-secret-7f3a91c2";
            Environment.SetEnvironmentVariable(variable, new NpgsqlConnectionStringBuilder(server.ConnectionString) { SearchPath = schema, Password = password }.ToString());
            var root = run.CopyProgram("via-postgres");
            SourcesConfig.Replace(root, null, $"  portal:\n    kind: postgres\n    connection_string_env: {variable}\n", null);

            var (output, error) = AssertSamePublication(root, $"postgres ${variable}#referrals");
            SecretScan.AssertNowhere(Path.Combine(root, "out"), password, output, error);
        }
        finally
        {
            server.Dispose();
        }
    }

    [Fact]
    public void HubSpotApi_PublishesTheSameAsTheAccountAsFiles_AndItsIncrementalReadEqualsAFullRefresh()
    {
        using var hubspot = new FakeHubSpot();
        Environment.SetEnvironmentVariable(HubSpotAccount.TokenVariable, FakeHubSpot.Token);
        const string portalFiles = "  portal:\n    kind: files\n    path: sample/portal\n";
        var files = run.CopyProgram("hubspot-as-files");
        HubSpotAccount.Reshape(files);
        SourcesConfig.Replace(files, "  crm:\n    kind: files\n    path: sample/crm\n", portalFiles, null);
        var api = run.CopyProgramOf(files, "hubspot-api");
        HubSpotAccount.Serve(api, hubspot);
        SourcesConfig.Replace(api, HubSpotAccount.CrmSource(hubspot), null, null);
        Run(files, "sample/crm/opportunities.csv");

        Run(api, "hubspot:deals", "hubspot:companies", "hubspot:meetings", "hubspot:notes");

        // the findings name the row they came from (a file's line or a HubSpot object's position in the read): all else is the same
        AssertSameStagedTablesAndMarts(files, api, "fct_data_quality");
        Assert.Equal(DataQualityWithoutProvenance(files), DataQualityWithoutProvenance(api));
        Assert.Contains(DataQuality(api), f => f.Contains("(hubspot:", StringComparison.Ordinal));

        // a deal changed and a meeting logged on it: the next run searches for what was modified since and lands only that
        var deal = hubspot.Objects["deals"].First(d => d.Properties["deal_currency_code"] == "USD" && d.Properties["dealstage"] == "closedwon");
        // modified after everything landed, as a change made now is (the search asks for hs_lastmodifieddate after the newest landed)
        var changedAt = hubspot.Objects.Values.SelectMany(o => o).Max(o => o.ModifiedMs) + 60_000;
        deal.Properties["amount"] = "123456.00";
        deal.ModifiedMs = changedAt;
        var meeting = hubspot.Add("meetings", hubspot.Objects["meetings"].Max(m => m.Id) + 1, changedAt, ("hs_timestamp", "2026-10-30T09:00:00Z"));
        meeting.Associations["deals"] = [deal.Id];
        Run(api);
        var rowsIn = SampleProgramRun.RowsInOfLatestRun(api);
        Assert.Equal(1L, rowsIn["crm/opportunities"]);
        Assert.Equal(deal.StageHistory.Count, rowsIn["crm/opportunity_stages"]);
        Assert.Equal(1L, rowsIn["crm/activities"]);
        Assert.Equal(0L, rowsIn.Where(e => e.Key is not ("crm/opportunities" or "crm/opportunity_stages" or "crm/activities")).Sum(e => e.Value));
        using (var db = new Db())
        {
            Assert.Equal(123456.00m, db.Scalar<decimal>($"SELECT amount_usd FROM '{Path.Combine(api, "out", "marts", "fct_opportunities.parquet")}' WHERE opportunity_id = '{deal.Id}'"));
            Assert.Equal(1L, db.Scalar<long>($"SELECT count(*) FROM {RawZoneFiles.Landed(Path.Combine(api, "out"), "crm/activities")} " +
                                             $"WHERE activity_id = 'meeting-{meeting.Id}' AND opportunity_id = '{deal.Id}'"));
        }
        var refreshed = run.CopyProgramOf(api, "hubspot-api-refresh");
        Run(refreshed, "hubspot:deals");
        PublishedMarts.AssertIdentical(Path.Combine(refreshed, "out"), Path.Combine(api, "out"), "the incremental HubSpot read (against a full read)");
    }

    /// <param name="readFrom">pieces the run's log must show it read (so the variant really used its connectors)</param>
    /// <returns>the run's console output</returns>
    private static (string Output, string Error) Run(string root, params string[] readFrom)
    {
        var (exit, output, error) = Cli.Invoke("run", "--config", Path.Combine(root, "pipeline.yaml"), "--as-of", SampleProgramRun.AsOf.ToString("yyyy-MM-dd"));
        Assert.True(exit == 0, output + error);
        foreach (var piece in readFrom) Assert.Contains($": {piece} read (", output);
        return (output, error);
    }

    /// <summary>The variant at <paramref name="root"/> ran to the staged tables and marts of the sample run.</summary>
    private (string Output, string Error) AssertSamePublication(string root, params string[] readFrom)
    {
        var result = Run(root, readFrom);
        AssertSameStagedTablesAndMarts(run.Root, root);
        return result;
    }

    private static List<string> DataQuality(string root)
    {
        using var db = new Db();
        return db.Rows($"SELECT concat_ws('|', \"check\", severity, entity, entity_id, detail) FROM '{Path.Combine(root, "out", "marts", "fct_data_quality.parquet")}'")
            .Select(r => (string)r[0]!).ToList();
    }

    private static List<string> DataQualityWithoutProvenance(string root) =>
        DataQuality(root).Select(f => ProvenanceSuffix().Replace(f, "")).Order(StringComparer.Ordinal).ToList();

    [System.Text.RegularExpressions.GeneratedRegex(@" \([^()]+ line \d+\)$")]
    private static partial System.Text.RegularExpressions.Regex ProvenanceSuffix();

    private static void AssertSameStagedTablesAndMarts(string expectedRoot, string actualRoot, params string[] exceptMarts)
    {
        var expected = StagedTables(Path.Combine(expectedRoot, "out"), Path.Combine(expectedRoot, "pipeline.yaml"));
        var actual = StagedTables(Path.Combine(actualRoot, "out"), Path.Combine(actualRoot, "pipeline.yaml"));
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var table in expected.Keys) Assert.True(expected[table].SequenceEqual(actual[table]), $"{table} differs");
        PublishedMarts.AssertIdentical(Path.Combine(expectedRoot, "out"), Path.Combine(actualRoot, "out"), Path.GetFileName(actualRoot), exceptMarts);
    }

    /// <summary>Every staged table's rows as text, sorted, without the columns that name where a row came from.</summary>
    private static Dictionary<string, List<string>> StagedTables(string outDir, string configPath)
    {
        using var conn = new DuckDBConnection("DataSource=:memory:");
        conn.Open();
        Warehouse.AttachRawZone(conn, RawZone.LiveFiles(Path.Combine(outDir, "raw"), Path.Combine(outDir, "state")));
        Warehouse.Build(conn, ConfigLoader.Load(configPath).Config, SampleProgramRun.AsOf);
        var tables = new Dictionary<string, List<string>>();
        using var db = new DbOn(conn);
        foreach (var table in db.Column("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'stg_%' ORDER BY 1"))
        {
            var columns = db.Column($"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' AND column_name NOT IN ('_source_file', '_line', '_ingested_at') ORDER BY ordinal_position");
            var row = string.Join(" || '|' || ", columns.Select(c => $"coalesce(CAST(\"{c}\" AS VARCHAR), '∅')"));
            tables[table] = db.Column($"SELECT {row} FROM {table} ORDER BY 1");
        }
        return tables;
    }

    /// <summary>Rewrites each CRM file's header to labels ("Account Id" for account_id) and returns the columns: mapping back.</summary>
    private static string RelabelCrmExports(string crmDir)
    {
        var yaml = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(crmDir, "*.csv").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            var header = lines[0].Split(',');
            string Label(string c) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(c.Replace('_', ' '));
            lines[0] = string.Join(',', header.Select(Label));
            File.WriteAllLines(file, lines);
            yaml.Append($"      {Path.GetFileNameWithoutExtension(file)}:\n");
            foreach (var c in header) yaml.Append($"        {c}: \"{Label(c)}\"\n");
        }
        return yaml.ToString();
    }

    /// <summary>The portal rows the sample run landed, as PostgreSQL tables with the contract's native types.</summary>
    private void LoadLandedPortal(string connectionString, string schema)
    {
        using var pg = new NpgsqlConnection(connectionString);
        pg.Open();
        void Exec(string sql) { using var c = new NpgsqlCommand(sql, pg); c.ExecuteNonQuery(); }
        Exec($"CREATE SCHEMA {schema}");
        using var db = new Db();
        foreach (var entity in Contract.OfSource("portal"))
        {
            Exec($"CREATE TABLE {schema}.{entity.Name} ({string.Join(", ", entity.Columns.Select(c => $"{c.Name} {PgType(c.Type)}"))})");
            var columns = string.Join(", ", entity.Columns.Select(c => c.Name));
            var rows = db.Rows($"SELECT {columns} FROM {run.Raw(entity.QualifiedName)} ORDER BY _line");
            using var copy = pg.BeginBinaryImport($"COPY {schema}.{entity.Name} ({columns}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                copy.StartRow();
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null) copy.WriteNull();
                    else if (row[i] is DateTime t) copy.Write(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                    else copy.Write(row[i]!);
                }
            }
            copy.Complete();
        }
    }

    private static string PgType(ColumnType type) => type switch
    {
        ColumnType.Integer => "BIGINT",
        ColumnType.Decimal => "NUMERIC(18,6)",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Timestamp => "TIMESTAMPTZ",
        _ => "TEXT",
    };

    private sealed class DbOn(DuckDBConnection connection) : IDisposable
    {
        public List<string> Column(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var values = new List<string>();
            while (reader.Read()) values.Add(reader.GetString(0));
            return values;
        }

        public void Dispose() { }
    }
}

using DuckDB.NET.Data;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>The shipped export mappings (examples/*.yaml) read a CRM's own export files onto the contract.</summary>
public sealed class CrmExportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-exports-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private List<object?[]> IngestOpportunities(string example, string exportFolder, string csv)
    {
        var (result, files) = Ingest(File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", example)), exportFolder, "opportunities", csv);
        Assert.Equal(0L, result.Quarantined);
        using var db = new Db();
        return db.Rows($"SELECT opportunity_id, account_id, stage, status, amount, created_at, closed_at, partner_id FROM {files} ORDER BY 1");
    }

    /// <summary>Ingests one export file of a crm entity under the given config; returns the result and a DuckDB table
    /// expression over the landed batches.</summary>
    private (EntityIngestResult Result, string Landed) Ingest(string yaml, string exportFolder, string entity, string csv)
    {
        File.WriteAllText(Path.Combine(_root, "pipeline.yaml"), yaml);
        Directory.CreateDirectory(Path.Combine(_root, exportFolder));
        File.WriteAllText(Path.Combine(_root, exportFolder, entity + ".csv"), csv);
        var loaded = ConfigLoader.Load(Path.Combine(_root, "pipeline.yaml"));
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        var zone = new RawZone(Path.Combine(_root, "raw"), Path.Combine(_root, "quarantine"), Path.Combine(_root, "state"), Path.Combine(_root, "state"),
            Path.Combine(_root, "history"));
        var result = new IngestSession(db, zone, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), false)
            .IngestEntity(SourceConnectors.Create(db, loaded, "crm"), Contract.Entities.Single(e => e.QualifiedName == "crm/" + entity));
        var files = RawZone.LiveFiles(zone.RawRoot, zone.StagedStateDir)["crm/" + entity];
        return (result, $"read_parquet([{string.Join(", ", files.Select(f => $"'{f}'"))}], union_by_name = true)");
    }

    // A Salesforce opportunity report: standard labels, US-locale dates, no status column (won/lost from the stage).
    [Fact]
    public void SalesforceReportExport_MapsOntoOpportunities()
    {
        var rows = IngestOpportunities("salesforce-exports.yaml", "exports/salesforce",
            "\"Opportunity ID\",\"Opportunity Name\",\"Account ID\",\"Stage\",\"Amount\",\"Opportunity Currency\",\"Created Date\",\"Close Date\",\"Partner ID\",\"Lead Source\",\"Last Modified Date\"\n" +
            "\"006A1\",\"Acme renewal\",\"001A1\",\"Closed Won\",\"25000.00\",\"USD\",\"1/15/2025\",\"3/31/2025\",\"P-1\",\"Partner\",\"4/1/2025\"\n" +
            "\"006A2\",\"Beta pilot\",\"001A2\",\"Proposal\",\"8000\",\"EUR\",\"2/1/2025\",\"6/30/2025\",\"\",\"Web\",\"2/2/2025\"\n");

        Assert.Equal(
            [["006A1", "001A1", "Closed Won", "won", 25000m, new DateTime(2025, 1, 15), new DateTime(2025, 3, 31), "P-1"],
             ["006A2", "001A2", "Proposal", "open", 8000m, new DateTime(2025, 2, 1), null, null]],
            rows.Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void HubSpotCsvExport_MapsOntoOpportunities()
    {
        var rows = IngestOpportunities("hubspot-exports.yaml", "exports/hubspot",
            "Record ID,Deal Name,Associated Company IDs (Primary),Deal Stage,Amount,Currency,Create Date,Close Date,Partner ID,Last Modified Date\n" +
            "9001,Gamma,501,Closed Lost,1200.5,USD,2025-03-01 10:00,2025-04-02 09:30,P-2,2025-04-02 09:31\n");

        Assert.Equal([["9001", "501", "Closed Lost", "lost", 1200.5m, new DateTime(2025, 3, 1, 10, 0, 0), new DateTime(2025, 4, 2, 9, 30, 0), "P-2"]],
            rows.Select(r => r.ToArray()).ToArray());
    }

    // A Salesforce activities report names task subtypes, not the contract's activity types: the shipped mapping's
    // values: translate them (any case), and a subtype it does not know is quarantined by the contract's enum check.
    [Fact]
    public void SalesforceActivitiesExport_TranslatesTaskSubtypesToActivityTypes()
    {
        var (result, landed) = Ingest(File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "salesforce-exports.yaml")), "exports/salesforce", "activities",
            "Activity ID,Task Subtype,Date,Opportunity ID,Account ID,Contact ID,Partner ID\n" +
            "00T1,Call,1/15/2025,006A1,001A1,003A1,P-1\n" +
            "00T2,email,1/16/2025,006A1,001A1,003A1,P-1\n" +
            "00T3,Task,1/17/2025,006A1,001A1,003A1,P-1\n" +
            "00T4,ListEmail,1/18/2025,006A1,001A1,003A1,P-1\n" +
            "00T5,Carrier Pigeon,1/19/2025,006A1,001A1,003A1,P-1\n");

        Assert.Equal((5L, 4L, 1L), (result.RowsIn, result.Landed, result.Quarantined));
        using var db = new Db();
        Assert.Equal([["00T1", "call"], ["00T2", "email"], ["00T3", "other"], ["00T4", "email"]],
            db.Rows($"SELECT activity_id, type FROM {landed} ORDER BY 1").Select(r => r.ToArray()).ToArray());
        Assert.Contains("field type: 'Carrier Pigeon' is not one of intro, meeting, demo, email, call, other", Assert.Single(result.SampleReasons));
    }

    // A mapping that names a column or entity the contract does not have would silently read nothing into it: it is
    // refused before anything is read, naming the config key and what it could have been.
    [Fact]
    public void AMappingOfAnUnknownColumnOrEntity_IsRefusedNamingItsKey()
    {
        const string yaml = """
            sources:
              crm:
                kind: exports
                path: exports/x
                columns:
                  opportunities:
                    opportunity_id: Opportunity ID
                    amont: Amount
                  deals:
                    deal_id: Deal ID
                values:
                  activities:
                    kind: {Task: other}
            """;
        var e = Assert.Throws<IngestException>(() => Ingest(yaml, "exports/x", "opportunities", "Opportunity ID\n1\n"));
        Assert.Equal(
            "sources.crm.columns.opportunities.amont: not a column of crm/opportunities (expected one of opportunity_id, account_id, name, " +
            "amount, currency, stage, status, created_at, closed_at, refunded_at, partner_id, lead_source, updated_at); " +
            "sources.crm.columns.deals: not a CRM entity (expected one of accounts, contacts, opportunities, opportunity_stages, fx_rates, activities); " +
            "sources.crm.values.activities.kind: not a column of crm/activities (expected one of activity_id, type, occurred_at, opportunity_id, " +
            "account_id, contact_id, partner_id)",
            e.Message);
    }
}

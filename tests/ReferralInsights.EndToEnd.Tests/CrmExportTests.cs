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
        File.Copy(Path.Combine(RepoPaths.Root, "examples", example), Path.Combine(_root, "pipeline.yaml"));
        Directory.CreateDirectory(Path.Combine(_root, exportFolder));
        File.WriteAllText(Path.Combine(_root, exportFolder, "opportunities.csv"), csv);
        var loaded = ConfigLoader.Load(Path.Combine(_root, "pipeline.yaml"));
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();
        var zone = new RawZone(Path.Combine(_root, "raw"), Path.Combine(_root, "quarantine"), Path.Combine(_root, "state"), Path.Combine(_root, "state"));
        var result = new IngestSession(db, zone, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), false)
            .IngestEntity(SourceConnectors.Create(db, loaded, "crm"), Contract.Entities.Single(e => e.QualifiedName == "crm/opportunities"));
        Assert.Equal(0L, result.Quarantined);
        using var db2 = new Db();
        var files = RawZone.LiveFiles(zone.RawRoot, zone.StagedStateDir)["crm/opportunities"];
        return db2.Rows($"SELECT opportunity_id, account_id, stage, status, amount, created_at, closed_at, partner_id FROM read_parquet([{string.Join(", ", files.Select(f => $"'{f}'"))}], union_by_name = true) ORDER BY 1");
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
}

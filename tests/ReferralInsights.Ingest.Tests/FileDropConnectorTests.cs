using System.IO.Compression;
using System.Text;
using DuckDB.NET.Data;
using ReferralInsights.Ingest;

namespace ReferralInsights.Ingest.Tests;

public sealed class FileDropConnectorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-ingest-").FullName;
    private readonly DuckDBConnection _db = new("DataSource=:memory:");

    public FileDropConnectorTests() => _db.Open();

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private string Raw => Path.Combine(_root, "raw");
    private string Quarantine => Path.Combine(_root, "quarantine");

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, "in", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    private void WriteGzip(string relative, string text)
    {
        var path = Path.Combine(_root, "in", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text));
    }

    private IReadOnlyList<EntityIngestResult> Ingest(string source) =>
        new FileDropConnector(_db, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))
            .IngestSource(source, Path.Combine(_root, "in", source), Raw, Quarantine, Path.Combine(_root, "in"));

    private List<object?[]> Query(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private void WriteMinimalPortal(string referralsCsv)
    {
        Write("portal/partners.csv", "partner_id,name,type,tier,status,joined_at\n");
        Write("portal/links.csv", "referral_code,partner_id\n");
        Write("portal/referrals.csv", referralsCsv);
        Write("portal/disputes.csv", "dispute_id,opportunity_id,claimant_partner_id,opened_at,status\n");
        Write("portal/payouts.csv", "payout_id,partner_id,amount,paid_at\n");
    }

    // Every row that breaks the contract is quarantined with its line, raw text and a reason naming the field;
    // line numbers count physical lines, so a quoted field spanning two lines shifts the rows after it.
    [Fact]
    public void IngestSource_BadRows_AreQuarantinedWithLineRawTextAndFieldReason()
    {
        WriteMinimalPortal(
            "referral_id,partner_id,submitted_at,company_name,employee_count,budget_confirmed,notes\n" + // line 1
            "r1,p1,2025-03-01T10:00:00Z,Acme,120,yes,\"two\nlines\"\n" +                               // lines 2-3
            "r2,p1,,Beta,10,no,\n" +                                                                    // line 4: required empty
            "r3,p1,2025-13-45,Gamma,12x,maybe,\n" +                                                     // line 5: three bad fields
            "r4,p1,2025-03-02,Delta\n" +                                                                // line 6: too few fields
            "r5,p2,2025-03-03T08:30:00+02:00,Epsilon,,TRUE,ok\n");                                     // line 7: offset → UTC

        var results = Ingest("portal");

        var referrals = results.Single(r => r.Entity == "referrals");
        Assert.Equal((5L, 2L, 3L), (referrals.RowsIn, referrals.Landed, referrals.Quarantined));
        var quarantined = Query(
            $"SELECT _line, _raw, _reason FROM '{Quarantine}/portal/referrals/data.parquet' ORDER BY _line");
        Assert.Equal(
            [
                [4L, "r2,p1,,Beta,10,no,", "field submitted_at: required value is empty"],
                [5L, "r3,p1,2025-13-45,Gamma,12x,maybe,",
                    "field submitted_at: '2025-13-45' is not an ISO-8601 date or timestamp; field employee_count: '12x' is not an integer; " +
                    "field budget_confirmed: 'maybe' is not a boolean (true/false/1/0/yes/no)"],
                [6L, "r4,p1,2025-03-02,Delta", "expected 7 fields, found 4"],
            ],
            quarantined.Select(r => r.ToArray()).ToArray());
        var landed = Query(
            $"SELECT referral_id, _line, submitted_at, employee_count, budget_confirmed, notes, _source_file FROM '{Raw}/portal/referrals/data.parquet' ORDER BY _line");
        Assert.Equal(
            [
                ["r1", 2L, new DateTime(2025, 3, 1, 10, 0, 0), 120L, true, "two\nlines", "portal/referrals.csv"],
                ["r5", 7L, new DateTime(2025, 3, 3, 6, 30, 0), null, true, "ok", "portal/referrals.csv"],
            ],
            landed.Select(r => r.ToArray()).ToArray());
    }

    // A header without a required column fails that entity with the file and the column named.
    [Fact]
    public void IngestSource_MissingRequiredColumn_FailsNamingFileAndColumn()
    {
        WriteMinimalPortal("referral_id,partner_id,company_name\nr1,p1,Acme\n");

        var error = Assert.Throws<IngestException>(() => Ingest("portal"));

        Assert.Equal("portal/referrals.csv: required column 'submitted_at' missing (portal/referrals); nothing of portal/referrals was landed",
            error.Message);
    }

    // A required entity with no file is an error; an optional one (partner_tiers) lands as an empty table with the contract schema.
    [Fact]
    public void IngestSource_OptionalEntityAbsent_LandsEmptyWithSchema()
    {
        WriteMinimalPortal("referral_id,partner_id,submitted_at,company_name\n");

        Ingest("portal");

        var columns = Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{Raw}/portal/partner_tiers/data.parquet')");
        Assert.Equal(["partner_id VARCHAR", "tier VARCHAR", "effective_from TIMESTAMP", "_extra VARCHAR", "_ingested_at TIMESTAMP",
            "_source_file VARCHAR", "_line BIGINT"], columns.Select(c => $"{c[0]} {c[1]}"));
        Assert.Equal(0L, Query($"SELECT count(*) FROM '{Raw}/portal/partner_tiers/data.parquet'")[0][0]);
    }

    // NDJSON: one object a line, blank lines are not rows, an unparseable line is quarantined, unknown keys go to _extra,
    // and numbers or booleans written as JSON values are accepted like their text.
    [Fact]
    public void IngestSource_GzippedNdjson_LandsTypedRowsAndQuarantinesBrokenLines()
    {
        WriteGzip("clicks/clicks.ndjson.gz",
            "{\"click_id\":\"c1\",\"clicked_at\":\"2025-05-01T12:00:00Z\",\"referral_code\":\"A\",\"visitor_id\":\"v1\",\"browser\":\"x\"}\n" +
            "\n" +
            "{\"click_id\":\"c2\",\"clicked_at\":\"2025-05-01T12:00:00Z\",\"referral_code\":\"A\"\n" +
            "{\"click_id\":\"c3\",\"clicked_at\":\"2025-05-02\",\"referral_code\":\"B\",\"visitor_id\":7}\n");
        Write("clicks/conversions.ndjson",
            "{\"conversion_id\":\"k1\",\"visitor_id\":\"v1\",\"email\":\"a@b.com\",\"converted_at\":\"2025-05-03T00:00:00Z\"}\n");

        var results = Ingest("clicks");

        var clicks = results.Single(r => r.Entity == "clicks");
        Assert.Equal((3L, 2L, 1L), (clicks.RowsIn, clicks.Landed, clicks.Quarantined));
        var quarantined = Query($"SELECT _line, _reason LIKE 'invalid JSON:%' FROM '{Quarantine}/clicks/clicks/data.parquet'");
        Assert.Equal([3L, true], quarantined.Single());
        var landed = Query($"SELECT click_id, visitor_id, clicked_at, _extra, _line FROM '{Raw}/clicks/clicks/data.parquet' ORDER BY _line");
        Assert.Equal(
            [
                ["c1", "v1", new DateTime(2025, 5, 1, 12, 0, 0), "{\"browser\":\"x\"}", 1L],
                ["c3", "7", new DateTime(2025, 5, 2), null, 4L],
            ],
            landed.Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void IngestSource_RequiredEntityAbsent_FailsNamingTheExpectedFiles()
    {
        Write("clicks/clicks.csv", "click_id,clicked_at,referral_code,visitor_id\n");

        var error = Assert.Throws<IngestException>(() => Ingest("clicks"));

        Assert.StartsWith("clicks/conversions: no input in ", error.Message);
        Assert.EndsWith("(expected conversions.csv, conversions.ndjson, conversions.csv.gz, conversions.ndjson.gz or a folder conversions/)", error.Message);
    }
}

public sealed class NdjsonRequiredColumnTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-ndjson-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // NDJSON has no header: a required key that no row carries fails the entity like a CSV header would.
    [Fact]
    public void IngestSource_NdjsonWithoutARequiredKeyInAnyRow_FailsNamingTheColumn()
    {
        Directory.CreateDirectory(Path.Combine(_root, "clicks"));
        File.WriteAllText(Path.Combine(_root, "clicks", "clicks.ndjson"),
            "{\"click_id\":\"c1\",\"clicked_at\":\"2025-05-01\",\"referral_code\":\"A\"}\n");
        File.WriteAllText(Path.Combine(_root, "clicks", "conversions.ndjson"), "");
        using var db = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        db.Open();

        var error = Assert.Throws<IngestException>(() => new FileDropConnector(db, DateTime.UnixEpoch)
            .IngestSource("clicks", Path.Combine(_root, "clicks"), Path.Combine(_root, "raw"), Path.Combine(_root, "q"), _root));

        Assert.Equal("clicks/clicks.ndjson: required column 'visitor_id' missing (clicks/clicks); nothing of clicks/clicks was landed", error.Message);
    }
}

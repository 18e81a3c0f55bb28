using ReferralInsights.Ingest.Files;

namespace ReferralInsights.Ingest.Tests;

public sealed class FileDropConnectorTests : IDisposable
{
    private readonly IngestHarness _h = new();

    public void Dispose() => _h.Dispose();

    private void Write(string relative, string text) => _h.Write(relative, text);

    private IReadOnlyList<EntityIngestResult> Ingest(string source, bool fullRefresh = false) =>
        _h.Run(source, new FileDropConnector(_h.Db, Path.Combine(_h.In, source), _h.In), fullRefresh);

    private List<object?[]> Query(string sql) => _h.Query(sql);

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
            $"SELECT _line, _raw, _reason FROM {_h.QuarantinedFiles("portal/referrals")} ORDER BY _line");
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
            $"SELECT referral_id, _line, submitted_at, employee_count, budget_confirmed, notes, _source_file FROM {_h.LandedFiles("portal/referrals")} ORDER BY _line");
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

        var columns = Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {_h.LandedFiles("portal/partner_tiers")})");
        Assert.Equal(["partner_id VARCHAR", "tier VARCHAR", "effective_from TIMESTAMP", "_extra VARCHAR", "_ingested_at TIMESTAMP",
            "_source_file VARCHAR", "_line BIGINT"], columns.Select(c => $"{c[0]} {c[1]}"));
        Assert.Equal(0L, Query($"SELECT count(*) FROM {_h.LandedFiles("portal/partner_tiers")}")[0][0]);
    }

    // NDJSON: one object a line, blank lines are not rows, an unparseable line is quarantined, unknown keys go to _extra,
    // and numbers or booleans written as JSON values are accepted like their text.
    [Fact]
    public void IngestSource_GzippedNdjson_LandsTypedRowsAndQuarantinesBrokenLines()
    {
        _h.WriteGzip("clicks/clicks.ndjson.gz",
            "{\"click_id\":\"c1\",\"clicked_at\":\"2025-05-01T12:00:00Z\",\"referral_code\":\"A\",\"visitor_id\":\"v1\",\"browser\":\"x\"}\n" +
            "\n" +
            "{\"click_id\":\"c2\",\"clicked_at\":\"2025-05-01T12:00:00Z\",\"referral_code\":\"A\"\n" +
            "{\"click_id\":\"c3\",\"clicked_at\":\"2025-05-02\",\"referral_code\":\"B\",\"visitor_id\":7}\n");
        Write("clicks/conversions.ndjson",
            "{\"conversion_id\":\"k1\",\"visitor_id\":\"v1\",\"email\":\"a@b.com\",\"converted_at\":\"2025-05-03T00:00:00Z\"}\n");

        var results = Ingest("clicks");

        var clicks = results.Single(r => r.Entity == "clicks");
        Assert.Equal((3L, 2L, 1L), (clicks.RowsIn, clicks.Landed, clicks.Quarantined));
        var quarantined = Query($"SELECT _line, _reason LIKE 'invalid JSON:%' FROM {_h.QuarantinedFiles("clicks/clicks")}");
        Assert.Equal([3L, true], quarantined.Single());
        var landed = Query($"SELECT click_id, visitor_id, clicked_at, _extra, _line FROM {_h.LandedFiles("clicks/clicks")} ORDER BY _line");
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
    private readonly IngestHarness _h = new();

    public void Dispose() => _h.Dispose();

    // NDJSON has no header: a required key that no row carries fails the entity like a CSV header would.
    [Fact]
    public void IngestSource_NdjsonWithoutARequiredKeyInAnyRow_FailsNamingTheColumn()
    {
        _h.Write("clicks/clicks.ndjson", "{\"click_id\":\"c1\",\"clicked_at\":\"2025-05-01\",\"referral_code\":\"A\"}\n");
        _h.Write("clicks/conversions.ndjson", "");

        var error = Assert.Throws<IngestException>(() => _h.Run("clicks", new FileDropConnector(_h.Db, Path.Combine(_h.In, "clicks"), _h.In)));

        Assert.Equal("clicks/clicks.ndjson: required column 'visitor_id' missing (clicks/clicks); nothing of clicks/clicks was landed", error.Message);
    }
}

/// <summary>Rows that must not land as they are (reliability issue): values outside a contract enum, text that is not
/// UTF-8, and CSV quoting that DuckDB's own reader would let through.</summary>
public sealed class ContractBreakingRowsTests : IDisposable
{
    private readonly IngestHarness _h = new();

    public void Dispose() => _h.Dispose();

    private EntityIngestResult Ingest(string entity) =>
        _h.RunEntity(entity, new FileDropConnector(_h.Db, Path.Combine(_h.In, entity.Split('/')[0]), _h.In));

    private List<object?[]> Quarantined(string entity) =>
        _h.Query($"SELECT _line, _raw, _reason FROM {_h.QuarantinedFiles(entity)} ORDER BY _line");

    [Fact]
    public void Ingest_ValueOutsideItsEnum_IsQuarantinedNamingFieldAndAcceptedValues()
    {
        _h.Write("portal/referrals.csv", "referral_id,partner_id,submitted_at,company_name,status,timeline\n" +
                                         "r1,p1,2025-01-01,Acme,pending-forever,0-3m\nr2,p1,2025-01-02,Beta,Accepted,soon\nr3,p1,2025-01-03,Gamma,,\n");

        var result = Ingest("portal/referrals");

        Assert.Equal((3L, 1L, 2L), (result.RowsIn, result.Landed, result.Quarantined));
        Assert.Equal(
            [[2L, "r1,p1,2025-01-01,Acme,pending-forever,0-3m", "field status: 'pending-forever' is not one of submitted, accepted, rejected"],
             [3L, "r2,p1,2025-01-02,Beta,Accepted,soon", "field timeline: 'soon' is not one of 0-3m, 3-6m, 6-12m, 12m+, unknown"]],
            Quarantined("portal/referrals").Select(r => r.ToArray()).ToArray());
    }

    // Bytes that are not UTF-8 are never landed altered: the row is quarantined saying where the first bad byte is.
    [Fact]
    public void Ingest_LineThatIsNotUtf8_IsQuarantinedWithTheByteOffset()
    {
        var bytes = "referral_id,partner_id,submitted_at,company_name\nr1,p1,2025-01-01,Acme\nr2,p1,2025-01-02,Caf"u8.ToArray()
            .Concat(new byte[] { 0xE9 }).Concat("\n"u8.ToArray()).ToArray();
        _h.Write("portal/referrals.csv", bytes);

        var result = Ingest("portal/referrals");

        Assert.Equal((2L, 1L, 1L), (result.RowsIn, result.Landed, result.Quarantined));
        var row = Quarantined("portal/referrals").Single();
        Assert.Equal((3L, "the line is not valid UTF-8 (first invalid byte at offset 20 of the line)"), ((long)row[0]!, (string)row[2]!));
    }

    // stack.md: DuckDB's read_csv accepts an unterminated quote as a literal quote; here it is quarantined, and the rows it
    // swallows are in its raw text (nothing is lost).
    [Fact]
    public void Ingest_UnterminatedQuote_IsQuarantined_WithTheLinesItSpans()
    {
        _h.Write("portal/referrals.csv", "referral_id,partner_id,submitted_at,company_name\nr1,p1,2025-01-01,Acme\n" +
                                         "r2,p1,2025-01-02,\"Beta\nr3,p1,2025-01-03,Gamma\n");

        var result = Ingest("portal/referrals");

        Assert.Equal((2L, 1L, 1L), (result.RowsIn, result.Landed, result.Quarantined));
        Assert.Equal([3L, "r2,p1,2025-01-02,\"Beta\nr3,p1,2025-01-03,Gamma", "malformed quoting: a quoted field is never closed"],
            Quarantined("portal/referrals").Single());
    }

    [Theory]
    [InlineData("r2,p1,2025-01-02,Be\"ta", "malformed quoting: a quote inside an unquoted field")]
    [InlineData("r2,p1,2025-01-02,\"Beta\"x", "malformed quoting: text after a closing quote")]
    [InlineData("r2,p1,2025-01-02,Beta,extra", "expected 4 fields, found 5")]
    public void Ingest_MalformedCsvRecord_IsQuarantinedWithItsReason(string record, string reason)
    {
        _h.Write("portal/referrals.csv", "referral_id,partner_id,submitted_at,company_name\n" + record + "\n");

        Ingest("portal/referrals");

        Assert.Equal([2L, record, reason], Quarantined("portal/referrals").Single());
    }

    // Windows line ends, a quoted header, a quoted comma and doubled quotes all read as RFC 4180 says.
    [Fact]
    public void Ingest_CrlfFileWithQuotedFields_LandsTheValuesUnquoted()
    {
        _h.Write("portal/referrals.csv", "\"referral_id\",partner_id,submitted_at,company_name,notes\r\n" +
                                         "r1,p1,2025-01-01,\"Acme, Inc.\",\"say \"\"hi\"\"\"\r\n");

        Ingest("portal/referrals");

        Assert.Equal(["r1", "Acme, Inc.", "say \"hi\"", 2L],
            _h.Query($"SELECT referral_id, company_name, notes, _line FROM {_h.LandedFiles("portal/referrals")}").Single());
    }
}

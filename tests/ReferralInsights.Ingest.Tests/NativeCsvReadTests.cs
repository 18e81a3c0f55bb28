using System.Text;
using ReferralInsights.Ingest.Files;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Tests;

/// <summary>A whole CSV file of one record a line goes through DuckDB's own <c>read_csv</c>
/// (<see cref="CsvRecords.TryLoadWhole"/>); it must give exactly the rows, values and line numbers of the framed read, and
/// leave every file it cannot number line for line, or whose quoting DuckDB would read differently, to the framed read.</summary>
public sealed class NativeCsvReadTests : IDisposable
{
    private static readonly ContractEntity Accounts = Contract.Entities.Single(e => e.QualifiedName == "crm/accounts");
    private readonly IngestHarness _h = new();

    public void Dispose() => _h.Dispose();

    private const string Header = "account_id,name,domain,industry,employee_count,annual_revenue,country,created_at,updated_at";

    // empty and null are the same "no value" to the contract checks; the test compares what they see
    private List<object?[]> Values(TextBatch batch) =>
        _h.Query($"SELECT COLUMNS(* EXCLUDE (_raw, _line, _read_error)) FROM {batch.Table}")
            .Select(r => r.Select(v => v is "" ? null : v).ToArray()).ToList();

    private TextBatch Framed(string file, string name)
    {
        var framed = new TextBatch(_h.Db, Accounts, name);
        LineTable.Create(_h.Db, name + "_lines");
        using (var stream = File.OpenRead(file)) LineTable.Append(_h.Db, name + "_lines", stream, 1, holdBackPartialLine: false, csvRecords: true);
        CsvRecords.Load(_h.Db, name + "_lines", framed, "accounts.csv");
        return framed;
    }

    [Fact]
    public void CleanFile_GivesTheFramedReadsValues()
    {
        var file = _h.Write("accounts.csv",
            "account_id,name,  Tier  ,domain,industry,employee_count,annual_revenue,country,created_at\r\n" + // an unknown column; updated_at missing
            "A1,\"Acme, Inc.\",gold,acme.com,Software,12,,US,2025-01-01\r\n" +                             // a quoted comma, an empty field
            "A2,\"Say \"\"hi\"\"\",\"\",,\" padded \",  7 ,1.50,\"\",2025-01-02T10:00:00Z\r\n");                // doubled quotes, quoted empties, spaces

        using var native = new TextBatch(_h.Db, Accounts, "native_batch");
        var read = CsvRecords.TryLoadWhole(_h.Db, file, native, "accounts.csv", holdBackPartialLine: true, mapping: null);
        using var framed = Framed(file, "framed_batch");

        Assert.Equal(new FramedLines(new FileInfo(file).Length, 3, 3), read);
        Assert.Equal((2L, 2L), (native.ExpectedRows, native.FirstViewLine)); // row n is line n + 1
        var values = Values(native);
        Assert.Equal(Values(framed), values);
        Assert.Equal(
            [
                ["A1", "Acme, Inc.", "acme.com", "Software", "12", null, "US", "2025-01-01", null, "{\"Tier\":\"gold\"}", "accounts.csv"],
                ["A2", "Say \"hi\"", null, " padded ", "  7 ", "1.50", null, "2025-01-02T10:00:00Z", null, null, "accounts.csv"],
            ],
            values.ToArray());
    }

    [Theory]
    [InlineData("a blank line", "{0}\n\n{1}\n")]
    [InlineData("a quoted line break", "{0}\nA3,\"two\nlines\",,,,,,2025-01-01,\n")]
    [InlineData("a quote that never closes", "{0}\nA3,\"open,,,,,,2025-01-01,\n")] // read_csv would take it as a literal quote
    [InlineData("text after a closing quote", "{0}\nA3,\"x\"y,,,,,,2025-01-01,\n")]
    [InlineData("a quote inside an unquoted field", "{0}\nA3,x\"y,,,,,,2025-01-01,\n")]
    [InlineData("too few fields", "{0}\nA3,x\n")]
    [InlineData("too many fields", "{0}\n{1},extra\n")]
    [InlineData("a carriage return inside a line", "{0}\nA3,x\ry,,,,,,2025-01-01,\n")]
    [InlineData("a header naming a column twice", "account_id,name,name,domain,industry,employee_count,annual_revenue,country,created_at,updated_at\n")]
    public void IrregularFile_IsLeftToTheFramedRead(string _, string layout)
    {
        var file = _h.Write("accounts.csv", string.Format(layout, Header + "\nA1,x,,,,,,2025-01-01,", "A2,y,,,,,,2025-01-01,"));
        using var batch = new TextBatch(_h.Db, Accounts, "batch");

        Assert.Null(CsvRecords.TryLoadWhole(_h.Db, file, batch, "accounts.csv", holdBackPartialLine: false, mapping: null));
        Assert.Equal(0L, _h.Query($"SELECT count(*) FROM {batch.Table}")[0][0]); // still the empty table to frame into
    }

    [Fact]
    public void FileWithAByteOrderMarkOrInvalidUtf8_IsLeftToTheFramedRead()
    {
        var bom = _h.Write("bom.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Header + "\nA1,x,,,,,,2025-01-01,\n")]);
        var invalid = _h.Write("bad.csv", [.. Encoding.UTF8.GetBytes(Header + "\nA1,x"), 0xFF, .. ",,,,,,2025-01-01,\n"u8]);
        using var batch = new TextBatch(_h.Db, Accounts, "batch");

        Assert.Null(CsvRecords.TryLoadWhole(_h.Db, bom, batch, "bom.csv", holdBackPartialLine: false, mapping: null));
        Assert.Null(CsvRecords.TryLoadWhole(_h.Db, invalid, batch, "bad.csv", holdBackPartialLine: false, mapping: null));
    }

    [Fact]
    public void LastLineWithoutALineBreak_IsHeldBackForAGrowingLog_AndReadOtherwise()
    {
        var file = _h.Write("accounts.csv", Header + "\nA1,x,,,,,,2025-01-01,\nA2,y,,,,,,2025-01-01,");
        using var growing = new TextBatch(_h.Db, Accounts, "growing");
        using var whole = new TextBatch(_h.Db, Accounts, "whole");

        Assert.Null(CsvRecords.TryLoadWhole(_h.Db, file, growing, "accounts.csv", holdBackPartialLine: true, mapping: null));
        Assert.Equal(new FramedLines(new FileInfo(file).Length, 3, 3),
            CsvRecords.TryLoadWhole(_h.Db, file, whole, "accounts.csv", holdBackPartialLine: false, mapping: null));
        Assert.Equal([["A1"], ["A2"]], _h.Query("SELECT account_id FROM whole").Select(r => r.ToArray()).ToArray());
    }

    // The native read has no raw text or line; the quarantine gets both right: row n is line n + 1.
    [Fact]
    public void QuarantinedLineOfACleanFile_HasItsLineAndRawText()
    {
        const string bad = "A2,y,,,many,,,2025-01-01,";
        _h.WriteGzip("crm/accounts.csv.gz", Header + "\nA1,x,,,,,,2025-01-01,\r\n" + bad + "\r\nA3,z,,,,,,2025-01-01,\n");

        var accounts = _h.RunEntity("crm/accounts", new FileDropConnector(_h.Db, Path.Combine(_h.In, "crm"), _h.In));

        Assert.Equal((3L, 2L, 1L), (accounts.RowsIn, accounts.Landed, accounts.Quarantined));
        Assert.Equal([3L, bad, "field employee_count: 'many' is not an integer"],
            _h.Query($"SELECT _line, _raw, _reason FROM {_h.QuarantinedFiles("crm/accounts")}").Single());
        Assert.Equal([[2L, "A1"], [4L, "A3"]],
            _h.Query($"SELECT _line, account_id FROM {_h.LandedFiles("crm/accounts")} ORDER BY _line").Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void Census_TakesTheHeadersNames_AndSaysWhichLineIsNotOneRecord()
    {
        var census = LineCensus.OfCsv(_h.Write("a.csv", " id ,\"a \"\"b\"\", c\",\"\"\n1,2,3\n"));

        Assert.Equal((2L, (string?)null), (census.Lines, census.Irregular));
        Assert.Equal(["id", "a \"b\", c", ""], census.Keys);
        Assert.Equal("line 3 has 2 fields, the header 3", LineCensus.OfCsv(_h.Write("b.csv", "a,b,c\n1,2,3\n1,2\n")).Irregular);
        Assert.Equal("line 2 is blank", LineCensus.OfCsv(_h.Write("c.csv", "a\n\n1\n")).Irregular);
        Assert.Equal("it is empty", LineCensus.OfCsv(_h.Write("d.csv", "")).Irregular);
    }
}

using System.Text;
using ReferralInsights.Ingest.Files;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Tests;

/// <summary>A whole NDJSON file whose lines are all objects goes through DuckDB's own <c>read_json</c>
/// (<see cref="NdjsonRecords.TryLoadWhole"/>); it must give exactly the rows, values and line numbers of the framed read,
/// and leave every file it cannot number line for line to the framed read.</summary>
public sealed class NativeNdjsonReadTests : IDisposable
{
    private static readonly ContractEntity Clicks = Contract.Entities.Single(e => e.QualifiedName == "clicks/clicks");
    private readonly IngestHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static string Click(string id, string more = "") =>
        $"{{\"click_id\":\"{id}\",\"clicked_at\":\"2025-05-01T12:00:00Z\",\"referral_code\":\"A\",\"visitor_id\":\"v-{id}\"{more}}}";

    private List<object?[]> Rows(TextBatch batch) =>
        _h.Query($"SELECT * EXCLUDE (_raw, _line) FROM {batch.Table}");

    [Fact]
    public void CleanFile_GivesTheFramedReadsRows_ValuesAndLines()
    {
        var file = _h.Write("clicks.ndjson",
            Click("c1", ",\"utm_term\":null,\"browser\":\"x\"") + "\r\n" +         // CRLF; an unknown key
            Click("c2", ",\"ip_hash\":12.50,\"user_agent\":{\"a\":[1,2]}") + "\r\n" + // a number and an object as text
            "{\"click_id\":\"c3\",\"visitor_id\":true,\"extra\":\"\"}\n");              // missing keys; an empty unknown value

        using var native = new TextBatch(_h.Db, Clicks, "native_batch");
        var read = NdjsonRecords.TryLoadWhole(_h.Db, file, native, "clicks.ndjson", holdBackPartialLine: true);
        using var framed = new TextBatch(_h.Db, Clicks, "framed_batch");
        LineTable.Create(_h.Db, "framed_lines");
        using (var stream = File.OpenRead(file)) LineTable.Append(_h.Db, "framed_lines", stream, 1, holdBackPartialLine: true);
        NdjsonRecords.Load(_h.Db, "framed_lines", framed, "clicks.ndjson");

        Assert.Equal(new FramedLines(new FileInfo(file).Length, 3, 3), read);
        var rows = Rows(native);
        Assert.Equal(Rows(framed), rows); // in line order: the framed read numbers them 1, 2, 3; the view leaves the line to its position
        Assert.Equal(
            [
                ["c1", "2025-05-01T12:00:00Z", "A", "v-c1", null, null, null, null, null, null, null, null, "{\"browser\":\"x\"}", "clicks.ndjson", null],
                ["c2", "2025-05-01T12:00:00Z", "A", "v-c2", null, null, null, null, null, null, "12.5", "{\"a\":[1,2]}", null, "clicks.ndjson", null],
                ["c3", null, null, "true", null, null, null, null, null, null, null, null, null, "clicks.ndjson", null],
            ],
            rows.Select(r => r.ToArray()).ToArray());
    }

    [Theory]
    [InlineData("a blank line", "{0}\n\n{1}\n")]
    [InlineData("a line that is an array", "{0}\n[1,2]\n")]
    [InlineData("a line that does not parse", "{0}\n{{\"click_id\":\n")]
    [InlineData("two objects on one line", "{0} {1}\n")]
    public void IrregularFile_IsLeftToTheFramedRead(string _, string layout)
    {
        var file = _h.Write("clicks.ndjson", string.Format(layout, Click("c1"), Click("c2")));
        using var batch = new TextBatch(_h.Db, Clicks, "batch");

        Assert.Null(NdjsonRecords.TryLoadWhole(_h.Db, file, batch, "clicks.ndjson", holdBackPartialLine: false));
        Assert.Equal(0L, _h.Query($"SELECT count(*) FROM {batch.Table}")[0][0]); // the batch is still the empty table to frame into
    }

    [Fact]
    public void FileWithAByteOrderMarkOrInvalidUtf8_IsLeftToTheFramedRead()
    {
        var bom = _h.Write("bom.ndjson", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Click("c1") + "\n")]);
        var invalid = _h.Write("bad.ndjson", [.. Encoding.UTF8.GetBytes(Click("c1", ",\"x\":\"")), 0xFF, .. "\"}\n"u8]);
        using var batch = new TextBatch(_h.Db, Clicks, "batch");

        Assert.Null(NdjsonRecords.TryLoadWhole(_h.Db, bom, batch, "bom.ndjson", holdBackPartialLine: false));
        Assert.Null(NdjsonRecords.TryLoadWhole(_h.Db, invalid, batch, "bad.ndjson", holdBackPartialLine: false));
    }

    [Fact]
    public void LastLineWithoutALineBreak_IsHeldBackForAGrowingLog_AndReadOtherwise()
    {
        var file = _h.Write("clicks.ndjson", Click("c1") + "\n" + Click("c2"));
        using var growing = new TextBatch(_h.Db, Clicks, "growing");
        using var whole = new TextBatch(_h.Db, Clicks, "whole");

        Assert.Null(NdjsonRecords.TryLoadWhole(_h.Db, file, growing, "clicks.ndjson", holdBackPartialLine: true));
        Assert.Equal(new FramedLines(new FileInfo(file).Length, 2, 2),
            NdjsonRecords.TryLoadWhole(_h.Db, file, whole, "clicks.ndjson", holdBackPartialLine: false));
        Assert.Equal([["c1"], ["c2"]], _h.Query("SELECT click_id FROM whole").Select(r => r.ToArray()).ToArray());
    }

    // The native read has no raw text; the quarantine gets it, and only for its lines, from a second pass.
    [Fact]
    public void QuarantinedLineOfACleanFile_HasItsLineAndRawText()
    {
        var bad = "{\"click_id\":\"c2\",\"clicked_at\":\"yesterday\",\"referral_code\":\"A\",\"visitor_id\":\"v\"}";
        _h.WriteGzip("clicks/clicks.ndjson.gz", Click("c1") + "\n" + bad + "\r\n" + Click("c3") + "\n");
        _h.Write("clicks/conversions.ndjson", "");

        var clicks = _h.Run("clicks", new FileDropConnector(_h.Db, Path.Combine(_h.In, "clicks"), _h.In)).Single(r => r.Entity == "clicks");

        Assert.Equal((3L, 2L, 1L), (clicks.RowsIn, clicks.Landed, clicks.Quarantined));
        Assert.Equal([2L, bad, "field clicked_at: 'yesterday' is not an ISO-8601 date or timestamp"],
            _h.Query($"SELECT _line, _raw, _reason FROM {_h.QuarantinedFiles("clicks/clicks")}").Single());
        Assert.Equal([[1L, "c1"], [3L, "c3"]],
            _h.Query($"SELECT _line, click_id FROM {_h.LandedFiles("clicks/clicks")} ORDER BY _line").Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void Census_CountsLinesAndTopLevelKeys_WithOrWithoutAFinalBreak_AndLinesLongerThanItsBuffer()
    {
        var longLine = "{\"x\":\"" + new string('x', 3 << 20) + "\",\"y\":{\"z\":[1]}}";
        var file = _h.Write("long.ndjson", "{\"a\":1}\n" + longLine + "\n{\"b\":2,\"\\u0061\":3}");

        var census = LineCensus.OfNdjson(file);

        Assert.Equal((3L, new FileInfo(file).Length, longLine.Length, false, (string?)null),
            (census.Lines, census.Bytes, census.LongestLine, census.EndsWithNewline, census.Irregular));
        Assert.Equal(["a", "x", "y", "b"], census.Keys); // top-level keys only; an escaped "\u0061" is "a"
        Assert.Equal(new Dictionary<long, string> { [2] = longLine, [3] = "{\"b\":2,\"\\u0061\":3}" }, LineCensus.TextOf(file, new HashSet<long> { 2, 3 }));
        Assert.Equal("line 2 is not one JSON object", LineCensus.OfNdjson(_h.Write("blank.ndjson", "{}\n\n{}\n")).Irregular);
    }
}

using ReferralInsights.Ingest.Logs;

namespace ReferralInsights.Ingest.Tests;

/// <summary>Click logs: only new files and new bytes are read; a file that shrank or whose head changed is read again and
/// the run says so; a partial last line waits for its newline; rows of a rotated-away file stay.</summary>
public sealed class LogFolderConnectorTests : IDisposable
{
    private readonly IngestHarness _h = new();
    private const string Clicks = "clicks/clicks";
    private static string Click(string id, string code = "A") =>
        $"{{\"click_id\":\"{id}\",\"clicked_at\":\"2025-05-01T12:00:00Z\",\"referral_code\":\"{code}\",\"visitor_id\":\"v-{id}\"}}\n";

    public void Dispose() => _h.Dispose();

    private EntityIngestResult Ingest(int day) =>
        _h.RunEntity(Clicks, new LogFolderConnector(_h.Db, Path.Combine(_h.In, "clicks"), _h.In), at: IngestHarness.IngestedAt.AddDays(day));

    private List<object?[]> Live() => _h.Query($"SELECT click_id, _line, _source_file FROM {_h.LandedFiles(Clicks)} ORDER BY _source_file, _line");

    [Fact]
    public void Ingest_GrowingFile_ReadsOnlyTheNewLines_NumberedAfterTheOldOnes()
    {
        _h.Write("clicks/clicks/2025-05-01.ndjson", Click("c1") + Click("c2"));
        Assert.Equal(2L, Ingest(0).RowsIn);
        _h.Append("clicks/clicks/2025-05-01.ndjson", Click("c3"));
        _h.Write("clicks/clicks/2025-05-02.ndjson", Click("c4"));

        var second = Ingest(1);

        Assert.Equal((2L, 2), (second.RowsIn, second.Files.Count));
        Assert.Equal(
            [["c1", 1L, "clicks/clicks/2025-05-01.ndjson"], ["c2", 2L, "clicks/clicks/2025-05-01.ndjson"],
             ["c3", 3L, "clicks/clicks/2025-05-01.ndjson"], ["c4", 1L, "clicks/clicks/2025-05-02.ndjson"]],
            Live().Select(r => r.ToArray()).ToArray());
        Assert.Equal(0L, Ingest(2).RowsIn);
    }

    // A writer caught mid-line: the partial line is not a row yet; once its newline arrives it lands whole, once.
    [Fact]
    public void Ingest_PartialLastLine_WaitsForItsNewline()
    {
        var full = Click("c2");
        _h.Write("clicks/clicks.ndjson", Click("c1") + full[..20]);
        Assert.Equal(1L, Ingest(0).RowsIn);
        _h.Append("clicks/clicks.ndjson", full[20..]);

        Assert.Equal(1L, Ingest(1).RowsIn);
        Assert.Equal(["c1", "c2"], Live().Select(r => (string)r[0]!));
    }

    [Fact]
    public void Ingest_ShrunkFile_IsReadAgainFromTheStart_AndSaysSo()
    {
        _h.Write("clicks/clicks.ndjson", Click("c1") + Click("c2"));
        Ingest(0);
        _h.Write("clicks/clicks.ndjson", Click("c9"));

        var second = Ingest(1);

        Assert.Single(second.Notes);
        Assert.StartsWith("clicks/clicks.ndjson: it shrank", second.Notes[0]);
        Assert.Equal(["c9"], Live().Select(r => (string)r[0]!));
    }

    // Log rotation that reuses a name: same size or larger, but the first bytes differ.
    [Fact]
    public void Ingest_FileWhoseHeadChanged_IsReadAgainFromTheStart()
    {
        _h.Write("clicks/clicks.ndjson", Click("c1"));
        Ingest(0);
        _h.Write("clicks/clicks.ndjson", Click("x1") + Click("x2"));

        var second = Ingest(1);

        Assert.Equal(["clicks/clicks.ndjson: its head changed: read again from the start"], second.Notes);
        Assert.Equal(["x1", "x2"], Live().Select(r => (string)r[0]!));
    }

    [Fact]
    public void Ingest_RotatedAwayFile_KeepsItsRows()
    {
        _h.Write("clicks/clicks/old.ndjson", Click("c1"));
        Ingest(0);
        File.Delete(Path.Combine(_h.In, "clicks", "clicks", "old.ndjson"));
        _h.Write("clicks/clicks/new.ndjson", Click("c2"));

        Assert.Equal(1L, Ingest(1).RowsIn);
        Assert.Equal(["c2", "c1"], Live().Select(r => (string)r[0]!));
    }

    // A growing CSV log: the lines after the first read have no header of their own; the one read first applies.
    [Fact]
    public void Ingest_GrowingCsvLog_ContinuesWithTheHeaderReadFirst()
    {
        _h.Write("clicks/clicks.csv", "click_id,clicked_at,referral_code,visitor_id\nc1,2025-05-01,A,v1\n");
        Ingest(0);
        _h.Append("clicks/clicks.csv", "c2,2025-05-02,B,v2\n");

        Assert.Equal(1L, Ingest(1).RowsIn);
        Assert.Equal(
            [["c1", "A", 2L], ["c2", "B", 3L]],
            _h.Query($"SELECT click_id, referral_code, _line FROM {_h.LandedFiles(Clicks)} ORDER BY _line").Select(r => r.ToArray()).ToArray());
    }
}

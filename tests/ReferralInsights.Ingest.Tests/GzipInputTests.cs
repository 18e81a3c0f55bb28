using System.IO.Compression;
using System.Text;
using ReferralInsights.Ingest.Files;
using ReferralInsights.Ingest.Logs;

namespace ReferralInsights.Ingest.Tests;

/// <summary>A compressed input is read whole or not at all: a cut-short or corrupt archive fails its entity naming the
/// file, so its missing rows can never pass as rows in = landed + quarantined.</summary>
public sealed class GzipInputTests : IDisposable
{
    private readonly IngestHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static string Clicks(int count) => string.Concat(Enumerable.Range(1, count).Select(i =>
        $"{{\"click_id\":\"c{i}\",\"clicked_at\":\"2025-05-01T12:00:00Z\",\"referral_code\":\"R{i * 7919 % 1000}\",\"visitor_id\":\"v{i}\"}}\n"));

    private const string Conversions = "{\"conversion_id\":\"k1\",\"visitor_id\":\"v1\",\"email\":\"a@b.com\",\"converted_at\":\"2025-05-03T00:00:00Z\"}\n";

    private static byte[] Gzip(string text)
    {
        var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : [];

    private IReadOnlyList<EntityIngestResult> IngestDrop(string source) =>
        _h.Run(source, new FileDropConnector(_h.Db, Path.Combine(_h.In, source), _h.In));

    private EntityIngestResult IngestLogs() =>
        _h.RunEntity("clicks/clicks", new LogFolderConnector(_h.Db, Path.Combine(_h.In, "clicks"), _h.In));

    [Fact]
    public void FileDrop_GzipCutAtTwoThirds_FailsTheEntityNamingTheFile()
    {
        var whole = Gzip(Clicks(20_000));
        _h.Write("clicks/clicks.ndjson.gz", whole[..(whole.Length * 2 / 3)]);
        _h.Write("clicks/conversions.ndjson", Conversions);

        var error = Assert.Throws<IngestException>(() => IngestDrop("clicks"));

        Assert.Equal("clicks/clicks.ndjson.gz", error.File);
        Assert.Matches(@"^clicks/clicks\.ndjson\.gz: the gzip data is cut short or corrupt after [0-9,]+ bytes of text \(Unexpected EOF\)$", error.Message);
    }

    // Only the 8-byte trailer (CRC-32 and length) is missing: every line decompresses, yet the file is not whole.
    [Fact]
    public void LogFolder_GzipWithoutItsTrailer_FailsNamingTheFileAndLandsNothing()
    {
        var whole = Gzip(Clicks(3));
        _h.Write("clicks/clicks/2025-05-01.ndjson.gz", whole[..^8]);

        var error = Assert.Throws<IngestException>(() => IngestLogs());

        Assert.Equal("clicks/clicks/2025-05-01.ndjson.gz: the gzip data is cut short or corrupt after 285 bytes of text (EOS reading GZIP footer)",
            error.Message);
        Assert.Empty(FilesUnder(_h.Zone.StagedStateDir).Concat(FilesUnder(_h.Zone.RawRoot)));
    }

    [Fact]
    public void FileDrop_PlainTextNamedGz_FailsNamingTheFile()
    {
        _h.Write("clicks/clicks.ndjson.gz", Encoding.UTF8.GetBytes(Clicks(2)));
        _h.Write("clicks/conversions.ndjson", Conversions);

        var error = Assert.Throws<IngestException>(() => IngestDrop("clicks"));

        Assert.Equal("clicks/clicks.ndjson.gz", error.File);
        Assert.StartsWith("clicks/clicks.ndjson.gz: the gzip data is cut short or corrupt after 0 bytes of text (", error.Message);
    }

    // `cat day1.gz day2.gz > all.gz` is a valid gzip file of two members: every row of both lands.
    [Fact]
    public void FileDrop_ConcatenatedGzipMembers_LandEveryRow()
    {
        var clicks = Clicks(5);
        var cut = clicks.IndexOf("{\"click_id\":\"c3\"", StringComparison.Ordinal);
        _h.Write("clicks/clicks.ndjson.gz", [.. Gzip(clicks[..cut]), .. Gzip(clicks[cut..])]);
        _h.Write("clicks/conversions.ndjson", Conversions);

        var result = IngestDrop("clicks").Single(r => r.Entity == "clicks");

        Assert.Equal((5L, 5L, 0L), (result.RowsIn, result.Landed, result.Quarantined));
        Assert.Equal(["c1", "c2", "c3", "c4", "c5"],
            _h.Query($"SELECT click_id FROM {_h.LandedFiles("clicks/clicks")} ORDER BY _line").Select(r => (string)r[0]!));
    }
}

using ReferralInsights.Ingest.Files;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Tests;

/// <summary>The file drop across runs: state per file, nothing new lands nothing, a changed file replaces what it landed,
/// a crash before the state was published neither loses nor duplicates a row, --full-refresh reads everything again.</summary>
public sealed class IncrementalFileDropTests : IDisposable
{
    private readonly IngestHarness _h = new();
    private const string Referrals = "portal/referrals";
    private const string Header = "referral_id,partner_id,submitted_at,company_name\n";

    public void Dispose() => _h.Dispose();

    private FileDropConnector Connector() => new(_h.Db, Path.Combine(_h.In, "portal"), _h.In);

    private EntityIngestResult Ingest(bool fullRefresh = false, DateTime? at = null) => _h.RunEntity(Referrals, Connector(), fullRefresh, at);

    private List<string> LiveIds() =>
        _h.Query($"SELECT referral_id FROM {_h.LandedFiles(Referrals)} ORDER BY referral_id").Select(r => (string)r[0]!).ToList();

    [Fact]
    public void Ingest_UnchangedFile_LandsNothingAndKeepsItsRows()
    {
        _h.Write("portal/referrals.csv", Header + "r1,p1,2025-01-01,Acme\nr2,p1,2025-01-02,Beta\n");
        Assert.Equal((2L, 1), (Ingest().RowsIn, Directory.GetFiles(_h.Zone.RawRoot, "*.parquet", SearchOption.AllDirectories).Length - 1));

        var second = Ingest(at: IngestHarness.IngestedAt.AddDays(1));

        Assert.Equal((0L, 0L, 0), (second.RowsIn, second.Landed, second.Files.Count));
        Assert.Equal(["r1", "r2"], LiveIds());
    }

    // A snapshot file that changed is read again whole: its new rows replace its old ones (superseded, kept as history).
    [Fact]
    public void Ingest_ChangedFile_IsReadAgainWhole_AndSupersedesWhatItLanded()
    {
        _h.Write("portal/referrals.csv", Header + "r1,p1,2025-01-01,Acme\nr2,p1,2025-01-02,Beta\n");
        Ingest();
        _h.Write("portal/referrals.csv", Header + "r1,p1,2025-01-01,Acme Corp\nr3,p2,2025-01-03,Gamma\n");

        var second = Ingest(at: IngestHarness.IngestedAt.AddDays(1));

        Assert.Equal(2L, second.RowsIn);
        Assert.Equal(["portal/referrals.csv: changed since it was landed: read again whole"], second.Notes);
        Assert.Equal(["r1", "r3"], LiveIds());
        var state = EntityState.Load(_h.Zone.PublishedStateDir, Contract.Entities.Single(e => e.QualifiedName == Referrals))!;
        Assert.Equal(2, state.Superseded.Count); // the first batch and its quarantine file
        Assert.All(state.Superseded, b => Assert.True(File.Exists(Path.Combine(_h.Zone.RawRoot, b)) || File.Exists(Path.Combine(_h.Zone.QuarantineRoot, b))));
    }

    // Singer's rule: state is saved after the rows are landed. A run that landed its batch but died before publishing its
    // state leaves a batch no state lists; the next run removes it and lands the same rows once.
    [Fact]
    public void Ingest_AfterACrashBeforeThePublishedState_LandsEveryRowExactlyOnce()
    {
        _h.Write("portal/referrals.csv", Header + "r1,p1,2025-01-01,Acme\n");
        Ingest();
        _h.Write("portal/referrals.csv", Header + "r1,p1,2025-01-01,Acme\nr2,p1,2025-01-02,Beta\n");
        new IngestSession(_h.Db, _h.Zone, IngestHarness.IngestedAt.AddDays(1), fullRefresh: false)
            .IngestEntity(Connector(), Contract.Entities.Single(e => e.QualifiedName == Referrals)); // crash: state never published
        Directory.Delete(_h.Zone.StagedStateDir, recursive: true);
        Assert.Equal(["r1"], LiveIds());

        var retry = Ingest(at: IngestHarness.IngestedAt.AddDays(2));

        Assert.Equal(2L, retry.RowsIn);
        Assert.Equal(["r1", "r2"], LiveIds());
        var batches = Directory.GetFiles(Path.Combine(_h.Zone.RawRoot, "portal", "referrals"), "*.parquet", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(RawZone.SchemaFile)).ToList();
        Assert.Equal(2, batches.Count); // the first run's (superseded) and the retry's; the crashed run's is gone
    }

    [Fact]
    public void Ingest_FullRefresh_ReadsEveryFileAgainAsANewGeneration()
    {
        _h.Write("portal/referrals.csv", Header + "r1,p1,2025-01-01,Acme\n");
        Ingest();

        var refreshed = Ingest(fullRefresh: true, at: IngestHarness.IngestedAt.AddDays(1));

        Assert.Equal(1L, refreshed.RowsIn);
        Assert.Equal(["r1"], LiveIds());
        var state = EntityState.Load(_h.Zone.PublishedStateDir, Contract.Entities.Single(e => e.QualifiedName == Referrals))!;
        Assert.Equal(2, state.Generation);
        Assert.Contains("-g2-", state.LiveBatches.Single());
    }

    // A snapshot file removed from the folder takes its rows with it (the folder is the source's current content).
    [Fact]
    public void Ingest_RemovedFileOfAFolder_ItsRowsAreNoLongerLive()
    {
        _h.Write("portal/referrals/a.csv", Header + "r1,p1,2025-01-01,Acme\n");
        _h.Write("portal/referrals/b.csv", Header + "r2,p1,2025-01-02,Beta\n");
        Ingest();
        File.Delete(Path.Combine(_h.In, "portal", "referrals", "a.csv"));

        Ingest(at: IngestHarness.IngestedAt.AddDays(1));

        Assert.Equal(["r2"], LiveIds());
    }
}

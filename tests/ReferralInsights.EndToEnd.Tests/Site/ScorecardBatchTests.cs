using ReferralInsights.Config;
using ReferralInsights.Reports;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>Scorecards are read a batch of partners at a time and rendered in parallel: how the partners are batched
/// changes nothing on any page or export.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class ScorecardBatchTests(SampleProgramRun run)
{
    [Fact]
    public void Write_SmallBatches_SamePagesAndExportsAsOneBatch()
    {
        var oneBatch = Render("one-batch", batchPartners: 10_000, out var oneBatchProgress);
        var batchesOfSeven = Render("batches-of-7", batchPartners: 7, out var batchesProgress);

        var partners = Directory.GetFiles(Path.Combine(run.OutDir, "site", ScorecardPages.Folder), "*.html").Length;
        Assert.Equal([$"scorecards: {partners:N0} of {partners:N0}"], oneBatchProgress);
        Assert.Equal((partners + 6) / 7, batchesProgress.Count);
        Assert.Equal($"scorecards: {partners:N0} of {partners:N0}", batchesProgress[^1]);
        var files = Files(oneBatch);
        Assert.Equal(files, Files(batchesOfSeven));
        Assert.Equal(partners, files.Count(f => f.EndsWith(".html", StringComparison.Ordinal)));
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(oneBatch, f)), File.ReadAllBytes(Path.Combine(batchesOfSeven, f))));
    }

    private string Render(string name, int batchPartners, out List<string> progress)
    {
        var site = Path.Combine(run.Root, "scorecard-batches", name);
        if (Directory.Exists(site)) Directory.Delete(site, recursive: true);
        var reports = new List<string>();
        using var marts = new MartReader(Path.Combine(run.OutDir, "marts"));
        var context = new SiteContext(marts, ConfigLoader.Load(run.ConfigPath).Config, SampleProgramRun.AsOf, "0123456789ab", site,
            new ContactPseudonyms(SampleProgramRun.PseudonymKey));
        ScorecardPages.Write(context, new SynchronousProgress(reports.Add), batchPartners);
        progress = reports;
        return site;
    }

    private static List<string> Files(string site) =>
        Directory.GetFiles(site, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(site, f)).Order(StringComparer.Ordinal).ToList();

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}

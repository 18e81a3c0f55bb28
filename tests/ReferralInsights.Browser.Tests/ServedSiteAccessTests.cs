using System.Net;

namespace ReferralInsights.Browser.Tests;

/// <summary>serve's rules over every file the sample program's run published.</summary>
[Collection(ServedSampleSiteCollection.Name)]
public sealed class ServedSiteAccessTests(ServedSampleSite site)
{
    private IEnumerable<string> PublishedFiles => Directory.EnumerateFiles(site.SiteDir, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(site.SiteDir, f).Replace('\\', '/')).Order(StringComparer.Ordinal);

    private async Task<HttpStatusCode> Status(string path, string? token)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.Server.Address };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return (await client.GetAsync(path)).StatusCode;
    }

    private bool OwnedBy(string file, string partnerId) =>
        file == $"partners/{partnerId}.html" || file.StartsWith($"partners/{partnerId}/", StringComparison.Ordinal);

    [Fact]
    public async Task EveryPublishedFile_Is401WithoutAToken_And200ForTheAdmin()
    {
        var files = PublishedFiles.ToList();
        Assert.Contains("index.html", files);
        Assert.Contains("what-if.html", files);
        foreach (var file in files)
        {
            Assert.Equal((file, HttpStatusCode.Unauthorized), (file, await Status(file, null)));
            Assert.Equal((file, HttpStatusCode.OK), (file, await Status(file, site.AdminToken)));
        }
    }

    // Everything but partner A's own scorecard and exports is closed to partner A: program pages and partner B's pages alike.
    [Fact]
    public async Task PartnerToken_Is403OnEveryPublishedFileButItsOwn()
    {
        var (a, token) = site.PartnerA;
        foreach (var file in PublishedFiles.Where(f => !OwnedBy(f, a)))
            Assert.Equal((file, HttpStatusCode.Forbidden), (file, await Status(file, token)));
        Assert.Equal(HttpStatusCode.Forbidden, await Status($"partners/{site.PartnerB.Id}.html", token));
    }
}

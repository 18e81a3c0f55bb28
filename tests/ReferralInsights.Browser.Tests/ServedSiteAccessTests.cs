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

/// <summary><c>tokens</c> through the CLI on the served sample program.</summary>
[Collection(ServedSampleSiteCollection.Name)]
public sealed class TokensCommandTests(ServedSampleSite site)
{
    [Fact]
    public void TokensIssue_ForAPartnerNotPublished_FailsAndStoresNothing()
    {
        var before = EndToEnd.Tests.Cli.Invoke("tokens", "list", "--config", site.Run.ConfigPath).Output;

        var (exit, output, error) = EndToEnd.Tests.Cli.Invoke("tokens", "issue", "--partner", "P-NOPE", "--config", site.Run.ConfigPath);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("partner P-NOPE is not in the published dim_partners", error);
        Assert.Equal(before, EndToEnd.Tests.Cli.Invoke("tokens", "list", "--config", site.Run.ConfigPath).Output);
    }

    [Fact]
    public void TokensList_ShowsScopesButNeverTheTokens()
    {
        var (exit, output, _) = EndToEnd.Tests.Cli.Invoke("tokens", "list", "--config", site.Run.ConfigPath);

        Assert.Equal(0, exit);
        Assert.Contains("admin", output);
        Assert.Contains($"partner {site.PartnerA.Id}", output);
        Assert.DoesNotContain(site.AdminToken, output);
        Assert.DoesNotContain(site.PartnerA.Token, output);
    }

    [Theory]
    [InlineData("--admin", "--partner", "P-0001")]
    [InlineData]
    public void TokensIssue_NeedsExactlyOneScope(params string[] scope)
    {
        var (exit, _, error) = EndToEnd.Tests.Cli.Invoke(["tokens", "issue", .. scope, "--config", site.Run.ConfigPath]);

        Assert.NotEqual(0, exit);
        Assert.Contains("give exactly one of --admin or --partner <partner_id>", error);
    }
}

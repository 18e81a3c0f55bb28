using System.Net;
using System.Net.Sockets;
using System.Text;
using ReferralInsights.Cli.Serve;

namespace ReferralInsights.Browser.Tests;

/// <summary><c>serve</c>'s access rules on a small hand-made site (program pages, two partners' scorecards and exports, and
/// P10, whose id starts with P1's), with the token file beside the site as in <c>out/</c>.</summary>
public sealed class SiteServerTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-serve-").FullName;
    private SiteServer _server = null!;
    private TokenStore _tokens = null!;
    private string _admin = "", _p1 = "";

    private static readonly string[] ProgramPages = ["index.html", "council.html", "what-if.html", "what-if/partner-deltas.csv", "rewards-table.html"];
    private static readonly string[] P1Files = ["partners/P1.html", "partners/P1/referrals.csv"];
    private static readonly string[] OtherPartnerFiles = ["partners/P2.html", "partners/P2/referrals.csv", "partners/P10.html", "partners/P10/referrals.csv"];

    public async Task InitializeAsync()
    {
        foreach (var file in ProgramPages.Concat(P1Files).Concat(OtherPartnerFiles))
        {
            var path = Path.Combine(_root, "site", file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"content of {file}");
        }
        _tokens = new TokenStore(Path.Combine(_root, "tokens.json"));
        _admin = _tokens.Issue(TokenScope.Admin, DateTime.UtcNow).Token;
        _p1 = _tokens.Issue(TokenScope.Partner("P1"), DateTime.UtcNow).Token;
        _server = await SiteServer.StartAsync(Path.Combine(_root, "site"), _tokens, port: 0);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private HttpClient Client(string? token = null, bool followRedirects = true)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = _server.Address };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private async Task<HttpStatusCode> Status(string path, string? token)
    {
        using var client = Client(token, followRedirects: false);
        return (await client.GetAsync(path)).StatusCode;
    }

    public static TheoryData<string> EveryPath => new(["", "index.html", "partners/P1.html", "partners/P2/referrals.csv", "missing.html", "partners/"]);

    [Theory]
    [MemberData(nameof(EveryPath))]
    public async Task Get_WithoutToken_Is401OnEveryPath(string path)
    {
        using var client = Client();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Get_WithUnknownToken_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await Status("partners/P1.html", "rit_" + new string('A', 43)));
    }

    [Fact]
    public async Task PartnerToken_OpensItsOwnScorecardAndExports()
    {
        using var client = Client(_p1);
        foreach (var file in P1Files)
            Assert.Equal($"content of {file}", await client.GetStringAsync(file));
    }

    // P10's pages are another partner's even though "P10" starts with "P1".
    [Fact]
    public async Task PartnerToken_OnAnotherPartnersPages_Is403()
    {
        foreach (var file in OtherPartnerFiles)
            Assert.Equal((file, HttpStatusCode.Forbidden), (file, await Status(file, _p1)));
    }

    [Fact]
    public async Task PartnerToken_OnProgramPages_Is403()
    {
        foreach (var file in ProgramPages.Append("missing.html"))
            Assert.Equal((file, HttpStatusCode.Forbidden), (file, await Status(file, _p1)));
    }

    [Fact]
    public async Task AdminToken_OpensEveryPage()
    {
        using var client = Client(_admin);
        foreach (var file in ProgramPages.Concat(P1Files).Concat(OtherPartnerFiles))
            Assert.Equal($"content of {file}", await client.GetStringAsync(file));
        Assert.Equal(HttpStatusCode.NotFound, await Status("missing.html", _admin));
    }

    [Fact]
    public async Task Root_SendsEachScopeToItsHomePage()
    {
        using var admin = Client(_admin, followRedirects: false);
        using var partner = Client(_p1, followRedirects: false);

        Assert.Equal("/index.html", (await admin.GetAsync("/")).Headers.Location?.OriginalString);
        Assert.Equal("/partners/P1.html", (await partner.GetAsync("/")).Headers.Location?.OriginalString);
    }

    // A link with ?token= works in a browser: the token becomes an HttpOnly cookie and leaves the address.
    [Fact]
    public async Task QueryToken_SetsAnHttpOnlyCookieAndRedirectsWithoutIt()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _server.Address };

        var first = await client.GetAsync($"partners/P1.html?token={_p1}&view=print");
        var cookie = cookies.GetCookies(_server.Address)[SiteServer.CookieName];

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/partners/P1.html?view=print", first.Headers.Location?.OriginalString);
        Assert.True(cookie is { HttpOnly: true } && cookie.Value == _p1);
        Assert.Equal("content of partners/P1.html", await client.GetStringAsync("partners/P1.html"));
    }

    [Fact]
    public async Task RevokedToken_Is401WithoutARestart()
    {
        var (token, stored) = _tokens.Issue(TokenScope.Partner("P2"), DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.OK, await Status("partners/P2.html", token));

        Assert.True(_tokens.Revoke(stored.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, await Status("partners/P2.html", token));
    }

    [Fact]
    public async Task Post_Is405()
    {
        using var client = Client(_admin);
        var response = await client.PostAsync("index.html", new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task TokenFile_StoresOnlyHashes()
    {
        var file = await File.ReadAllTextAsync(_tokens.Path);

        Assert.DoesNotContain(_admin, file);
        Assert.DoesNotContain(_p1, file);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(_admin))), file);
    }

    // Sent as raw request lines, since HttpClient would normalise the dot segments away before sending them. Kestrel removes
    // plain ".." segments itself (so they cannot climb above the root); whatever remains that could escape is refused.
    [Theory]
    [InlineData("/../tokens.json")]
    [InlineData("/partners/../../tokens.json")]
    [InlineData("/%2e%2e/tokens.json")]
    [InlineData("/..%2ftokens.json")]
    [InlineData("/partners/P1/..%2f..%2f..%2ftokens.json")]
    [InlineData("/..%5ctokens.json")]
    [InlineData("/.tokens.json")]
    public async Task Traversal_OutOfTheSite_IsRefused(string rawPath)
    {
        var (status, body) = await RawGet(rawPath, _admin);

        Assert.Contains(status, new[] { 400, 404 });
        Assert.DoesNotContain("sha256", body);
    }

    // "//evil.example/x" is a protocol-relative URL: redirecting to the request path as it came would send the browser,
    // token just accepted, to another host. The redirect is rebuilt from the checked path, always on this site.
    [Theory]
    [InlineData("//evil.example/x", "/evil.example/x")]
    [InlineData("///evil.example/x", "/evil.example/x")]
    [InlineData("/\\evil.example/x", "/")]
    [InlineData("/partners/P1.html", "/partners/P1.html")]
    public async Task QueryToken_RedirectsOnlyWithinTheSite(string rawPath, string location)
    {
        var (status, response) = await RawGet($"{rawPath}?token={_p1}&view=print", token: null);

        Assert.Equal(302, status);
        var header = response.Split("\r\n").Single(l => l.StartsWith("Location: ", StringComparison.Ordinal));
        Assert.Equal($"Location: {location}?view=print", header);
    }

    // Partner ids are not paths: "A/B" has its own page (partners/A_2fB.html) that A's token does not open, and
    // A/B's token opens it; "../index" cannot name the leadership page.
    [Fact]
    public async Task PartnerIdsThatLookLikePaths_OpenOnlyTheirOwnPages()
    {
        foreach (var id in new[] { "A", "A/B", "../index" })
        {
            var page = Path.Combine(_root, "site", Reports.ScorecardPages.PathOf(id));
            Directory.CreateDirectory(Path.GetDirectoryName(page)!);
            File.WriteAllText(page, $"scorecard of {id}");
        }
        var a = _tokens.Issue(TokenScope.Partner("A"), DateTime.UtcNow).Token;
        var ab = _tokens.Issue(TokenScope.Partner("A/B"), DateTime.UtcNow).Token;
        var dots = _tokens.Issue(TokenScope.Partner("../index"), DateTime.UtcNow).Token;
        using var abClient = Client(ab, followRedirects: false);
        using var dotsClient = Client(dots, followRedirects: false);

        Assert.Equal(HttpStatusCode.Forbidden, await Status("partners/A_2fB.html", a));
        Assert.Equal("/partners/A_2fB.html", (await abClient.GetAsync("/")).Headers.Location?.OriginalString);
        Assert.Equal("scorecard of A/B", await abClient.GetStringAsync("partners/A_2fB.html"));
        Assert.Equal("/partners/_2e._2findex.html", (await dotsClient.GetAsync("/")).Headers.Location?.OriginalString);
        Assert.Equal("scorecard of ../index", await dotsClient.GetStringAsync("partners/_2e._2findex.html"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status("index.html", dots));
    }

    private async Task<(int Status, string Body)> RawGet(string rawPath, string? token)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.Address.Host, _server.Address.Port);
        await using var stream = tcp.GetStream();
        var authorization = token is null ? "" : $"Authorization: Bearer {token}\r\n";
        var request = $"GET {rawPath} HTTP/1.1\r\nHost: {_server.Address.Authority}\r\n{authorization}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var response = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();
        return (int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), response);
    }
}

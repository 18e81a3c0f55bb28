using ReferralInsights.Cli.Run;
using ReferralInsights.Cli.Serve;

namespace ReferralInsights.Browser.Tests;

public sealed class TokenStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-tokens-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Tokens must outlive runs: publishing swaps the zones (site, marts, …) and leaves tokens.json beside them alone.
    [Fact]
    public void Publish_ReplacingTheSite_KeepsTheTokenFile()
    {
        var layout = new OutputLayout(_root);
        var store = new TokenStore(layout.Tokens);
        var (token, _) = store.Issue(TokenScope.Partner("P-0001"), DateTime.UtcNow);
        Directory.CreateDirectory(layout.Site);
        var staged = layout.Staging("r2");
        Directory.CreateDirectory(staged.Site);
        File.WriteAllText(Path.Combine(staged.Site, "index.html"), "new");

        Publication.Publish(staged.Root, layout.Root, "r2");

        Assert.Equal("new", File.ReadAllText(Path.Combine(layout.Site, "index.html")));
        Assert.Equal(TokenScope.Partner("P-0001"), new TokenStore(layout.Tokens).Find(token));
    }

    [Fact]
    public void Issue_GivesDistinctTokensThatFindTheirScope()
    {
        var store = new TokenStore(Path.Combine(_root, "tokens.json"));
        var admin = store.Issue(TokenScope.Admin, DateTime.UtcNow).Token;
        var partner = store.Issue(TokenScope.Partner("P-0002"), DateTime.UtcNow).Token;

        Assert.NotEqual(admin, partner);
        Assert.Equal(TokenScope.Admin, store.Find(admin));
        Assert.Equal(TokenScope.Partner("P-0002"), store.Find(partner));
        Assert.Null(store.Find(admin + "x"));
        Assert.Null(store.Find(""));
        Assert.Equal(2, store.List().Count);
    }
}

using Microsoft.Playwright;
using ReferralInsights.Cli.Serve;
using ReferralInsights.EndToEnd.Tests;

namespace ReferralInsights.Browser.Tests;

/// <summary>The generated sample program run once (<see cref="SampleProgramRun"/>), a reward what-if replayed on it, an admin
/// and two partner tokens issued with the CLI, <c>serve</c>'s server started on a free port, and one headless Debian Chromium.</summary>
public sealed class ServedSampleSite : IAsyncLifetime
{
    public SampleProgramRun Run { get; private set; } = null!;
    internal SiteServer Server { get; private set; } = null!;
    public string AdminToken { get; private set; } = "";
    /// <summary>Two partners of the published dim_partners with their tokens.</summary>
    public (string Id, string Token) PartnerA { get; private set; }
    public (string Id, string Token) PartnerB { get; private set; }
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public string SiteDir => Path.Combine(Run.OutDir, "site");
    public static string Screenshots => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Run = new SampleProgramRun();
        if (Run.ExitCode != 0) throw new InvalidOperationException($"run failed\n{Run.Error}\n{Run.Output}");
        Simulate();
        AdminToken = Issue("--admin");
        using (var db = new Db())
        {
            var partners = db.Rows($"SELECT partner_id FROM '{Run.Mart("dim_partners")}' ORDER BY partner_id LIMIT 2");
            PartnerA = ((string)partners[0][0]!, Issue("--partner", (string)partners[0][0]!));
            PartnerB = ((string)partners[1][0]!, Issue("--partner", (string)partners[1][0]!));
        }
        Server = await SiteServer.StartAsync(SiteDir, new TokenStore(Path.Combine(Run.OutDir, "tokens.json")), port: 0);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A candidate that raises the Silver commission rate from 8 % to 9 %, so the what-if page has winners to show.</summary>
    private void Simulate()
    {
        var config = File.ReadAllText(Run.ConfigPath);
        var section = config[config.IndexOf("\nrewards:\n", StringComparison.Ordinal)..config.IndexOf("\ncompliance:", StringComparison.Ordinal)];
        var candidate = Path.Combine(Run.Root, "candidate.yaml");
        File.WriteAllText(candidate, section.Replace("commission_rate: 0.08", "commission_rate: 0.09", StringComparison.Ordinal));
        var (exit, output, error) = EndToEnd.Tests.Cli.Invoke("simulate", "--rewards", candidate, "--config", Run.ConfigPath);
        if (exit != 0) throw new InvalidOperationException($"simulate failed\n{error}\n{output}");
    }

    private string Issue(params string[] scope)
    {
        var (exit, output, error) = EndToEnd.Tests.Cli.Invoke(["tokens", "issue", .. scope, "--config", Run.ConfigPath]);
        if (exit != 0) throw new InvalidOperationException($"tokens issue {string.Join(' ', scope)} failed: {error}");
        return output.Trim();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Server.DisposeAsync();
        Run.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ServedSampleSiteCollection : ICollectionFixture<ServedSampleSite>
{
    public const string Name = "served sample site";
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>One run over the sample with what an attacker or a careless exporter sends: partner ids that look like paths,
/// an fx rate below zero, a resolution share of 1.5, a company name of spaces, and a deal exported twice with different
/// values. The run succeeds and publishes; each bad row is quarantined or flagged, never lands as is, and nothing is
/// written outside the output folder.</summary>
public sealed class HostileInputRun
{
    public const string Escaping = "../../../../../x";
    public const string IndexLike = "../index";
    public const string QuotedId = "O'Brien'; DROP TABLE fct_rewards; --";
    public const string ScriptName = "<script>alert('name')</script>";
    public const string AttributeName = "\"><img src=x onerror=alert(1)>";
    public const string ProgramName = "Sample <b>Referral</b> Program's \"best\"";

    public HostileInputRun(SampleProgramRun run)
    {
        // a quote in every path: file names reach DuckDB only as quoted literals
        Root = run.CopyProgram("hostile o'brien");
        var config = Path.Combine(Root, "pipeline.yaml");
        SourcesConfig.Replace(Root, null, "  portal:\n    kind: files\n    path: sample/portal\n", null);
        File.WriteAllText(config, File.ReadAllText(config).Replace("name: Sample Referral Program", "name: '" + ProgramName.Replace("'", "''") + "'"));
        var ids = new Dictionary<string, string> { ["P-0001"] = Escaping, ["P-0002"] = IndexLike, ["P-0003"] = Csv(QuotedId) };
        foreach (var csv in Directory.GetFiles(Path.Combine(Root, "sample"), "*.csv", SearchOption.AllDirectories))
            File.WriteAllText(csv, Regex.Replace(File.ReadAllText(csv), @"\bP-000[123]\b", m => ids[m.Value]));
        var partners = Path.Combine(Root, "sample", "portal", "partners.csv");
        File.WriteAllText(partners, Regex.Replace(Regex.Replace(File.ReadAllText(partners),
            @"(?m)^P-0004,[^,]*,", $"P-0004,{Csv(ScriptName)},"), @"(?m)^P-0005,[^,]*,", $"P-0005,{Csv(AttributeName)},"));
        Append("crm/fx_rates.csv", "GBP,-1.27,2025-01-01T00:00:00Z");
        Append("portal/disputes.csv", "DSP-99999,OPP-0000002,P-0026,2025-01-10T00:00:00Z,resolved,P-0026,1.5,2025-01-20T00:00:00Z,,");
        Append("portal/referrals.csv", "R-9999999,P-0026,2025-02-01T00:00:00Z,   ,,,,,,,,,,,,submitted,");
        // OPP-0000002 again, below its won row: an older open version that must not win for being the later line
        Append("crm/opportunities.csv", "OPP-0000002,ACC-0000002,Cecibi Dynamics - Analytics Suite,10000.00,USD,Discovery,open,2024-07-25T21:53:42Z,,,P-0026,Partner Referral,2024-08-01T00:00:00Z");
        (ExitCode, Output, Error) = Cli.Invoke("run", "--config", config, "--as-of", SampleProgramRun.AsOf.ToString("yyyy-MM-dd"));
    }

    public string Root { get; }
    public string OutDir => Path.Combine(Root, "out");
    public int ExitCode { get; }
    public string Output { get; }
    public string Error { get; }

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private void Append(string relative, string line) => File.AppendAllText(Path.Combine(Root, "sample", relative), line + "\n");
}

[Collection(SampleProgramCollection.Name)]
public sealed class HostileInputRunTests(SampleProgramRun run)
{
    // One run for all the tests of the class, inside the sample run's folder (removed with it).
    private static readonly Lock Gate = new();
    private static HostileInputRun? _hostile;

    private HostileInputRun Hostile
    {
        get { lock (Gate) return _hostile ??= new HostileInputRun(run); }
    }

    [Fact]
    public void TheRunSucceedsAndPublishes() => Assert.True(Hostile.ExitCode == 0, Hostile.Error + Hostile.Output);

    // "../../../../../x" would have written x.html five folders above site/partners/; "../index" would have replaced the
    // leadership page with a scorecard.
    [Fact]
    public void PathLikePartnerIds_GetScorecardsInsidePartners_AndLeaveOtherPagesAlone()
    {
        var partners = Path.Combine(Hostile.OutDir, "site", "partners");
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(partners, HostileInputRun.Escaping + ".html"))));
        Assert.Contains("&quot;best&quot;: program ROI</title>", File.ReadAllText(Path.Combine(Hostile.OutDir, "site", "index.html")));
        var scorecards = Directory.GetFiles(partners, "*.html").Select(Path.GetFileName).ToList();
        Assert.Contains("_2e._2findex.html", scorecards);
        Assert.Contains("_2e._2f.._2f.._2f.._2f.._2fx.html", scorecards);
    }

    // Partner text and config text are inert on every page: escaped, never markup, never an attribute or a script.
    [Fact]
    public void PartnerAndProgramText_IsEscapedOnEveryPage()
    {
        var site = Path.Combine(Hostile.OutDir, "site");
        var pages = Directory.GetFiles(site, "*.html", SearchOption.AllDirectories);
        var text = pages.ToDictionary(p => Path.GetRelativePath(site, p), File.ReadAllText);
        foreach (var html in text.Values)
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<b>Referral</b>", html);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("Sample &lt;b&gt;Referral&lt;/b&gt; Program&#39;s &quot;best&quot;: program ROI", text["index.html"]);
        Assert.Contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;", text["partners.html"]);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", text["partners.html"]);
    }

    // An id holding a quote and SQL reaches every query as a bound value: the partner has its scorecard and its rewards.
    [Fact]
    public void AnIdHoldingSql_IsJustAnId()
    {
        using var db = new Db();
        var marts = Path.Combine(Hostile.OutDir, "marts").Replace("'", "''");
        var quoted = HostileInputRun.QuotedId.Replace("'", "''");
        Assert.True(db.Scalar<long>($"SELECT count(*) FROM '{marts}/fct_rewards.parquet' WHERE partner_id = '{quoted}'") > 0);
        Assert.True(File.Exists(Path.Combine(Hostile.OutDir, "site", "partners", "O_27Brien_27_3b_20DROP_20TABLE_20fct_5frewards_3b_20--.html")));
    }

    [Fact]
    public void BadValues_AreQuarantinedNamingTheField()
    {
        using var db = new Db();
        string Reason(string entity, string where) =>
            (string)db.Rows($"SELECT _reason FROM {RawZoneFiles.Quarantined(Hostile.OutDir, entity)} WHERE {where}").Single()[0]!;

        Assert.Equal("field rate: '-1.27' is not above 0", Reason("crm/fx_rates", "_raw LIKE 'GBP,-1.27,%'"));
        Assert.Equal("field resolution_share: '1.5' is not between 0 and 1", Reason("portal/disputes", "_raw LIKE 'DSP-99999,%'"));
        Assert.Equal("field company_name: required value is empty", Reason("portal/referrals", "_raw LIKE 'R-9999999,%'"));
    }

    // The won version (updated 2024-10-04) stands, not the older open one exported after it, and the pair is a finding.
    [Fact]
    public void ADealExportedTwice_KeepsItsNewestVersion_AndIsAFinding()
    {
        using var db = new Db();
        var marts = Path.Combine(Hostile.OutDir, "marts").Replace("'", "''");
        Assert.Equal(["won", 28700.00m], db.Rows($"SELECT status, amount FROM '{marts}/fct_opportunities.parquet' WHERE opportunity_id = 'OPP-0000002'").Single());
        var finding = db.Rows($"""SELECT severity, detail FROM '{marts}/fct_data_quality.parquet' WHERE "check" = 'conflicting_versions'""").Single();
        Assert.Equal("warning", finding[0]);
        Assert.Matches(@"^2 different rows in one read \(sample/crm/opportunities\.csv line 3, sample/crm/opportunities\.csv line \d+\); kept the newest updated_at, else the last line$",
            (string)finding[1]!);
    }

    // Nothing is lost: for every entity, rows in = landed + quarantined.
    [Fact]
    public void EveryRow_IsLandedOrQuarantined()
    {
        var manifest = Directory.GetFiles(Path.Combine(Hostile.OutDir, "runs"), "manifest.json", SearchOption.AllDirectories).Single();
        foreach (var entity in JsonDocument.Parse(File.ReadAllText(manifest)).RootElement.GetProperty("entities").EnumerateArray())
            Assert.Equal(entity.GetProperty("rows_in").GetInt64(), entity.GetProperty("landed").GetInt64() + entity.GetProperty("quarantined").GetInt64());
    }
}

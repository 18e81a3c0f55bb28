using ReferralInsights.Config;

namespace ReferralInsights.Reports;

/// <summary>What every page of one build shares: the published marts and their fingerprint (<paramref name="dataVersion"/>,
/// which names the numbers without naming the run, so a rerun on the same inputs writes the same pages), the
/// configuration, and the published calendar with the fiscal year and quarter that contain as_of.</summary>
public sealed class SiteContext(MartReader marts, PipelineConfig config, DateOnly asOf, string dataVersion, string siteDir,
    ContactPseudonyms pseudonyms)
{
    /// <summary>How partner-facing pages name a contact.</summary>
    public ContactPseudonyms Pseudonyms => pseudonyms;
    public MartReader Marts => marts;
    public PipelineConfig Config => config;
    public DateOnly AsOf => asOf;
    public Format Format { get; } = new(config.Program.Currency);
    public PublishedCalendar Calendar => LazyInitializer.EnsureInitialized(ref _calendar, () => new PublishedCalendar(marts));
    public string Year => Calendar.Current("year").Label;
    public string Quarter => Calendar.Current("quarter").Label;
    public string Subtitle => $"As of {Format.Date(asOf)} · fiscal years start in {FiscalStartMonth} · data {dataVersion} · amounts in {config.Program.Currency.ToUpperInvariant()}";

    private string FiscalStartMonth => System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(config.Funnel.FiscalYearStartMonth);

    /// <summary>The periods a reader can pick, from the published program metrics (queried once per build).</summary>
    public SitePeriods ReportPeriods => LazyInitializer.EnsureInitialized(ref _reportPeriods, () => new SitePeriods(marts, Calendar));

    public PeriodPicker Picker => new(ReportPeriods);

    public SitePage Page(string path) => new(siteDir, path);

    /// <summary>A program-owner page: the program's name in the title, the shared navigation with <paramref name="path"/> marked.</summary>
    public void SaveProgramPage(SitePage page, string title, string body) =>
        page.Save(Html.Page($"{config.Program.Name}: {title}", Subtitle, body, ProgramNav.Render(page.Path),
            _footer.Value));

    private SitePeriods? _reportPeriods;
    private PublishedCalendar? _calendar;
    private readonly Lazy<string> _footer = new(() => DataFreshnessFooter.Render(marts, config.Sources));
}

/// <summary>The navigation shared by the program pages (never by partner scorecards, which link to nothing outside their
/// partner's folder). The model card and what-if pages are written by their own builders.</summary>
internal static class ProgramNav
{
    public static readonly IReadOnlyList<(string File, string Label)> Links =
    [
        ("index.html", "Leadership ROI"), ("council.html", "Council pack"), ("partners.html", "Partners"), ("tiers.html", "Tiers"), ("attribution.html", "Attribution"),
        ("rewards-table.html", "Rewards table"), ("what-if.html", "Reward what-if"), ("reconciliation.html", "Reconciliation"),
        ("compliance.html", "Compliance"), ("data-quality.html", "Data quality"), ("model-card.html", "Lead model"),
    ];

    public static string Render(string current) =>
        "<nav class=\"site\">" + string.Concat(Links.Select(l =>
            $"<a href=\"{l.File}\"{(l.File == current ? " class=\"here\"" : "")}>{Html.E(l.Label)}</a>")) + "</nav>";
}

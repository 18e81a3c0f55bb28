namespace ReferralInsights.Config;

// The typed form of pipeline.yaml (../shared/spec/pipeline.example.yaml). Defaults are those of
// rules.md; a section or key left out of the file keeps its default. Property names map to
// snake_case keys (DedupWindowDays ↔ dedup_window_days).

public sealed class PipelineConfig
{
    public ProgramOptions Program { get; set; } = new();
    public SourcesOptions Sources { get; set; } = new();
    public ScheduleOptions Schedule { get; set; } = new();
    public OutputOptions Output { get; set; } = new();
    public EngineOptions Engine { get; set; } = new();
    /// <summary>Static rate of each currency to the program currency; crm/fx_rates wins when present.</summary>
    public Dictionary<string, decimal> Fx { get; set; } = new() { ["USD"] = 1.0m };
    public MatchingOptions Matching { get; set; } = new();
    public AttributionOptions Attribution { get; set; } = new();
    public FunnelOptions Funnel { get; set; } = new();
    public EconomicsOptions Economics { get; set; } = new();
    public List<ProgramCost> ProgramCosts { get; set; } = [];
    public RewardsOptions Rewards { get; set; } = new();
    public ComplianceOptions Compliance { get; set; } = new();
    public ReconciliationOptions Reconciliation { get; set; } = new();
    public QualityOptions Quality { get; set; } = new();
    public ModelOptions Model { get; set; } = new();
    /// <summary>Null unless the file has a <c>sample:</c> section.</summary>
    public SampleOptions? Sample { get; set; }

    /// <summary>Read by <see cref="ConfigLoader.Load"/> from <c>compliance.review_decisions</c>, not a key of pipeline.yaml.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public IReadOnlyList<ReviewDecision> ReviewDecisions { get; set; } = [];
}

public sealed class ProgramOptions
{
    public string Name { get; set; } = "Referral Program";
    public string Currency { get; set; } = "USD";
}

public sealed class SourcesOptions
{
    public SourceOptions Crm { get; set; } = new() { Path = "data/crm" };
    public SourceOptions Portal { get; set; } = new() { Path = "data/portal" };
    public SourceOptions Clicks { get; set; } = new() { Path = "data/clicks" };

    public static readonly IReadOnlyList<string> Names = ["crm", "portal", "clicks"];

    public SourceOptions Of(string source) => source switch
    {
        "crm" => Crm,
        "portal" => Portal,
        "clicks" => Clicks,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "unknown source"),
    };
}

public sealed class SourceOptions
{
    /// <summary>files (any source) | hubspot (crm) | sqlite | postgres (portal) | logs (clicks).</summary>
    public string Kind { get; set; } = "files";
    /// <summary>Folder (files, logs) or database file (sqlite); resolved against the config file's folder.</summary>
    public string? Path { get; set; }
    public string? BaseUrl { get; set; }
    public string? TokenEnv { get; set; }
    public string? ConnectionStringEnv { get; set; }
    public Dictionary<string, string> Stages { get; set; } = [];
    public List<string> WonStages { get; set; } = [];
    public List<string> LostStages { get; set; } = [];
    public Dictionary<string, string> Properties { get; set; } = [];
    /// <summary>exports: per crm entity, contract column → the export file's column label.</summary>
    public Dictionary<string, Dictionary<string, string>> Columns { get; set; } = [];
    /// <summary>exports: per crm entity and contract column, the export's value → the contract's value.</summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, string>>> Values { get; set; } = [];
    /// <summary>exports: the format of dates that are not ISO-8601 (DuckDB strptime, e.g. "%m/%d/%Y").</summary>
    public string? TimestampFormat { get; set; }
}

public sealed class ScheduleOptions
{
    public string Timezone { get; set; } = "UTC";
    /// <summary>Job name (one of <see cref="JobNames"/>) → Quartz cron expression, seconds first.</summary>
    public Dictionary<string, string> Jobs { get; set; } = [];
    /// <summary>How many times a failed job is run again before it is reported failed (it runs again at its next fire time).</summary>
    public int Retries { get; set; } = 2;
    public int RetryDelaySeconds { get; set; } = 60;

    /// <summary>The jobs <c>schedule.jobs</c> may name; any other name is a configuration error.</summary>
    public static readonly IReadOnlyList<string> JobNames = ["ingest_clicks", "ingest_crm", "ingest_portal", "build"];
}

public sealed class OutputOptions
{
    /// <summary>Output folder; resolved against the config file's folder.</summary>
    public string Dir { get; set; } = "out";
    /// <summary>Also write every mart as CSV beside its Parquet file.</summary>
    public bool Csv { get; set; }
    /// <summary>How long a run (or a scheduled job) waits for another one writing this folder to finish before it gives up.</summary>
    public int LockWaitSeconds { get; set; } = 600;
}

/// <summary>The embedded DuckDB every stage runs on.</summary>
public sealed class EngineOptions
{
    /// <summary>DuckDB's memory limit (<c>6GB</c>, <c>512MB</c>); past it, operators spill to <see cref="TempDirectory"/>.</summary>
    public string MemoryLimit { get; set; } = "6GB";
    /// <summary>DuckDB's worker threads; 0 = one per core.</summary>
    public int Threads { get; set; }
    /// <summary>Where DuckDB spills, a folder per run inside it; resolved against the config file's folder when loaded.
    /// Null: the run's staging folder (<c>out/.staging/&lt;run&gt;/tmp</c>).</summary>
    public string? TempDirectory { get; set; }
}

public sealed class MatchingOptions
{
    public int DedupWindowDays { get; set; } = 90;
    public List<string> FreeMailDomains { get; set; } =
    [
        "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com",
        "icloud.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "mail.com",
    ];
}

public sealed class AttributionOptions
{
    public int RegistrationValidDays { get; set; } = 180;
    public int GraceDays { get; set; } = 1;
    public int CookieWindowDays { get; set; } = 90;
    public string RewardModel { get; set; } = "primary_share";
    public decimal PrimaryShare { get; set; } = 0.6m;
    public double HalfLifeDays { get; set; } = 30;
    public int ShapleyMinSupport { get; set; } = 10;

    public static readonly IReadOnlyList<string> ModelNames =
        ["first_touch", "last_touch", "linear", "time_decay", "position_based", "primary_share", "shapley"];
}

public sealed class FunnelOptions
{
    public List<string> QualifiedStages { get; set; } = ["Qualified", "Proposal", "Negotiation", "Closed Won"];
    public int FiscalYearStartMonth { get; set; } = 1;
}

public sealed class EconomicsOptions
{
    public decimal GrossMargin { get; set; } = 0.75m;
}

public sealed class ProgramCost
{
    /// <summary>A period label: "2025", "2025-Q1" or "2025-03".</summary>
    public string Period { get; set; } = "";
    public decimal Amount { get; set; }
    public string? Note { get; set; }
}

public sealed class RewardsOptions
{
    public QualityGateOptions QualityGate { get; set; } = new();
    public decimal AssistBonus { get; set; }
    public int ClawbackDays { get; set; } = 90;
    public CapsOptions Caps { get; set; } = new();
    /// <summary>The tier table in force now, lowest first.</summary>
    public List<TierOptions> Tiers { get; set; } = [];
    /// <summary>The day (YYYY-MM-DD, UTC) <see cref="Tiers"/> took effect; null: they always applied.</summary>
    public string? EffectiveFrom { get; set; }
    /// <summary>The tier tables that applied before, each from its own day (a reward earned on a day is paid at the table
    /// in force that day; the oldest table also covers everything before it).</summary>
    public List<TermsVersion> EarlierTerms { get; set; } = [];

    /// <summary>Every tier table, oldest first, with the day it took effect (null for the oldest when undated) and the day
    /// the next one did (null for the current). Valid after loading.</summary>
    public IReadOnlyList<(DateOnly? From, DateOnly? To, IReadOnlyList<TierOptions> Tiers)> TermVersions()
    {
        var versions = EarlierTerms.Select(v => (From: (DateOnly?)TermsVersion.Day(v.EffectiveFrom), Tiers: (IReadOnlyList<TierOptions>)v.Tiers))
            .Append((From: EffectiveFrom is null ? null : TermsVersion.Day(EffectiveFrom), Tiers: Tiers))
            .OrderBy(v => v.From ?? DateOnly.MinValue).ToList();
        return versions.Select((v, i) => (v.From, i + 1 < versions.Count ? versions[i + 1].From : null, v.Tiers)).ToList();
    }
}

/// <summary>A tier table of the past: <see cref="Tiers"/> applied from <see cref="EffectiveFrom"/> until the next table.</summary>
public sealed class TermsVersion
{
    public string EffectiveFrom { get; set; } = "";
    public List<TierOptions> Tiers { get; set; } = [];

    internal static DateOnly? TryDay(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var day) ? day : null;

    internal static DateOnly Day(string text) => TryDay(text) ?? throw new InvalidOperationException($"'{text}' is not a day");
}

public sealed class QualityGateOptions
{
    public double MinLeadScore { get; set; }
}

public sealed class CapsOptions
{
    /// <summary>Commission cap per (opportunity, partner); null = no cap.</summary>
    public decimal? PerDeal { get; set; }
    /// <summary>Cap on a partner's payable rewards per calendar year; null = no cap.</summary>
    public decimal? PerPartnerPerYear { get; set; }
}

public sealed class TierOptions
{
    public string Name { get; set; } = "";
    public decimal MinSourcedRevenue { get; set; }
    public int MinQualifiedReferrals { get; set; }
    public decimal UpfrontBonus { get; set; }
    public decimal QualifiedBonus { get; set; }
    public decimal CommissionRate { get; set; }
}

public sealed class ComplianceOptions
{
    public List<string> RestrictedIndustries { get; set; } = ["Government", "Public Sector"];
    public int ClickBurstThreshold { get; set; } = 50;
    /// <summary>The review decisions file (<see cref="ReviewDecisionsFile"/>); resolved against the config file's folder.</summary>
    public string ReviewDecisions { get; set; } = "decisions/reviews.yaml";
}

public sealed class ReconciliationOptions
{
    public int PaymentLagDays { get; set; } = 30;
}

public sealed class QualityOptions
{
    public int MaxStalenessDays { get; set; } = 3;
}

public sealed class ModelOptions
{
    public string Label { get; set; } = "qualified_within_days";
    public int LabelDays { get; set; } = 120;
    public int MinTrainingRows { get; set; } = 200;
    /// <summary>The validation AUC a registered model needs before it may score referrals (an addition).</summary>
    public double MinAuc { get; set; } = 0.6;
    /// <summary>The ideal customer profile: what makes a referred company a fit (lead-quality features).</summary>
    public IcpOptions Icp { get; set; } = new();
}

/// <summary>Ideal-customer-profile rules (an addition to pipeline.example.yaml); an empty list means "any".</summary>
public sealed class IcpOptions
{
    public int MinEmployees { get; set; } = 100;
    public int MaxEmployees { get; set; } = 5000;
    public List<string> Industries { get; set; } = [];
    public List<string> Countries { get; set; } = [];
    /// <summary>Pain-point tags that signal an urgent, solvable need.</summary>
    public List<string> PriorityPainPoints { get; set; } = [];
}

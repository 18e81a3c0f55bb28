namespace ReferralInsights.Config;

// The typed form of pipeline.yaml (../shared/spec/pipeline.example.yaml). Defaults are those of
// rules.md; a section or key left out of the file keeps its default. Property names map to
// snake_case keys (DedupWindowDays ↔ dedup_window_days).

public sealed record PipelineConfig
{
    public ProgramOptions Program { get; init; } = new();
    public SourcesOptions Sources { get; init; } = new();
    public ScheduleOptions Schedule { get; init; } = new();
    public OutputOptions Output { get; init; } = new();
    public EngineOptions Engine { get; init; } = new();
    /// <summary>Static rate of each currency to the program currency; crm/fx_rates wins when present.</summary>
    public Dictionary<string, decimal> Fx { get; init; } = new() { ["USD"] = 1.0m };
    public MatchingOptions Matching { get; init; } = new();
    public AttributionOptions Attribution { get; init; } = new();
    public FunnelOptions Funnel { get; init; } = new();
    public EconomicsOptions Economics { get; init; } = new();
    public List<ProgramCost> ProgramCosts { get; init; } = [];
    public RewardsOptions Rewards { get; init; } = new();
    public ComplianceOptions Compliance { get; init; } = new();
    public ReconciliationOptions Reconciliation { get; init; } = new();
    public QualityOptions Quality { get; init; } = new();
    public ModelOptions Model { get; init; } = new();
    /// <summary>Null unless the file has a <c>sample:</c> section.</summary>
    public SampleOptions? Sample { get; init; }

    /// <summary>Read by <see cref="ConfigLoader.Load"/> from <c>compliance.review_decisions</c>, not a key of pipeline.yaml.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public IReadOnlyList<ReviewDecision> ReviewDecisions { get; init; } = [];
}

public sealed record ProgramOptions
{
    public string Name { get; init; } = "Referral Program";
    public string Currency { get; init; } = "USD";
}

public sealed record SourcesOptions
{
    public SourceOptions Crm { get; init; } = new() { Path = "data/crm" };
    public SourceOptions Portal { get; init; } = new() { Path = "data/portal" };
    public SourceOptions Clicks { get; init; } = new() { Path = "data/clicks" };

    public static readonly IReadOnlyList<string> Names = ["crm", "portal", "clicks"];

    public SourceOptions Of(string source) => source switch
    {
        "crm" => Crm,
        "portal" => Portal,
        "clicks" => Clicks,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "unknown source"),
    };
}

public sealed record SourceOptions
{
    /// <summary>files (any source) | hubspot (crm) | sqlite | postgres (portal) | logs (clicks).</summary>
    public string Kind { get; init; } = "files";
    /// <summary>Folder (files, logs) or database file (sqlite); resolved against the config file's folder.</summary>
    public string? Path { get; init; }
    public string? BaseUrl { get; init; }
    public string? TokenEnv { get; init; }
    public string? ConnectionStringEnv { get; init; }
    public Dictionary<string, string> Stages { get; init; } = [];
    public List<string> WonStages { get; init; } = [];
    public List<string> LostStages { get; init; } = [];
    public Dictionary<string, string> Properties { get; init; } = [];
    /// <summary>exports: per crm entity, contract column → the export file's column label.</summary>
    public Dictionary<string, Dictionary<string, string>> Columns { get; init; } = [];
    /// <summary>exports: per crm entity and contract column, the export's value → the contract's value.</summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, string>>> Values { get; init; } = [];
    /// <summary>exports: the format of dates that are not ISO-8601 (DuckDB strptime, e.g. "%m/%d/%Y").</summary>
    public string? TimestampFormat { get; init; }
}

public sealed record ScheduleOptions
{
    public string Timezone { get; init; } = "UTC";
    /// <summary>Job name (one of <see cref="JobNames"/>) → Quartz cron expression, seconds first.</summary>
    public Dictionary<string, string> Jobs { get; init; } = [];
    /// <summary>How many times a failed job is run again before it is reported failed (it runs again at its next fire time).</summary>
    public int Retries { get; init; } = 2;
    public int RetryDelaySeconds { get; init; } = 60;

    /// <summary>The jobs <c>schedule.jobs</c> may name; any other name is a configuration error.</summary>
    public static readonly IReadOnlyList<string> JobNames = ["ingest_clicks", "ingest_crm", "ingest_portal", "build"];
}

public sealed record OutputOptions
{
    /// <summary>Output folder; resolved against the config file's folder.</summary>
    public string Dir { get; init; } = "out";
    /// <summary>Also write every mart as CSV beside its Parquet file.</summary>
    public bool Csv { get; init; }
    /// <summary>How long a run (or a scheduled job) waits for another one writing this folder to finish before it gives up.</summary>
    public int LockWaitSeconds { get; init; } = 600;
}

/// <summary>The embedded DuckDB every stage runs on.</summary>
public sealed record EngineOptions
{
    /// <summary>DuckDB's memory limit (<c>6GB</c>, <c>512MB</c>); past it, operators spill to <see cref="TempDirectory"/>.</summary>
    public string MemoryLimit { get; init; } = "6GB";
    /// <summary>DuckDB's worker threads; 0 = one per core.</summary>
    public int Threads { get; init; }
    /// <summary>Where DuckDB spills, a folder per run inside it; resolved against the config file's folder when loaded.
    /// Null: the run's staging folder (<c>out/.staging/&lt;run&gt;/tmp</c>).</summary>
    public string? TempDirectory { get; init; }
}

public sealed record MatchingOptions
{
    public int DedupWindowDays { get; init; } = 90;
    public List<string> FreeMailDomains { get; init; } =
    [
        "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com",
        "icloud.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "mail.com",
    ];
}

public sealed record AttributionOptions
{
    public int RegistrationValidDays { get; init; } = 180;
    public int GraceDays { get; init; } = 1;
    public int CookieWindowDays { get; init; } = 90;
    public string RewardModel { get; init; } = "primary_share";
    public decimal PrimaryShare { get; init; } = 0.6m;
    public double HalfLifeDays { get; init; } = 30;
    public int ShapleyMinSupport { get; init; } = 10;

    public static readonly IReadOnlyList<string> ModelNames =
        ["first_touch", "last_touch", "linear", "time_decay", "position_based", "primary_share", "shapley"];
}

public sealed record FunnelOptions
{
    public List<string> QualifiedStages { get; init; } = ["Qualified", "Proposal", "Negotiation", "Closed Won"];
    public int FiscalYearStartMonth { get; init; } = 1;
}

public sealed record EconomicsOptions
{
    public decimal GrossMargin { get; init; } = 0.75m;
}

public sealed partial record ProgramCost
{
    /// <summary>A period label as the marts write it (D6): a fiscal year "2025", a fiscal quarter "2025-Q1" or a calendar
    /// month "2025-03".</summary>
    public string Period { get; init; } = "";
    public decimal Amount { get; init; }
    public string? Note { get; init; }

    public bool HasPeriodLabel => PeriodLabel().IsMatch(Period);

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")]
    private static partial System.Text.RegularExpressions.Regex PeriodLabel();
}

public sealed record RewardsOptions
{
    public QualityGateOptions QualityGate { get; init; } = new();
    public decimal AssistBonus { get; init; }
    public int ClawbackDays { get; init; } = 90;
    public CapsOptions Caps { get; init; } = new();
    /// <summary>The tier table in force now, lowest first.</summary>
    public List<TierOptions> Tiers { get; init; } = [];
    /// <summary>The day (YYYY-MM-DD, UTC) <see cref="Tiers"/> took effect; null: they always applied.</summary>
    public string? EffectiveFrom { get; init; }
    /// <summary>The tier tables that applied before, each from its own day (a reward earned on a day is paid at the table
    /// in force that day; the oldest table also covers everything before it).</summary>
    public List<TermsVersion> EarlierTerms { get; init; } = [];

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
public sealed record TermsVersion
{
    public string EffectiveFrom { get; init; } = "";
    public List<TierOptions> Tiers { get; init; } = [];

    internal static DateOnly? TryDay(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var day) ? day : null;

    internal static DateOnly Day(string text) => TryDay(text) ?? throw new InvalidOperationException($"'{text}' is not a day");
}

public sealed record QualityGateOptions
{
    public double MinLeadScore { get; init; }
}

public sealed record CapsOptions
{
    /// <summary>Commission cap per (opportunity, partner); null = no cap.</summary>
    public decimal? PerDeal { get; init; }
    /// <summary>Cap on a partner's payable rewards per calendar year; null = no cap.</summary>
    public decimal? PerPartnerPerYear { get; init; }
}

public sealed record TierOptions
{
    public string Name { get; init; } = "";
    public decimal MinSourcedRevenue { get; init; }
    public int MinQualifiedReferrals { get; init; }
    public decimal UpfrontBonus { get; init; }
    public decimal QualifiedBonus { get; init; }
    public decimal CommissionRate { get; init; }
}

public sealed record ComplianceOptions
{
    public List<string> RestrictedIndustries { get; init; } = ["Government", "Public Sector"];
    public int ClickBurstThreshold { get; init; } = 50;
    /// <summary>The review decisions file (<see cref="ReviewDecisionsFile"/>); resolved against the config file's folder.</summary>
    public string ReviewDecisions { get; init; } = "decisions/reviews.yaml";
}

public sealed record ReconciliationOptions
{
    public int PaymentLagDays { get; init; } = 30;
}

public sealed record QualityOptions
{
    public int MaxStalenessDays { get; init; } = 3;
}

public sealed record ModelOptions
{
    public string Label { get; init; } = "qualified_within_days";
    public int LabelDays { get; init; } = 120;
    public int MinTrainingRows { get; init; } = 200;
    /// <summary>Referrals a model is fitted on, at most (an addition): past this, an even spread of them over time and by
    /// outcome; every referral is still scored and the newest 20 % still validate.</summary>
    public int MaxTrainingRows { get; init; } = DefaultMaxTrainingRows;
    public const int DefaultMaxTrainingRows = 50_000;
    /// <summary>The validation AUC a registered model needs before it may score referrals (an addition).</summary>
    public double MinAuc { get; init; } = 0.6;
    /// <summary>The ideal customer profile: what makes a referred company a fit (lead-quality features).</summary>
    public IcpOptions Icp { get; init; } = new();
}

/// <summary>Ideal-customer-profile rules (an addition to pipeline.example.yaml); an empty list means "any".</summary>
public sealed record IcpOptions
{
    public int MinEmployees { get; init; } = 100;
    public int MaxEmployees { get; init; } = 5000;
    public List<string> Industries { get; init; } = [];
    public List<string> Countries { get; init; } = [];
    /// <summary>Pain-point tags that signal an urgent, solvable need.</summary>
    public List<string> PriorityPainPoints { get; init; } = [];
}

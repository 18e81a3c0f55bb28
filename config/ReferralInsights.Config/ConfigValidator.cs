using System.Text.RegularExpressions;

namespace ReferralInsights.Config;

/// <summary>The impossible values of pipeline.yaml. Each problem is a dotted key path and what is wrong;
/// <see cref="ConfigLoader"/> adds the file, line and column.</summary>
internal static partial class ConfigValidator
{
    private sealed record Rule(string Key, Func<PipelineConfig, bool> IsValid, string Problem);

    private const string NotNegative = "must be 0 or more";
    private const string NotNegativeDays = "must be 0 or more days";

    /// <summary>One key, one condition.</summary>
    private static readonly Rule[] Rules =
    [
        new("program.name", c => !string.IsNullOrWhiteSpace(c.Program.Name), "must not be empty"),
        new("program.currency", c => IsCurrencyCode(c.Program.Currency), "must be a 3-letter ISO 4217 code in capitals, e.g. USD"),
        new("schedule.timezone", c => IsTimeZone(c.Schedule.Timezone), "unknown time zone; use an IANA id such as UTC or Europe/Berlin"),
        new("schedule.retries", c => c.Schedule.Retries >= 0, NotNegative),
        new("schedule.retry_delay_seconds", c => c.Schedule.RetryDelaySeconds >= 0, NotNegative),
        new("output.dir", c => !string.IsNullOrWhiteSpace(c.Output.Dir), "must not be empty"),
        new("output.lock_wait_seconds", c => c.Output.LockWaitSeconds >= 0, NotNegative),
        new("engine.memory_limit", c => MemorySize().IsMatch(c.Engine.MemoryLimit), "must be a size such as 6GB, 512MB or 1.5GiB"),
        new("engine.threads", c => c.Engine.Threads >= 0, "must be 0 (one per core) or more"),
        new("engine.temp_directory", c => c.Engine.TempDirectory is null || !string.IsNullOrWhiteSpace(c.Engine.TempDirectory),
            "must not be empty (leave it out to spill into the run's staging folder)"),
        new("matching.dedup_window_days", c => c.Matching.DedupWindowDays >= 0, NotNegativeDays),
        new("attribution.registration_valid_days", c => c.Attribution.RegistrationValidDays >= 0, NotNegativeDays),
        new("attribution.grace_days", c => c.Attribution.GraceDays >= 0, NotNegativeDays),
        new("attribution.cookie_window_days", c => c.Attribution.CookieWindowDays >= 0, NotNegativeDays),
        new("attribution.reward_model", c => AttributionOptions.ModelNames.Contains(c.Attribution.RewardModel),
            $"must be one of {string.Join(", ", AttributionOptions.ModelNames)}"),
        new("attribution.primary_share", c => c.Attribution.PrimaryShare is > 0m and <= 1m,
            "must be more than 0 and at most 1 (the primary partner's share of the credit)"),
        new("attribution.half_life_days", c => double.IsFinite(c.Attribution.HalfLifeDays) && c.Attribution.HalfLifeDays > 0,
            "must be more than 0 days"),
        new("attribution.shapley_min_support", c => c.Attribution.ShapleyMinSupport >= 0, NotNegative),
        new("funnel.fiscal_year_start_month", c => c.Funnel.FiscalYearStartMonth is >= 1 and <= 12, "must be a month number from 1 to 12"),
        new("economics.gross_margin", c => c.Economics.GrossMargin is >= 0m and <= 1m, "must be between 0 and 1 (0.75 = 75 %)"),
        new("rewards.quality_gate.min_lead_score", c => c.Rewards.QualityGate.MinLeadScore is >= 0 and <= 1,
            "must be between 0 and 1 (lead scores are probabilities)"),
        new("rewards.assist_bonus", c => c.Rewards.AssistBonus >= 0, NotNegative),
        new("rewards.clawback_days", c => c.Rewards.ClawbackDays >= 0, NotNegativeDays),
        new("rewards.caps.per_deal", c => c.Rewards.Caps.PerDeal is null or > 0, "must be more than 0 (leave it out for no cap)"),
        new("rewards.caps.per_partner_per_year", c => c.Rewards.Caps.PerPartnerPerYear is null or > 0, "must be more than 0 (leave it out for no cap)"),
        new("compliance.click_burst_threshold", c => c.Compliance.ClickBurstThreshold >= 0, NotNegative),
        new("reconciliation.payment_lag_days", c => c.Reconciliation.PaymentLagDays >= 0, NotNegativeDays),
        new("quality.max_staleness_days", c => c.Quality.MaxStalenessDays >= 0, NotNegativeDays),
        new("model.label", c => !string.IsNullOrWhiteSpace(c.Model.Label), "must not be empty"),
        new("model.label_days", c => c.Model.LabelDays >= 1, "must be 1 or more days"),
        new("model.min_training_rows", c => c.Model.MinTrainingRows >= 0, NotNegative),
        new("model.max_training_rows", c => c.Model.MaxTrainingRows >= 1000, "must be 1000 or more"),
        new("model.min_auc", c => c.Model.MinAuc is >= 0 and <= 1, "must be between 0 and 1"),
        new("model.icp.min_employees", c => c.Model.Icp.MinEmployees >= 0, NotNegative),
        new("model.icp.max_employees", c => c.Model.Icp.MaxEmployees >= c.Model.Icp.MinEmployees, "must be at least model.icp.min_employees"),
        new("sample.path", c => c.Sample is null || !string.IsNullOrWhiteSpace(c.Sample.Path), "must not be empty"),
        new("sample.scale", c => c.Sample is null || SampleOptions.Scales.Contains(c.Sample.Scale),
            $"must be one of {string.Join(", ", SampleOptions.Scales)}"),
    ];

    /// <summary>Source kinds each source accepts (pipeline.example.yaml).</summary>
    private static readonly Dictionary<string, string[]> SourceKinds = new()
    {
        ["crm"] = ["files", "exports", "hubspot"],
        ["portal"] = ["files", "sqlite", "postgres"],
        ["clicks"] = ["files", "logs"],
    };

    /// <summary>The keys of a source each kind reads (besides <c>kind</c>). A key written for a kind that does not read it
    /// would be silently ignored (a <c>stages:</c> map under a files CRM, a <c>path</c> beside <c>kind: postgres</c>), so it
    /// is refused.</summary>
    private static readonly Dictionary<string, string[]> KeysReadByKind = new()
    {
        ["files"] = ["path"],
        ["exports"] = ["path", "columns", "values", "timestamp_format", "won_stages", "lost_stages"],
        ["logs"] = ["path"],
        ["sqlite"] = ["path"],
        ["postgres"] = ["connection_string_env"],
        ["hubspot"] = ["base_url", "token_env", "stages", "won_stages", "lost_stages", "properties"],
    };

    /// <summary>Runs after <see cref="ConfigSchema.MissingValues"/> found no null, so the checks may read anything.</summary>
    /// <param name="inFile">Whether a key path is written in the file (versus left at its default).</param>
    public static IEnumerable<(string Key, string Problem)> Validate(PipelineConfig config, Func<string, bool> inFile)
    {
        return Rules.Where(rule => !rule.IsValid(config)).Select(rule => (rule.Key, rule.Problem))
            .Concat(SourceProblems(config.Sources, inFile))
            .Concat(ScheduleProblems(config.Schedule))
            .Concat(FxProblems(config))
            .Concat(ProgramCostProblems(config.ProgramCosts))
            .Concat(TierProblems("rewards.tiers", config.Rewards.Tiers, inFile("rewards.tiers")))
            .Concat(TermVersionProblems(config.Rewards))
            .ToList();
    }

    private static IEnumerable<(string, string)> SourceProblems(SourcesOptions sources, Func<string, bool> inFile)
    {
        foreach (var name in SourcesOptions.Names)
        {
            var source = sources.Of(name);
            var kinds = SourceKinds[name];
            var key = $"sources.{name}";
            if (!kinds.Contains(source.Kind))
            {
                yield return ($"{key}.kind", $"'{source.Kind}' is not a kind of {name} source; expected {string.Join(" or ", kinds)}");
                continue;
            }
            foreach (var unread in KeysReadByKind.Values.SelectMany(k => k).Distinct()
                         .Where(k => inFile($"{key}.{k}") && !KeysReadByKind[source.Kind].Contains(k)))
            {
                var readers = kinds.Where(kind => KeysReadByKind[kind].Contains(unread)).ToList();
                yield return ($"{key}.{unread}", $"not read when kind is {source.Kind}" +
                    (readers.Count > 0 ? $"; only kind {string.Join(" or ", readers)} reads it" : $"; no kind of {name} source reads it"));
            }
            switch (source.Kind)
            {
                case "files" or "exports" or "logs" or "sqlite" when string.IsNullOrWhiteSpace(source.Path):
                    yield return ($"{key}.path", $"required when kind is {source.Kind}");
                    break;
                case "hubspot" when string.IsNullOrWhiteSpace(source.BaseUrl):
                    yield return ($"{key}.base_url", "required when kind is hubspot");
                    break;
                case "hubspot" when !Uri.TryCreate(source.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"):
                    yield return ($"{key}.base_url", "must be an absolute http(s) URL");
                    break;
                case "hubspot" when string.IsNullOrWhiteSpace(source.TokenEnv):
                    yield return ($"{key}.token_env", "required when kind is hubspot (the environment variable holding the private-app token)");
                    break;
                case "postgres" when string.IsNullOrWhiteSpace(source.ConnectionStringEnv):
                    yield return ($"{key}.connection_string_env", "required when kind is postgres");
                    break;
            }
            foreach (var (envKey, envName) in new[] { ("token_env", source.TokenEnv), ("connection_string_env", source.ConnectionStringEnv) })
            {
                if (!string.IsNullOrWhiteSpace(envName) && !EnvironmentVariableName().IsMatch(envName))
                    yield return ($"{key}.{envKey}", "must be the name of an environment variable (the secret itself never goes in this file)");
            }
        }
    }

    private static IEnumerable<(string, string)> ScheduleProblems(ScheduleOptions schedule)
    {
        foreach (var (job, cron) in schedule.Jobs)
        {
            var key = $"schedule.jobs.{job}";
            if (!ScheduleOptions.JobNames.Contains(job))
                yield return (key, $"unknown job; expected one of: {string.Join(", ", ScheduleOptions.JobNames)}");
            else if (CronProblem(cron) is { } problem)
                yield return (key, problem);
        }
    }

    /// <summary>A light syntactic check of a Quartz cron expression (seconds first): 6 or 7 fields of
    /// the characters Quartz knows, '?' only in, and in exactly one of, day-of-month and day-of-week.</summary>
    internal static string? CronProblem(string cron)
    {
        var fields = cron.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (6 or 7))
            return $"'{cron}' has {fields.Length} fields; a Quartz cron expression has 6 or 7, seconds first: "
                + "sec min hour day-of-month month day-of-week [year], e.g. \"0 30 2 * * ?\"";
        string[] names = ["seconds", "minutes", "hours", "day-of-month", "month", "day-of-week", "year"];
        for (var i = 0; i < fields.Length; i++)
        {
            if (!CronField().IsMatch(fields[i]))
                return $"'{cron}': the {names[i]} field '{fields[i]}' is not valid Quartz cron syntax";
            if (fields[i].Contains('?') && (i is not (3 or 5) || fields[i] != "?"))
                return $"'{cron}': '?' may only stand alone in day-of-month or day-of-week";
        }
        if ((fields[3] == "?") == (fields[5] == "?"))
            return $"'{cron}': exactly one of day-of-month and day-of-week must be '?', e.g. \"0 30 2 * * ?\"";
        return null;
    }

    private static IEnumerable<(string, string)> FxProblems(PipelineConfig config)
    {
        foreach (var (currency, rate) in config.Fx)
        {
            var key = $"fx.{currency}";
            if (!IsCurrencyCode(currency))
                yield return (key, "must be a 3-letter ISO 4217 code in capitals, e.g. EUR");
            else if (rate <= 0)
                yield return (key, "rate must be more than 0");
            else if (currency == config.Program.Currency && rate != 1m)
                yield return (key, $"the program currency's own rate must be 1 (program.currency is {currency})");
        }
    }

    private static IEnumerable<(string, string)> ProgramCostProblems(List<ProgramCost> costs)
    {
        for (var i = 0; i < costs.Count; i++)
        {
            var key = $"program_costs[{i}]";
            if (!costs[i].HasPeriodLabel)
                yield return ($"{key}.period", $"'{costs[i].Period}' is not a period; use a year (\"2025\"), a quarter (\"2025-Q1\") or a month (\"2025-03\")");
            if (costs[i].Amount < 0)
                yield return ($"{key}.amount", NotNegative);
        }
    }

    /// <summary>Each earlier table is a valid tier table on its own day; the days are distinct and before the current one's.</summary>
    private static IEnumerable<(string, string)> TermVersionProblems(RewardsOptions rewards)
    {
        const string NotADay = "is not a day; write it as YYYY-MM-DD, e.g. 2026-07-01";
        if (rewards.EffectiveFrom is { } current && TermsVersion.TryDay(current) is null)
            yield return ("rewards.effective_from", $"'{current}' {NotADay}");
        if (rewards.EarlierTerms.Count > 0 && rewards.EffectiveFrom is null)
            yield return ("rewards.effective_from", "required with rewards.earlier_terms: the day the current tiers replaced them");
        var currentDay = TermsVersion.TryDay(rewards.EffectiveFrom);
        var seen = new Dictionary<DateOnly, int>();
        for (var i = 0; i < rewards.EarlierTerms.Count; i++)
        {
            var version = rewards.EarlierTerms[i];
            var key = $"rewards.earlier_terms[{i}]";
            foreach (var problem in TierProblems($"{key}.tiers", version.Tiers, given: true)) yield return problem;
            if (TermsVersion.TryDay(version.EffectiveFrom) is not { } day)
                yield return ($"{key}.effective_from", $"'{version.EffectiveFrom}' {NotADay}");
            else if (currentDay is { } now && day >= now)
                yield return ($"{key}.effective_from", $"must be before rewards.effective_from ({rewards.EffectiveFrom}): earlier terms came before the current ones");
            else if (!seen.TryAdd(day, i))
                yield return ($"{key}.effective_from", $"rewards.earlier_terms[{seen[day]}] took effect on the same day");
        }
    }

    private static IEnumerable<(string, string)> TierProblems(string tiersKey, List<TierOptions> tiers, bool given)
    {
        if (given && tiers.Count == 0)
            yield return (tiersKey, "at least one tier is required");
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            var key = $"{tiersKey}[{i}]";
            if (string.IsNullOrWhiteSpace(tier.Name))
                yield return ($"{key}.name", "required");
            else if (!seen.TryAdd(tier.Name, i))
                yield return ($"{key}.name", $"duplicate tier name '{tier.Name}' (also {tiersKey}[{seen[tier.Name]}])");

            if (tier.MinSourcedRevenue < 0) yield return ($"{key}.min_sourced_revenue", NotNegative);
            if (tier.MinQualifiedReferrals < 0) yield return ($"{key}.min_qualified_referrals", NotNegative);
            if (tier.UpfrontBonus < 0) yield return ($"{key}.upfront_bonus", NotNegative);
            if (tier.QualifiedBonus < 0) yield return ($"{key}.qualified_bonus", NotNegative);
            if (tier.CommissionRate is < 0 or > 1)
                yield return ($"{key}.commission_rate", "must be between 0 and 1 (0.05 = 5 % of the credited revenue)");

            if (i == 0) continue;
            var lower = tiers[i - 1];
            var lowerName = $"{tiersKey}[{i - 1}] ({lower.Name})";
            if (tier.MinSourcedRevenue < lower.MinSourcedRevenue)
                yield return ($"{key}.min_sourced_revenue", $"is below that of {lowerName}; tiers are listed lowest first");
            else if (tier.MinQualifiedReferrals < lower.MinQualifiedReferrals)
                yield return ($"{key}.min_qualified_referrals", $"is below that of {lowerName}; tiers are listed lowest first");
            else if (tier.MinSourcedRevenue == lower.MinSourcedRevenue && tier.MinQualifiedReferrals == lower.MinQualifiedReferrals)
                yield return (key, $"has the same thresholds as {lowerName}; each tier must ask for more than the one below it");
        }
    }

    private static bool IsCurrencyCode(string code) => CurrencyCode().IsMatch(code);

    private static bool IsTimeZone(string id)
    {
        if (string.IsNullOrWhiteSpace(id)) return false;
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    // the units DuckDB's memory_limit takes
    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex MemorySize();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();

    [GeneratedRegex("^[0-9A-Za-z*?,/#-]+$")]
    private static partial Regex CronField();
}

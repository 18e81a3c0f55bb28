using static ReferralInsights.Config.Tests.TestFiles;

namespace ReferralInsights.Config.Tests;

// Impossible values: each is one error naming the key's dotted path and the key's line.
public class ConfigValidatorTests
{
    // Two tiers, lines 1-8; rows below append a third or change the second.
    private const string Tiers =
        "rewards:\n  tiers:\n    - name: Registered\n      min_sourced_revenue: 0\n      min_qualified_referrals: 0\n"
        + "    - name: Silver\n      min_sourced_revenue: 100000\n      min_qualified_referrals: 5\n";

    public static TheoryData<string, string, int> ImpossibleValues => new()
    {
        // negative day counts and windows
        { "matching:\n  dedup_window_days: -1\n", "matching.dedup_window_days", 2 },
        { "attribution:\n  registration_valid_days: -180\n", "attribution.registration_valid_days", 2 },
        { "attribution:\n  grace_days: -1\n", "attribution.grace_days", 2 },
        { "attribution:\n  reward_model: linear\n  cookie_window_days: -90\n", "attribution.cookie_window_days", 3 },
        { "rewards:\n  clawback_days: -1\n", "rewards.clawback_days", 2 },
        { "reconciliation:\n  payment_lag_days: -30\n", "reconciliation.payment_lag_days", 2 },
        { "quality:\n  max_staleness_days: -3\n", "quality.max_staleness_days", 2 },
        { "model:\n  label_days: 0\n", "model.label_days", 2 },
        { "model:\n  min_training_rows: -1\n", "model.min_training_rows", 2 },
        { "model:\n  min_auc: 1.2\n", "model.min_auc", 2 },
        { "model:\n  label_days: 90\n  min_auc: -0.1\n", "model.min_auc", 3 },
        { "sample:\n  path: sample\n  scale: huge\n", "sample.scale", 3 },
        { "sample:\n  path: \"\"\n", "sample.path", 2 },
        { "compliance:\n  click_burst_threshold: -1\n", "compliance.click_burst_threshold", 2 },
        { "attribution:\n  shapley_min_support: -1\n", "attribution.shapley_min_support", 2 },

        // attribution: primary_share in (0, 1], half-life > 0, a known reward model (case matters)
        { "attribution:\n  primary_share: 0\n", "attribution.primary_share", 2 },
        { "attribution:\n  primary_share: 1.01\n", "attribution.primary_share", 2 },
        { "attribution:\n  primary_share: -0.6\n", "attribution.primary_share", 2 },
        { "attribution:\n  half_life_days: 0\n", "attribution.half_life_days", 2 },
        { "attribution:\n  half_life_days: -30\n", "attribution.half_life_days", 2 },
        { "attribution:\n  reward_model: markov\n", "attribution.reward_model", 2 },
        { "attribution:\n  reward_model: Primary_Share\n", "attribution.reward_model", 2 },

        // months, margins, lead scores
        { "funnel:\n  fiscal_year_start_month: 0\n", "funnel.fiscal_year_start_month", 2 },
        { "funnel:\n  fiscal_year_start_month: 13\n", "funnel.fiscal_year_start_month", 2 },
        { "economics:\n  gross_margin: 1.2\n", "economics.gross_margin", 2 },
        { "economics:\n  gross_margin: -0.1\n", "economics.gross_margin", 2 },
        { "rewards:\n  quality_gate:\n    min_lead_score: 1.5\n", "rewards.quality_gate.min_lead_score", 3 },
        { "rewards:\n  quality_gate:\n    min_lead_score: -0.1\n", "rewards.quality_gate.min_lead_score", 3 },

        // currency codes: three capital letters
        { "program:\n  name: X\n  currency: US\n", "program.currency", 3 },
        { "program:\n  currency: usd\n", "program.currency", 2 },
        { "program:\n  currency: EURO\n", "program.currency", 2 },
        { "program:\n  name: \"  \"\n", "program.name", 2 },

        // fx: positive rates, currency-code keys, the program currency at exactly 1
        { "fx:\n  USD: 1.0\n  EUR: 0\n", "fx.EUR", 3 },
        { "fx:\n  GBP: -1.27\n", "fx.GBP", 2 },
        { "fx:\n  Euro: 1.08\n", "fx.Euro", 2 },
        { "fx:\n  USD: 1.01\n", "fx.USD", 2 },
        { "program:\n  currency: EUR\nfx:\n  USD: 0.92\n  EUR: 1.08\n", "fx.EUR", 5 },

        // tiers: not empty, unique names (case-insensitive), lowest first on both thresholds
        { "rewards:\n  tiers: []\n", "rewards.tiers", 2 },
        { Tiers + "    - name: silver\n      min_sourced_revenue: 400000\n      min_qualified_referrals: 15\n", "rewards.tiers[2].name", 9 },
        { Tiers + "    - name: Gold\n      min_sourced_revenue: 50000\n      min_qualified_referrals: 15\n", "rewards.tiers[2].min_sourced_revenue", 10 },
        { Tiers + "    - name: Gold\n      min_sourced_revenue: 400000\n      min_qualified_referrals: 4\n", "rewards.tiers[2].min_qualified_referrals", 11 },
        { Tiers + "    - name: Gold\n      min_sourced_revenue: 100000\n      min_qualified_referrals: 5\n", "rewards.tiers[2]", 9 },
        { "rewards:\n  tiers:\n    - name: \"\"\n", "rewards.tiers[0].name", 3 },
        { "rewards:\n  tiers:\n    - commission_rate: 0.05\n", "rewards.tiers[0].name", 3 },

        // tier terms: no negative thresholds, bonuses or rates; a rate of at most 1
        { "rewards:\n  tiers:\n    - name: A\n      min_sourced_revenue: -1\n", "rewards.tiers[0].min_sourced_revenue", 4 },
        { "rewards:\n  tiers:\n    - name: A\n      min_qualified_referrals: -1\n", "rewards.tiers[0].min_qualified_referrals", 4 },
        { "rewards:\n  tiers:\n    - name: A\n      upfront_bonus: -50\n", "rewards.tiers[0].upfront_bonus", 4 },
        { "rewards:\n  tiers:\n    - name: A\n      qualified_bonus: -250\n", "rewards.tiers[0].qualified_bonus", 4 },
        { "rewards:\n  tiers:\n    - name: A\n      commission_rate: -0.05\n", "rewards.tiers[0].commission_rate", 4 },
        { "rewards:\n  tiers:\n    - name: A\n      commission_rate: 5\n", "rewards.tiers[0].commission_rate", 4 },
        { "rewards:\n  assist_bonus: -100\n", "rewards.assist_bonus", 2 },

        // caps: positive when given
        { "rewards:\n  caps:\n    per_deal: 0\n", "rewards.caps.per_deal", 3 },
        { "rewards:\n  caps:\n    per_partner_per_year: -150000\n", "rewards.caps.per_partner_per_year", 3 },

        // program_costs: a year, quarter or month label; no negative amounts
        { "program_costs:\n  - period: 2025-Q5\n    amount: 1\n", "program_costs[0].period", 2 },
        { "program_costs:\n  - period: \"2025-3\"\n    amount: 1\n", "program_costs[0].period", 2 },
        { "program_costs:\n  - period: \"2025-13\"\n    amount: 1\n", "program_costs[0].period", 2 },
        { "program_costs:\n  - period: \"25\"\n    amount: 1\n", "program_costs[0].period", 2 },
        { "program_costs:\n  - period: 2025/03\n    amount: 1\n", "program_costs[0].period", 2 },
        { "program_costs:\n  - period: Q1-2025\n    amount: 1\n", "program_costs[0].period", 2 },
        { "program_costs:\n  - amount: 1000\n", "program_costs[0].period", 2 },
        { "program_costs:\n  - period: \"2025\"\n    amount: 1\n  - period: 2025-Q1\n    amount: -1\n", "program_costs[1].amount", 5 },

        // sources: a kind the source supports, and what that kind needs
        { "sources:\n  crm:\n    kind: sqlite\n    path: crm.db\n", "sources.crm.kind", 3 },
        { "sources:\n  crm:\n    kind: Files\n    path: data/crm\n", "sources.crm.kind", 3 },
        { "sources:\n  portal:\n    kind: hubspot\n    base_url: https://api.hubapi.com\n", "sources.portal.kind", 3 },
        { "sources:\n  clicks:\n    kind: postgres\n    connection_string_env: PG\n", "sources.clicks.kind", 3 },
        { "sources:\n  clicks:\n    kind: files\n", "sources.clicks.path", 2 },
        { "sources:\n  portal:\n    kind: sqlite\n", "sources.portal.path", 2 },
        { "sources:\n  crm:\n    kind: files\n    path: \"\"\n", "sources.crm.path", 4 },
        { "sources:\n  crm:\n    kind: hubspot\n    token_env: HUBSPOT_TOKEN\n", "sources.crm.base_url", 2 },
        { "sources:\n  crm:\n    kind: hubspot\n    base_url: api.hubapi.com\n", "sources.crm.base_url", 4 },
        { "sources:\n  crm:\n    kind: hubspot\n    base_url: https://api.hubapi.com\n", "sources.crm.token_env", 2 },
        { "sources:\n  clicks:\n    kind: logs\n", "sources.clicks.path", 2 },
        { "sources:\n  portal:\n    kind: postgres\n", "sources.portal.connection_string_env", 2 },
        // a secret pasted where the name of its environment variable belongs
        { "sources:\n  portal:\n    kind: postgres\n    connection_string_env: Host=db;Password=hunter2\n", "sources.portal.connection_string_env", 4 },
        { "sources:\n  crm:\n    kind: hubspot\n    base_url: https://api.hubapi.com\n    token_env: pat-na1-0f3c\n", "sources.crm.token_env", 5 },
        // a key the source's kind does not read would be silently ignored
        { "sources:\n  crm:\n    kind: files\n    path: data/crm\n    stages:\n      closedwon: Closed Won\n", "sources.crm.stages", 5 },
        { "sources:\n  crm:\n    kind: hubspot\n    base_url: https://api.hubapi.com\n    token_env: HUBSPOT_TOKEN\n    path: data/crm\n", "sources.crm.path", 6 },
        { "sources:\n  crm:\n    kind: files\n    path: data/crm\n    timestamp_format: \"%m/%d/%Y\"\n", "sources.crm.timestamp_format", 5 },
        { "sources:\n  portal:\n    kind: postgres\n    connection_string_env: PG\n    path: portal.db\n", "sources.portal.path", 5 },
        { "sources:\n  clicks:\n    kind: logs\n    path: logs\n    token_env: TOKEN\n", "sources.clicks.token_env", 5 },

        // schedule: Quartz cron (6-7 fields, seconds first, one '?' in day-of-month/day-of-week), known jobs, known zone
        { "schedule:\n  jobs:\n    build: \"30 2 * * *\"\n", "schedule.jobs.build", 3 },
        { "schedule:\n  jobs:\n    build: \"0 0 0 1 1 ? 2026 2027\"\n", "schedule.jobs.build", 3 },
        { "schedule:\n  jobs:\n    build: \"\"\n", "schedule.jobs.build", 3 },
        { "schedule:\n  timezone: UTC\n  jobs:\n    ingest_crm: \"0 0 * * * *\"\n", "schedule.jobs.ingest_crm", 4 },
        { "schedule:\n  jobs:\n    ingest_crm: \"0 0 * ? * ?\"\n", "schedule.jobs.ingest_crm", 3 },
        { "schedule:\n  retries: -1\n", "schedule.retries", 2 },
        { "schedule:\n  retry_delay_seconds: -5\n", "schedule.retry_delay_seconds", 2 },
        { "output:\n  lock_wait_seconds: -1\n", "output.lock_wait_seconds", 2 },
        { "schedule:\n  jobs:\n    ingest_clicks: \"0 0 % * * ?\"\n", "schedule.jobs.ingest_clicks", 3 },
        { "schedule:\n  jobs:\n    ingest_clicks: \"? 0 * * * ?\"\n", "schedule.jobs.ingest_clicks", 3 },
        { "schedule:\n  jobs:\n    report: \"0 0 * * * ?\"\n", "schedule.jobs.report", 3 },
        { "schedule:\n  timezone: Mars/Olympus_Mons\n", "schedule.timezone", 2 },
        { "schedule:\n  timezone: \"\"\n", "schedule.timezone", 2 },

        // output
        { "output:\n  dir: \"\"\n", "output.dir", 2 },

        // engine
        { "engine:\n  memory_limit: lots\n", "engine.memory_limit", 2 },
        { "engine:\n  memory_limit: 6\n", "engine.memory_limit", 2 },
        { "engine:\n  memory_limit: \"6GB'; SET threads = 1; --\"\n", "engine.memory_limit", 2 },
        { "engine:\n  threads: -1\n", "engine.threads", 2 },
        { "engine:\n  temp_directory: \" \"\n", "engine.temp_directory", 2 },
    };

    [Fact]
    public void Parse_AKeyTheKindDoesNotRead_SaysWhichKindReadsIt()
    {
        var e = ParseFails("sources:\n  portal:\n    kind: postgres\n    connection_string_env: PG\n    path: portal.db\n");
        Assert.Equal("pipeline.yaml:5:5: sources.portal.path: not read when kind is postgres; only kind files or sqlite reads it", e.Message);
        e = ParseFails("sources:\n  clicks:\n    kind: files\n    path: clicks\n    base_url: https://example.com\n");
        Assert.Equal("pipeline.yaml:5:5: sources.clicks.base_url: not read when kind is files; no kind of clicks source reads it", e.Message);
    }

    [Theory]
    [MemberData(nameof(ImpossibleValues))]
    public void Parse_ImpossibleValue_OneErrorAtTheKey(string yaml, string key, int line)
    {
        var e = ParseFails(yaml);

        var error = Assert.Single(e.Errors);
        Assert.Equal(key, error.Key);
        Assert.Equal(line, error.Line);
        Assert.Equal("pipeline.yaml", error.File);
        Assert.StartsWith($"pipeline.yaml:{line}:{error.Column}: {key}: ", e.Message);
    }

    // Edges that must stay accepted: the boundaries of every range above and the legal forms.
    [Theory]
    [InlineData("attribution:\n  primary_share: 1\n")]
    [InlineData("attribution:\n  primary_share: 0.01\n")]
    [InlineData("attribution:\n  grace_days: 0\n  cookie_window_days: 0\n")]
    [InlineData("attribution:\n  half_life_days: 0.5\n")]
    [InlineData("attribution:\n  reward_model: shapley\n")]
    [InlineData("attribution:\n  reward_model: time_decay\n")]
    [InlineData("economics:\n  gross_margin: 0\n")]
    [InlineData("economics:\n  gross_margin: 1\n")]
    [InlineData("funnel:\n  fiscal_year_start_month: 12\n")]
    [InlineData("rewards:\n  quality_gate:\n    min_lead_score: 1\n")]
    [InlineData("rewards:\n  caps:\n    per_deal: ~\n    per_partner_per_year: 0.01\n")]
    [InlineData("rewards:\n  tiers:\n    - name: Only\n      commission_rate: 1\n")]
    // equal revenue threshold, more referrals: still ascending
    [InlineData("rewards:\n  tiers:\n    - name: A\n      min_qualified_referrals: 1\n    - name: B\n      min_qualified_referrals: 2\n")]
    [InlineData("program_costs:\n  - period: 2025\n    amount: 0\n")]
    [InlineData("program_costs:\n  - period: 2025-Q4\n    amount: 10\n")]
    [InlineData("program_costs:\n  - period: \"2025-12\"\n    amount: 10\n")]
    [InlineData("program:\n  currency: EUR\nfx:\n  EUR: 1.0\n  USD: 0.92\n")]
    [InlineData("schedule:\n  timezone: Europe/Berlin\n")]
    [InlineData("schedule:\n  timezone: America/New_York\n")]
    [InlineData("schedule:\n  jobs:\n    build: \"0 0 2 ? * MON-FRI 2026\"\n")]
    [InlineData("schedule:\n  jobs:\n    build: \"0 15 10 L * ?\"\n")]
    [InlineData("schedule:\n  jobs:\n    build: \"0 0 12 ? * 6#3\"\n")]
    [InlineData("schedule:\n  jobs:\n    build: \"0/30 * 8-18 ? * 2,4\"\n")]
    [InlineData("sources:\n  portal:\n    kind: sqlite\n    path: portal.db\n")]
    [InlineData("sources:\n  crm:\n    kind: hubspot\n    base_url: http://127.0.0.1:5050\n    token_env: HUBSPOT_TOKEN\n")]
    [InlineData("sources:\n  clicks:\n    kind: logs\n    path: logs/clicks\n")]
    [InlineData("output:\n  dir: /var/lib/referral-insights/out\n  csv: true\n")]
    [InlineData("engine:\n  memory_limit: 512MB\n  threads: 0\n")]
    [InlineData("engine:\n  memory_limit: 1.5 GiB\n  threads: 16\n  temp_directory: /mnt/scratch\n")]
    public void Parse_EdgeValue_IsAccepted(string yaml)
    {
        Parse(yaml);
    }

    [Fact]
    public void Parse_UnknownSourceKind_SaysWhichKindsFit()
    {
        var e = ParseFails("sources:\n  portal:\n    kind: mysql\n");

        Assert.Equal("pipeline.yaml:3:5: sources.portal.kind: 'mysql' is not a kind of portal source; expected files or sqlite or postgres", e.Message);
    }

    [Fact]
    public void Parse_UnixCron_ExplainsQuartzFormat()
    {
        var e = ParseFails("schedule:\n  jobs:\n    build: \"30 2 * * *\"\n");

        Assert.Contains("has 5 fields; a Quartz cron expression has 6 or 7, seconds first", e.Message);
    }

    [Fact]
    public void Parse_DuplicateTierName_NamesTheOtherTier()
    {
        var e = ParseFails(Tiers + "    - name: SILVER\n      min_sourced_revenue: 400000\n      min_qualified_referrals: 15\n");

        Assert.Equal("pipeline.yaml:9:7: rewards.tiers[2].name: duplicate tier name 'SILVER' (also rewards.tiers[1])", e.Message);
    }
}

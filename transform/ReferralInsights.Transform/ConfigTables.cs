using DuckDB.NET.Data;
using ReferralInsights.Config;

namespace ReferralInsights.Transform;

/// <summary>
/// Loads the run's parameters into <c>cfg_…</c> tables (values bound as parameters, never spliced into SQL):
/// <c>cfg_params</c> (one row), <c>cfg_attribution_models</c>, <c>cfg_free_mail_domains</c>, <c>cfg_fx</c>, <c>cfg_qualified_stages</c>,
/// <c>cfg_program_costs</c>, <c>cfg_tiers</c> (every dated tier table; the view <c>cfg_current_tiers</c> holds the one in force), <c>cfg_restricted_industries</c>, <c>cfg_review_decisions</c> (the review
/// decisions file, in file order).
/// </summary>
internal static class ConfigTables
{

    public static void Load(DuckDBConnection conn, PipelineConfig config, DateOnly asOf)
    {
        Validate(config);
        var a = config.Attribution;
        Warehouse.Execute(conn, """
            CREATE OR REPLACE TABLE cfg_params (
                as_of DATE NOT NULL,
                as_of_end TIMESTAMP NOT NULL,          -- D1: an instant exists iff it is < as_of_end (= as_of + 1 day 00:00 UTC)
                program_currency VARCHAR NOT NULL,
                dedup_window_days INTEGER NOT NULL,
                registration_valid_days INTEGER NOT NULL,
                grace_days INTEGER NOT NULL,
                cookie_window_days INTEGER NOT NULL,
                reward_model VARCHAR NOT NULL,
                primary_share DECIMAL(18,6) NOT NULL,
                half_life_days DOUBLE NOT NULL,
                shapley_min_support INTEGER NOT NULL,
                fiscal_year_start_month INTEGER NOT NULL,
                gross_margin DECIMAL(18,6) NOT NULL,
                click_burst_threshold INTEGER NOT NULL,
                assist_bonus DECIMAL(18,6) NOT NULL,
                clawback_days INTEGER NOT NULL,
                per_deal_cap DECIMAL(18,6),
                per_partner_per_year_cap DECIMAL(18,6),
                min_lead_score DOUBLE NOT NULL,
                payment_lag_days INTEGER NOT NULL,
                max_staleness_days INTEGER NOT NULL)
            """);
        Insert(conn, """
            INSERT INTO cfg_params VALUES (CAST(? AS DATE), CAST(? AS DATE) + INTERVAL 1 DAY, ?, ?, ?, ?, ?, ?, CAST(? AS DECIMAL(18,6)),
                ?, ?, ?, CAST(? AS DECIMAL(18,6)), ?, CAST(? AS DECIMAL(18,6)), ?, CAST(? AS DECIMAL(18,6)), CAST(? AS DECIMAL(18,6)), ?, ?, ?)
            """,
            Day(asOf), Day(asOf), config.Program.Currency.Trim().ToUpperInvariant(), config.Matching.DedupWindowDays,
            a.RegistrationValidDays, a.GraceDays, a.CookieWindowDays, a.RewardModel, a.PrimaryShare, a.HalfLifeDays, a.ShapleyMinSupport,
            config.Funnel.FiscalYearStartMonth, config.Economics.GrossMargin, config.Compliance.ClickBurstThreshold,
            config.Rewards.AssistBonus, config.Rewards.ClawbackDays, config.Rewards.Caps.PerDeal, config.Rewards.Caps.PerPartnerPerYear,
            config.Rewards.QualityGate.MinLeadScore, config.Reconciliation.PaymentLagDays, config.Quality.MaxStalenessDays);

        // rules.md §5's attribution models, as the config lists them: one int_credit__<model> each, what the marts accept
        Warehouse.Execute(conn, "CREATE OR REPLACE TABLE cfg_attribution_models (model VARCHAR PRIMARY KEY)");
        foreach (var model in AttributionOptions.ModelNames) Insert(conn, "INSERT INTO cfg_attribution_models VALUES (?)", model);

        // Domains and stage/industry names compare case-insensitively: stored lower-cased and trimmed.
        Warehouse.Execute(conn, "CREATE OR REPLACE TABLE cfg_free_mail_domains (domain VARCHAR PRIMARY KEY)");
        foreach (var d in config.Matching.FreeMailDomains.Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).Distinct())
            Insert(conn, "INSERT INTO cfg_free_mail_domains VALUES (?)", d);

        // D11: codes case-insensitive; the program currency's rate is always 1 (enforced in SQL too).
        Warehouse.Execute(conn, "CREATE OR REPLACE TABLE cfg_fx (currency VARCHAR PRIMARY KEY, rate DECIMAL(18,6) NOT NULL)");
        foreach (var g in config.Fx.GroupBy(kv => kv.Key.Trim().ToUpperInvariant()))
            Insert(conn, "INSERT INTO cfg_fx VALUES (?, CAST(? AS DECIMAL(18,6)))", g.Key, g.Last().Value);

        Warehouse.Execute(conn, "CREATE OR REPLACE TABLE cfg_qualified_stages (stage VARCHAR PRIMARY KEY)");
        foreach (var s in config.Funnel.QualifiedStages.Select(s => s.Trim().ToLowerInvariant()).Distinct())
            Insert(conn, "INSERT INTO cfg_qualified_stages VALUES (?)", s);

        Warehouse.Execute(conn, "CREATE OR REPLACE TABLE cfg_program_costs (period VARCHAR NOT NULL, amount DECIMAL(18,6) NOT NULL, note VARCHAR)");
        foreach (var c in config.ProgramCosts)
            Insert(conn, "INSERT INTO cfg_program_costs VALUES (?, CAST(? AS DECIMAL(18,6)), ?)", c.Period, c.Amount, c.Note);

        // One row per tier of every tier table (rewards.tiers and rewards.earlier_terms): the table applies to the UTC days
        // applies_from ≤ d < applies_to (NULL: open), terms_from is the day it took effect as written (NULL: undated).
        Warehouse.Execute(conn, """
            CREATE OR REPLACE TABLE cfg_tiers (terms_from DATE, applies_from DATE, applies_to DATE, tier_rank INTEGER NOT NULL, name VARCHAR NOT NULL,
                min_sourced_revenue DECIMAL(18,6), min_qualified_referrals INTEGER, upfront_bonus DECIMAL(18,6), qualified_bonus DECIMAL(18,6),
                commission_rate DECIMAL(18,6))
            """);
        var versions = config.Rewards.TermVersions();
        for (var v = 0; v < versions.Count; v++)
        {
            var (from, to, tiers) = versions[v];
            for (var i = 0; i < tiers.Count; i++)
            {
                var t = tiers[i];
                Insert(conn, """
                    INSERT INTO cfg_tiers VALUES (CAST(? AS DATE), CAST(? AS DATE), CAST(? AS DATE), ?, ?, CAST(? AS DECIMAL(18,6)), ?,
                        CAST(? AS DECIMAL(18,6)), CAST(? AS DECIMAL(18,6)), CAST(? AS DECIMAL(18,6)))
                    """, Day(from), v == 0 ? null : Day(from), Day(to), i + 1, t.Name, t.MinSourcedRevenue, t.MinQualifiedReferrals,
                    t.UpfrontBonus, t.QualifiedBonus, t.CommissionRate);
            }
        }
        Warehouse.Execute(conn, "CREATE OR REPLACE VIEW cfg_current_tiers AS SELECT * FROM cfg_tiers WHERE applies_to IS NULL");

        Warehouse.Execute(conn, "CREATE OR REPLACE TABLE cfg_restricted_industries (industry VARCHAR PRIMARY KEY)");
        foreach (var s in config.Compliance.RestrictedIndustries.Select(s => s.Trim().ToLowerInvariant()).Distinct())
            Insert(conn, "INSERT INTO cfg_restricted_industries VALUES (?)", s);

        Warehouse.Execute(conn, """
            CREATE OR REPLACE TABLE cfg_review_decisions (entry INTEGER PRIMARY KEY, flag_id VARCHAR NOT NULL, decision VARCHAR NOT NULL,
                decided_by VARCHAR NOT NULL, decided_at TIMESTAMP NOT NULL, why VARCHAR NOT NULL)
            """);
        for (var i = 0; i < config.ReviewDecisions.Count; i++)
        {
            var r = config.ReviewDecisions[i];
            Insert(conn, "INSERT INTO cfg_review_decisions VALUES (?, ?, ?, ?, ?, ?)",
                i + 1, r.FlagId.Trim(), r.Decision, r.By.Trim(), DateTime.SpecifyKind(r.DecidedAt, DateTimeKind.Unspecified), r.Why.Trim());
        }

        LoadModel(conn, config.Model);
    }

    /// <summary><c>cfg_model</c> (one row: label window, ICP size band) and the ICP lists <c>cfg_icp_industries</c>,
    /// <c>cfg_icp_countries</c>, <c>cfg_icp_pain_points</c> (lower-cased; an empty list means "any").</summary>
    private static void LoadModel(DuckDBConnection conn, ModelOptions model)
    {
        Warehouse.Execute(conn, """
            CREATE OR REPLACE TABLE cfg_model (label_days INTEGER NOT NULL, icp_min_employees INTEGER NOT NULL, icp_max_employees INTEGER NOT NULL)
            """);
        Insert(conn, "INSERT INTO cfg_model VALUES (?, ?, ?)", model.LabelDays, model.Icp.MinEmployees, model.Icp.MaxEmployees);
        foreach (var (table, values) in new[]
                 {
                     ("cfg_icp_industries", model.Icp.Industries), ("cfg_icp_countries", model.Icp.Countries),
                     ("cfg_icp_pain_points", model.Icp.PriorityPainPoints),
                 })
        {
            Warehouse.Execute(conn, $"CREATE OR REPLACE TABLE {table} (value VARCHAR PRIMARY KEY)");
            foreach (var v in values.Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length > 0).Distinct())
                Insert(conn, $"INSERT INTO {table} VALUES (?)", v);
        }
    }

    private static void Validate(PipelineConfig config)
    {
        var model = config.Attribution.RewardModel;
        if (!AttributionOptions.ModelNames.Contains(model))
            throw new ArgumentException($"attribution.reward_model '{model}' is not a model of rules.md §5");
        if (config.Funnel.FiscalYearStartMonth is < 1 or > 12)
            throw new ArgumentException("funnel.fiscal_year_start_month must be 1..12");
        if (config.Attribution.PrimaryShare is < 0 or > 1)
            throw new ArgumentException("attribution.primary_share must be in 0..1");
        foreach (var c in config.ProgramCosts)
            if (!c.HasPeriodLabel)
                throw new ArgumentException($"program_costs period '{c.Period}' is not YYYY, YYYY-Qn or YYYY-MM");
    }

    private static DateTime Day(DateOnly d) => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

    private static DateTime? Day(DateOnly? d) => d is { } day ? Day(day) : null;

    private static void Insert(DuckDBConnection conn, string sql, params object?[] values)
    {
        using var command = conn.CreateCommand();
        command.CommandText = sql;
        foreach (var v in values) command.Parameters.Add(new DuckDBParameter(v!));
        command.ExecuteNonQuery();
    }
}

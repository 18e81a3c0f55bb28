namespace ReferralInsights.Reports;

/// <summary>What changed since the previous numbers: the last published marts that differ from these (attached as views
/// named <c>previous_&lt;mart&gt;</c>; runs that changed nothing are skipped, so a rerun shows what its predecessor
/// showed) against this run's, for the fiscal year's headline numbers, the rewards (new, restated, gone) and the open
/// findings. A note when nothing different was published before; a mart the previous numbers lack (an older version)
/// shows as "–".</summary>
internal sealed class RunChanges
{
    private readonly SiteContext _site;
    private readonly bool _hasPrevious;
    private readonly HashSet<string> _previousMarts = new(StringComparer.Ordinal);

    public RunChanges(SiteContext site, string? previousMartsDir)
    {
        _site = site;
        _hasPrevious = previousMartsDir is not null && Directory.Exists(previousMartsDir)
                       && Directory.EnumerateFiles(previousMartsDir, "*.parquet").Any();
        if (!_hasPrevious) return;
        foreach (var file in Directory.EnumerateFiles(previousMartsDir!, "*.parquet").Order(StringComparer.Ordinal))
        {
            var mart = Path.GetFileNameWithoutExtension(file);
            site.Marts.AddView("previous_" + mart, $"SELECT * FROM read_parquet('{file.Replace("'", "''")}')");
            _previousMarts.Add(mart);
        }
    }

    public string Section(SitePage page)
    {
        const string title = "What changed since the previous numbers";
        if (!_hasPrevious) return Html.Section("changes", title, Html.Note("No other numbers were published before these: nothing to compare with yet."));
        var f = _site.Format;
        var rows = new List<IReadOnlyList<Cell>>();
        var now = Program("fct_program_metrics");
        var before = _previousMarts.Contains("fct_program_metrics") ? Program("previous_fct_program_metrics") : null;
        void Money(string label, string column) =>
            rows.Add([label, f.Money(before?.Decimal(column)), f.Money(now?.Decimal(column)), Delta(before?.Decimal(column), now?.Decimal(column), v => f.Money(v))]);
        void Count(string label, long? previous, long? current) =>
            rows.Add([label, Opt(previous), Opt(current), Delta(previous, current, v => Format.Count(v))]);
        Count($"referrals {_site.Year}", before?.Long("referrals"), now?.Long("referrals"));
        Count($"qualified referrals {_site.Year}", before?.Long("qualified"), now?.Long("qualified"));
        Count($"won referrals {_site.Year}", before?.Long("won"), now?.Long("won"));
        Money($"partner-sourced revenue {_site.Year}", "sourced_revenue");
        Money($"program cost {_site.Year}", "program_cost");
        // compared as shown (two decimals), so float noise never reads as a change
        var (roiBefore, roiNow) = (Rounded(before?.Double("roi")), Rounded(now?.Double("roi")));
        rows.Add([$"ROI {_site.Year}", Format.Ratio(roiBefore), Format.Ratio(roiNow), Delta(roiBefore, roiNow, v => Format.Ratio(v))]);
        void Rows(string label, string mart, string where = "true") =>
            Count(label, _previousMarts.Contains(mart) ? Scalar($"SELECT count(*) FROM previous_{mart} WHERE {where}") : null,
                Scalar($"SELECT count(*) FROM {mart} WHERE {where}"));
        Rows("compliance flags", "fct_compliance_flags");
        Rows("data-quality findings", "fct_data_quality");
        Rows("payments not matching their reward", "fct_reconciliation", "status <> 'matched'");
        Rows("tier moves recommended", "tier_recommendations", "move <> 'keep'");
        var table = page.Table("changes", ["measure", "previous numbers", "these numbers", "change"], rows);
        if (!_previousMarts.Contains("fct_rewards")) return Html.Section("changes", title, table);

        var rewards = _site.Marts.Query("""
            SELECT count(*) FILTER (WHERE p.reward_id IS NULL) AS new_rewards,
                   count(*) FILTER (WHERE c.reward_id IS NULL) AS gone_rewards,
                   count(*) FILTER (WHERE c.reward_id IS NOT NULL AND p.reward_id IS NOT NULL
                                    AND (c.amount, c.status) IS DISTINCT FROM (p.amount, p.status)) AS restated_rewards,
                   coalesce(sum(CASE WHEN c.status IN ('payable', 'capped') THEN c.amount END), 0)
                     - coalesce(sum(CASE WHEN p.status IN ('payable', 'capped') THEN p.amount END), 0) AS payable_delta
            FROM fct_rewards AS c FULL JOIN previous_fct_rewards AS p USING (reward_id)
            """).Single();
        var kpis = Html.Kpis(
        [
            Html.Kpi("new_rewards", "new rewards", Format.Count(rewards.Long("new_rewards"))),
            Html.Kpi("restated_rewards", "rewards restated", Format.Count(rewards.Long("restated_rewards")), "amount or status changed"),
            Html.Kpi("gone_rewards", "rewards withdrawn", Format.Count(rewards.Long("gone_rewards"))),
            Html.Kpi("payable_delta", "change in payable rewards", Delta(0m, rewards.Decimal("payable_delta"), v => f.Money(v))),
        ]);
        return Html.Section("changes", title, kpis + table,
            "Compared with the last numbers published before these that differ from them. Late data, corrected CRM records and resolved disputes restate " +
            "earlier numbers; the audit log records every restated decision.");
    }

    private Row? Program(string view) =>
        _site.Marts.Query($"SELECT * FROM {view} WHERE period_type = 'year' AND period = ?", _site.Year).FirstOrDefault();

    private long Scalar(string sql)
    {
        var row = _site.Marts.Query(sql).Single();
        return row.Long(row.Columns.First());
    }

    private static double? Rounded(double? ratio) => ratio is { } r ? Math.Round(r, 2) : null;

    private static Cell Opt(long? value) => value is { } v ? (Cell)Format.Count(v) : Format.Missing;

    private static string Delta<T>(T? previous, T? current, Func<T, string> format) where T : struct, System.Numerics.INumber<T>
    {
        if (previous is not { } p || current is not { } c) return "–";
        var d = c - p;
        return T.IsZero(d) ? "no change" : (T.IsPositive(d) ? "+" : "−") + format(T.Abs(d));
    }
}

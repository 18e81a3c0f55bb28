using System.Globalization;
using System.Text.RegularExpressions;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>A second, deliberately plain implementation of the headline metrics (rules.md §1–6 with decisions.md,
/// reward model primary_share, default config) in LINQ over the landed raw rows, to check the SQL marts against.
/// It shares no code with the transform.</summary>
public sealed partial class IndependentMetrics
{
    public sealed record Headline(long Referrals, double? QualifiedRate, double? ConversionRate, decimal? AvgDealSize, double? MedianDaysToClose);

    private record Account(string Id, string Name, string? Domain, DateTime CreatedAt);
    private record Referral(string Id, string PartnerId, DateTime SubmittedAt, string CompanyName, string? Domain, string? Email, string? Status);
    private record Opportunity(string Id, string AccountId, DateTime CreatedAt, DateTime? ClosedAt, string Status, decimal? Amount, string Currency, string Stage);
    private record Touch(string PartnerId, string AccountId, DateTime At, bool IsReferral, string? ReferralId);

    private static readonly HashSet<string> FreeMail =
        ["gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com", "icloud.com", "aol.com", "proton.me",
         "protonmail.com", "gmx.com", "mail.com"];
    private static readonly HashSet<string> QualifiedStages = ["qualified", "proposal", "negotiation", "closed won"];
    private static readonly string[] LegalSuffixes =
        ["inc", "incorporated", "llc", "ltd", "limited", "gmbh", "corp", "corporation", "co", "company", "sa", "ag", "plc", "bv", "srl", "oy", "ab"];
    private static readonly Dictionary<string, decimal> StaticFx = new() { ["USD"] = 1.0m, ["EUR"] = 1.08m, ["GBP"] = 1.27m };

    private readonly DateTime _asOfEnd;
    private readonly Dictionary<string, Account> _accounts;
    private readonly ILookup<string, Account> _accountsByDomain;
    private readonly ILookup<string, Account> _accountsByName;
    private readonly Dictionary<string, string?> _accountOfContactEmail;
    private readonly List<Referral> _referrals;
    private readonly Dictionary<string, string?> _partnerDomain;
    private readonly Dictionary<string, string?> _referralAccount = [];
    private readonly HashSet<string> _duplicates = [];
    private readonly List<Opportunity> _opportunities;
    private readonly ILookup<string, (string Stage, DateTime At)> _stages;
    private readonly List<(string Currency, decimal Rate, DateTime ValidFrom)> _fxRates;
    private readonly List<Touch> _touches = [];
    private readonly Dictionary<string, (string Partner, decimal Share)> _resolvedDisputes = [];

    public IndependentMetrics(Db db, string outDir, DateOnly asOf)
    {
        _asOfEnd = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var end = $"TIMESTAMP '{_asOfEnd:yyyy-MM-dd HH:mm:ss}'";
        string P(string entity) => RawZoneFiles.Landed(outDir, entity);
        _accounts = db.Rows($"SELECT account_id, name, domain, created_at FROM {P("crm/accounts")} WHERE created_at < {end}")
            .Select(r => new Account((string)r[0]!, (string)r[1]!, (string?)r[2], (DateTime)r[3]!)).ToDictionary(a => a.Id);
        _accountsByDomain = _accounts.Values.Where(a => Domain(a.Domain) is not null).ToLookup(a => Domain(a.Domain)!);
        _accountsByName = _accounts.Values.ToLookup(a => Name(a.Name));
        _accountOfContactEmail = db.Rows($"SELECT lower(email), account_id FROM {P("crm/contacts")} WHERE created_at < {end} ORDER BY created_at, contact_id")
            .GroupBy(r => (string)r[0]!).ToDictionary(g => g.Key, g => (string?)g.First()[1]);
        _partnerDomain = db.Rows($"SELECT partner_id, domain FROM {P("portal/partners")} WHERE joined_at < {end}")
            .ToDictionary(r => (string)r[0]!, r => Domain((string?)r[1]));
        _referrals = db.Rows($"""
            SELECT referral_id, partner_id, submitted_at, company_name, company_domain, contact_email,
                   CASE WHEN decided_at >= {end} THEN 'submitted' ELSE status END
            FROM {P("portal/referrals")} WHERE submitted_at < {end} ORDER BY submitted_at, referral_id
            """).Select(r => new Referral((string)r[0]!, (string)r[1]!, (DateTime)r[2]!, (string)r[3]!, (string?)r[4], (string?)r[5], (string?)r[6])).ToList();
        _opportunities = db.Rows($"""
            SELECT opportunity_id, account_id, created_at, CASE WHEN closed_at < {end} THEN closed_at END, status, amount, coalesce(upper(currency), 'USD'), stage
            FROM {P("crm/opportunities")} WHERE created_at < {end}
            """).Select(r => new Opportunity((string)r[0]!, (string)r[1]!, (DateTime)r[2]!, (DateTime?)r[3],
                r[3] is null ? "open" : (string)r[4]!, (decimal?)r[5], (string)r[6]!, (string)r[7]!)).ToList();
        _stages = db.Rows($"SELECT opportunity_id, lower(stage), entered_at FROM {P("crm/opportunity_stages")} WHERE entered_at < {end}")
            .ToLookup(r => (string)r[0]!, r => ((string)r[1]!, (DateTime)r[2]!));
        _fxRates = db.Rows($"SELECT upper(currency), rate, valid_from FROM {P("crm/fx_rates")} WHERE valid_from < {end}")
            .Select(r => ((string)r[0]!, (decimal)r[1]!, (DateTime)r[2]!)).ToList();
        foreach (var r in db.Rows($"""
                     SELECT opportunity_id, coalesce(resolution_partner_id, claimant_partner_id), coalesce(resolution_share, 1)
                     FROM {P("portal/disputes")} WHERE opened_at < {end} AND status = 'resolved' AND resolved_at < {end}
                     ORDER BY resolved_at, dispute_id
                     """))
            _resolvedDisputes[(string)r[0]!] = ((string)r[1]!, (decimal)r[2]!);

        MatchAndDeduplicate();
        AddReferralTouches();
        AddClickTouches(db, P, end);
    }

    // §2 matching in rule order, ties → earliest created then lowest account_id; §3 dedup per partner and key.
    private void MatchAndDeduplicate()
    {
        var lastKept = new Dictionary<(string Partner, string Key), DateTime>();
        foreach (var r in _referrals)
        {
            var account = Match(CompanyDomain(r.Domain), r.Email, r.CompanyName);
            _referralAccount[r.Id] = account;
            var key = account is not null ? "a:" + account : CompanyDomain(r.Domain) is { } d ? "d:" + d : "n:" + Name(r.CompanyName);
            if (lastKept.TryGetValue((r.PartnerId, key), out var kept) && r.SubmittedAt - kept <= TimeSpan.FromDays(90))
                _duplicates.Add(r.Id);
            else
                lastKept[(r.PartnerId, key)] = r.SubmittedAt;
        }
    }

    private string? Match(string? companyDomain, string? email, string? companyName)
    {
        var byRule = new Func<IEnumerable<Account>>[]
        {
            () => companyDomain is null ? [] : _accountsByDomain[companyDomain],
            () => email is not null && _accountOfContactEmail.TryGetValue(email.ToLowerInvariant(), out var id) && id is not null && _accounts.TryGetValue(id, out var a) ? [a] : [],
            () => EmailDomain(email) is { } ed && !FreeMail.Contains(ed) ? _accountsByDomain[ed] : [],
            () => companyName is null ? [] : _accountsByName[Name(companyName)],
        };
        foreach (var rule in byRule)
        {
            var best = rule().OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault();
            if (best is not null) return best.Id;
        }
        return null;
    }

    private bool IsSelfReferral(Referral r)
    {
        if (Domain(_partnerDomain[r.PartnerId]) is not { } own || FreeMail.Contains(own)) return false;
        var accountDomain = _referralAccount[r.Id] is { } a ? Domain(_accounts[a].Domain) : null;
        return CompanyDomain(r.Domain) == own || EmailDomain(r.Email) == own || accountDomain == own;
    }

    private void AddReferralTouches()
    {
        foreach (var r in _referrals.Where(r => _partnerDomain.ContainsKey(r.PartnerId) && !_duplicates.Contains(r.Id) && r.Status != "rejected"))
            if (_referralAccount[r.Id] is { } account && !IsSelfReferral(r))
                _touches.Add(new Touch(r.PartnerId, account, r.SubmittedAt, true, r.Id));
    }

    // §4 click touches: one per (conversion, partner) with a non-burst click of a known code ≤ 90 d before; email → account by rules 2–3.
    private void AddClickTouches(Db db, Func<string, string> P, string end)
    {
        var rows = db.Rows($"""
            WITH c AS (
                SELECT c.visitor_id, c.clicked_at, l.partner_id, c.ip_hash FROM {P("clicks/clicks")} c JOIN {P("portal/links")} l USING (referral_code)
                WHERE c.clicked_at < {end} AND l.partner_id IN (SELECT partner_id FROM {P("portal/partners")} WHERE joined_at < {end})),
            burst AS (
                SELECT partner_id, ip_hash, date_trunc('hour', clicked_at) AS h FROM c WHERE ip_hash IS NOT NULL GROUP BY ALL HAVING count(*) > 50)
            SELECT DISTINCT v.conversion_id, v.email, v.converted_at, c.partner_id
            FROM {P("clicks/conversions")} v JOIN c ON c.visitor_id = v.visitor_id
            WHERE v.converted_at < {end} AND c.clicked_at <= v.converted_at AND c.clicked_at >= v.converted_at - INTERVAL 90 DAY
              AND NOT EXISTS (SELECT 1 FROM burst b WHERE b.partner_id = c.partner_id AND b.ip_hash = c.ip_hash AND b.h = date_trunc('hour', c.clicked_at))
            """);
        foreach (var r in rows)
            if (Match(null, (string)r[1]!, null) is { } account)
                _touches.Add(new Touch((string)r[3]!, account, (DateTime)r[2]!, false, null));
    }

    /// <summary>The reward-model (primary_share, after resolved disputes) credit of each sourcing partner of an opportunity.</summary>
    private Dictionary<string, decimal> Credits(Opportunity o, out Dictionary<string, DateTime> firstSourcingTouch)
    {
        var sourcing = _touches.Where(t => t.AccountId == o.AccountId).Where(t => t.At >= o.CreatedAt.AddDays(-180) && t.At <= o.CreatedAt.AddDays(1)).ToList();
        firstSourcingTouch = sourcing.GroupBy(t => t.PartnerId).ToDictionary(g => g.Key, g => g.Min(t => t.At));
        var partners = sourcing.GroupBy(t => t.PartnerId)
            .OrderBy(g => g.Any(t => t.IsReferral) ? 0 : 1)
            .ThenBy(g => g.Where(t => t.IsReferral).Select(t => t.At).DefaultIfEmpty(g.Min(t => t.At)).Min())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        var credits = new Dictionary<string, decimal>();
        for (var i = 0; i < partners.Count; i++)
            credits[partners[i]] = partners.Count == 1 ? 1m : i == 0 ? 0.6m : 0.4m / (partners.Count - 1);
        if (_resolvedDisputes.TryGetValue(o.Id, out var dispute))
        {
            var others = credits.Where(kv => kv.Key != dispute.Partner).ToList();
            var othersSum = others.Sum(kv => kv.Value);
            credits = others.ToDictionary(kv => kv.Key,
                kv => othersSum == 0 ? (1 - dispute.Share) / others.Count : kv.Value / othersSum * (1 - dispute.Share));
            credits[dispute.Partner] = others.Count == 0 ? 1m : dispute.Share;
        }
        return credits;
    }

    private DateTime? QualifiedAt(Opportunity o)
    {
        var history = _stages[o.Id].ToList();
        DateTime? at = history.Count > 0
            ? history.Where(s => QualifiedStages.Contains(s.Stage)).Select(s => (DateTime?)s.At).Min()
            : QualifiedStages.Contains(o.Stage.ToLowerInvariant()) ? o.CreatedAt : null;
        if (o.Status == "won" && o.ClosedAt is { } closed) at = at is null || closed < at ? closed : at;
        return at;
    }

    private decimal? AmountUsd(Opportunity o)
    {
        if (o.Amount is not { } amount) return null;
        var day = o.ClosedAt is { } c ? c.Date : _asOfEnd.AddDays(-1);
        decimal? rate = o.Currency == "USD" ? 1m
            : _fxRates.Where(f => f.Currency == o.Currency && f.ValidFrom <= day).OrderBy(f => f.ValidFrom).Select(f => (decimal?)f.Rate).LastOrDefault()
              ?? (StaticFx.TryGetValue(o.Currency, out var s) ? s : null);
        return rate is { } r ? amount * r : null;
    }

    public Headline ForYear(string partnerId, int year)
    {
        bool InYear(DateTime t) => t.Year == year;
        var referrals = _referrals.Where(r => r.PartnerId == partnerId && !_duplicates.Contains(r.Id) && InYear(r.SubmittedAt)).ToList();
        var opportunitiesByAccount = _opportunities.ToLookup(o => o.AccountId);
        long qualified = 0, won = 0;
        foreach (var r in referrals)
        {
            if (_referralAccount[r.Id] is not { } account || !_touches.Any(t => t.ReferralId == r.Id)) continue;
            var sourced = opportunitiesByAccount[account]
                .Where(o => r.SubmittedAt >= o.CreatedAt.AddDays(-180) && r.SubmittedAt <= o.CreatedAt.AddDays(1)).ToList();
            if (sourced.Any(o => QualifiedAt(o) is not null)) qualified++;
            if (sourced.Any(o => o.Status == "won")) won++;
        }

        decimal creditSum = 0, revenue = 0;
        var days = new List<int>();
        foreach (var o in _opportunities.Where(o => o.Status == "won" && o.ClosedAt is { } c && InYear(c)))
        {
            var credits = Credits(o, out var firstTouch);
            if (!credits.TryGetValue(partnerId, out var credit) || credit <= 0 || AmountUsd(o) is not { } usd) continue;
            creditSum += credit;
            revenue += credit * usd;
            if (firstTouch.TryGetValue(partnerId, out var first))
                days.Add(DateOnly.FromDateTime(o.ClosedAt!.Value).DayNumber - DateOnly.FromDateTime(first).DayNumber);
        }
        return new Headline(
            referrals.Count,
            referrals.Count == 0 ? null : (double)qualified / referrals.Count,
            referrals.Count == 0 ? null : (double)won / referrals.Count,
            creditSum == 0 ? null : Math.Round(revenue / creditSum, 2, MidpointRounding.AwayFromZero),
            Median(days));
    }

    private static double? Median(List<int> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = (sorted.Count - 1) / 2.0;
        return sorted[(int)Math.Floor(mid)] + (sorted[(int)Math.Ceiling(mid)] - sorted[(int)Math.Floor(mid)]) * (mid - Math.Floor(mid));
    }

    // rules.md §1 and D7–D9
    private static string? Domain(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var d = text.Trim().ToLowerInvariant();
        d = SchemeRegex().Replace(d, "");
        if (d.Contains('@')) d = d[(d.LastIndexOf('@') + 1)..];
        d = d.Split('/', '?', '#')[0].Split(':')[0].TrimEnd('.');
        if (d.StartsWith("www.", StringComparison.Ordinal)) d = d[4..];
        return d.Length == 0 ? null : d;
    }

    private static string? CompanyDomain(string? text) => Domain(text) is { } d && !FreeMail.Contains(d) ? d : null;

    private static string? EmailDomain(string? email) =>
        string.IsNullOrEmpty(email) || !email.Contains('@') ? null : email[(email.LastIndexOf('@') + 1)..].Trim().ToLowerInvariant();

    private static string Name(string name)
    {
        var cleaned = new string(name.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c)).ToArray());
        var tokens = cleaned.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        while (tokens.Count > 1 && LegalSuffixes.Contains(tokens[^1])) tokens.RemoveAt(tokens.Count - 1);
        return string.Join(' ', tokens);
    }

    [GeneratedRegex("^[a-z][a-z0-9+.-]*://")]
    private static partial Regex SchemeRegex();
}

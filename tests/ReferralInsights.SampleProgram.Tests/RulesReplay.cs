using System.Globalization;
using System.Text;

namespace ReferralInsights.SampleProgram.Tests;

/// <summary>An independent reading of rules.md §1–§4 over a generated program: quarantine unparseable rows, match referrals
/// and conversions to accounts, drop duplicates, rejected, self and unknown-partner referrals and burst clicks, and list
/// each opportunity's sourcing partners in primary_share order (earliest referral touch, then earliest click touch, then
/// partner id). Written apart from the generator so that it checks the ground truth rather than repeating it.</summary>
public static class RulesReplay
{
    private static readonly HashSet<string> FreeMail =
        ["gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com", "icloud.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "mail.com"];
    private static readonly HashSet<string> LegalSuffixes =
        ["inc", "incorporated", "llc", "ltd", "limited", "gmbh", "corp", "corporation", "co", "company", "sa", "ag", "plc", "bv", "srl", "oy", "ab"];

    private sealed record Account(string Id, DateTime CreatedAt);
    private sealed record Touch(string PartnerId, DateTime At, bool IsReferral);

    /// <summary>Opportunity id → sourcing partner ids, primary first.</summary>
    public static Dictionary<string, List<string>> SourcingPartners(string dir)
    {
        CsvFile Csv(string path) => CsvFile.Read(Path.Combine(dir, path));
        var accounts = Rows(Csv("crm/accounts.csv"), ["account_id", "name", "created_at"], ["created_at", "updated_at"], ["employee_count"]).ToList();
        var byId = accounts.ToDictionary(a => a["account_id"], a => new Account(a["account_id"], Ts(a["created_at"])!.Value));
        var byDomain = Index(accounts, a => Domain(a["domain"]) is { } d && !FreeMail.Contains(d) ? d : null, byId);
        var byName = Index(accounts, a => Name(a["name"]), byId);
        var byContactEmail = Index(Rows(Csv("crm/contacts.csv"), ["contact_id", "email", "created_at"], ["created_at", "updated_at"], []),
            c => byId.ContainsKey(c["account_id"]) ? c["email"].ToLowerInvariant() : null, c => byId[c["account_id"]]);
        string? Pick(List<Account>? candidates) =>
            candidates is { Count: > 0 } ? candidates.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal).First().Id : null;
        string? ByEmail(string email) => email.Length == 0 ? null
            : Pick(byContactEmail.GetValueOrDefault(email.ToLowerInvariant()))
              ?? (EmailDomain(email) is { } d && !FreeMail.Contains(d) ? Pick(byDomain.GetValueOrDefault(d)) : null);

        var partners = Csv("portal/partners.csv");
        var partnerDomain = partners.Column("partner_id").Zip(partners.Column("domain")).ToDictionary(p => p.First, p => Domain(p.Second));
        var touches = new Dictionary<string, List<Touch>>();
        void AddTouch(string accountId, Touch touch)
        {
            if (!touches.TryGetValue(accountId, out var list)) touches[accountId] = list = [];
            list.Add(touch);
        }

        // §2 matching, §3 duplicates, §8 self-referral → referral touches.
        var referrals = Rows(Csv("portal/referrals.csv"), ["referral_id", "partner_id", "submitted_at", "company_name"], ["submitted_at", "decided_at"],
                ["employee_count"])
            .Where(r => Bool(r["budget_confirmed"]))
            .Select(r => (Row: r, At: Ts(r["submitted_at"])!.Value,
                AccountId: (Domain(r["company_domain"]) is { } d && !FreeMail.Contains(d) ? Pick(byDomain.GetValueOrDefault(d)) : null)
                    ?? ByEmail(r["contact_email"]) ?? (Name(r["company_name"]) is { } n ? Pick(byName.GetValueOrDefault(n)) : null)))
            .OrderBy(r => r.At).ThenBy(r => r.Row["referral_id"], StringComparer.Ordinal);
        var kept = new Dictionary<(string, string), List<DateTime>>();
        foreach (var (r, at, accountId) in referrals)
        {
            var key = (r["partner_id"], accountId is not null ? "a:" + accountId
                : Domain(r["company_domain"]) is { } d && !FreeMail.Contains(d) ? "d:" + d : "n:" + Name(r["company_name"]));
            if (!kept.TryGetValue(key, out var earlier)) kept[key] = earlier = [];
            if (earlier.Any(t => at - t <= TimeSpan.FromDays(90))) continue;
            earlier.Add(at);
            if (accountId is null || r["status"] == "rejected" || !partnerDomain.TryGetValue(r["partner_id"], out var own)) continue;
            if (own is not null && !FreeMail.Contains(own) && (own == Domain(r["company_domain"]) || own == EmailDomain(r["contact_email"])
                    || own == Domain(accounts.First(a => a["account_id"] == accountId)["domain"]))) continue;
            AddTouch(accountId, new Touch(r["partner_id"], at, IsReferral: true));
        }

        // §4 click touches, §9 bursts.
        var links = Csv("portal/links.csv");
        var partnerOfCode = links.Column("referral_code").Zip(links.Column("partner_id")).ToDictionary(l => l.First, l => l.Second);
        var clicks = SmallSample.Ndjson(Path.Combine(dir, "clicks/clicks.ndjson.gz"))
            .Select(c => (Visitor: c.GetProperty("visitor_id").GetString()!, Ip: c.GetProperty("ip_hash").GetString(),
                At: Ts(c.GetProperty("clicked_at").GetString()!)!.Value, Partner: partnerOfCode.GetValueOrDefault(c.GetProperty("referral_code").GetString()!)))
            .Where(c => c.Partner is not null).ToList();
        var bursts = clicks.GroupBy(c => (c.Partner, c.Ip, Hour: c.At.Ticks / TimeSpan.TicksPerHour)).Where(g => g.Count() > 50).Select(g => g.Key).ToHashSet();
        var clicksOf = clicks.Where(c => !bursts.Contains((c.Partner, c.Ip, c.At.Ticks / TimeSpan.TicksPerHour))).ToLookup(c => c.Visitor);
        foreach (var conversion in SmallSample.Ndjson(Path.Combine(dir, "clicks/conversions.ndjson.gz")))
        {
            var at = Ts(conversion.GetProperty("converted_at").GetString()!)!.Value;
            if (ByEmail(conversion.GetProperty("email").GetString()!) is not { } accountId) continue;
            foreach (var partner in clicksOf[conversion.GetProperty("visitor_id").GetString()!]
                         .Where(c => c.At <= at && at - c.At <= TimeSpan.FromDays(90)).Select(c => c.Partner!).Distinct())
                AddTouch(accountId, new Touch(partner, at, IsReferral: false));
        }

        // §4 sourcing window, §5 primary_share order.
        var result = new Dictionary<string, List<string>>();
        foreach (var o in Rows(Csv("crm/opportunities.csv"), ["opportunity_id", "account_id", "stage", "status", "created_at"], ["created_at"], []))
        {
            var t0 = Ts(o["created_at"])!.Value;
            result[o["opportunity_id"]] = touches.GetValueOrDefault(o["account_id"], [])
                .Where(t => t.At >= t0 - TimeSpan.FromDays(180) && t.At <= t0 + TimeSpan.FromDays(1))
                .GroupBy(t => t.PartnerId)
                .OrderBy(g => g.Where(t => t.IsReferral).Select(t => (DateTime?)t.At).Min() ?? DateTime.MaxValue)
                .ThenBy(g => g.Where(t => !t.IsReferral).Select(t => (DateTime?)t.At).Min() ?? DateTime.MaxValue)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).ToList();
        }
        return result;
    }

    /// <summary>The rows that land (data-contract.md): required values present, timestamps and integers parse.</summary>
    private static IEnumerable<Dictionary<string, string>> Rows(CsvFile csv, string[] required, string[] timestamps, string[] integers) =>
        csv.Records.Select(r => csv.Header.Zip(r).ToDictionary(x => x.First, x => x.Second))
            .Where(r => required.All(c => r[c].Length > 0)
                        && timestamps.All(c => r[c].Length == 0 || Ts(r[c]) is not null)
                        && integers.All(c => r[c].Length == 0 || long.TryParse(r[c], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)));

    private static Dictionary<string, List<Account>> Index<T>(IEnumerable<T> rows, Func<T, string?> key, Func<T, Account> account)
    {
        var index = new Dictionary<string, List<Account>>();
        foreach (var row in rows)
            if (key(row) is { } k)
            {
                if (!index.TryGetValue(k, out var list)) index[k] = list = [];
                list.Add(account(row));
            }
        return index;
    }

    private static Dictionary<string, List<Account>> Index(IEnumerable<Dictionary<string, string>> rows, Func<Dictionary<string, string>, string?> key,
        Dictionary<string, Account> byId) => Index(rows, key, r => byId[r["account_id"]]);

    private static DateTime? Ts(string value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static bool Bool(string value) => value.ToLowerInvariant() is "" or "true" or "false" or "1" or "0" or "yes" or "no";

    /// <summary>rules.md §1 and D7.</summary>
    private static string? Domain(string value)
    {
        var d = value.Trim().ToLowerInvariant();
        if (d.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0) d = d[(scheme + 3)..];
        d = d.Split('/', '?', '#')[0];
        if (d.Contains('@')) d = d[(d.LastIndexOf('@') + 1)..];
        if (d.IndexOf(':') is var port and >= 0) d = d[..port];
        d = d.TrimEnd('.');
        if (d.StartsWith("www.", StringComparison.Ordinal)) d = d[4..];
        return d.Length == 0 ? null : d;
    }

    private static string? EmailDomain(string email) => email.LastIndexOf('@') is var at and >= 0 ? email[(at + 1)..].ToLowerInvariant() : null;

    /// <summary>rules.md §1 and D8.</summary>
    private static string? Name(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value.ToLowerInvariant())
            if (char.IsLetterOrDigit(c) || char.IsWhiteSpace(c)) text.Append(c);
        var tokens = text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        while (tokens.Count > 1 && LegalSuffixes.Contains(tokens[^1])) tokens.RemoveAt(tokens.Count - 1);
        return tokens.Count == 0 ? null : string.Join(' ', tokens);
    }
}

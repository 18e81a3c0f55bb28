using System.Globalization;
using System.Text.RegularExpressions;
using ReferralInsights.Ingest.Tests.HubSpot;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>
/// The sample program as a HubSpot account would hold it, written two ways: as CRM files (for <c>kind: files</c>) and as
/// the objects of a <see cref="FakeHubSpot"/>. What HubSpot cannot express is reshaped the same way in both: ids are
/// numbers (ACC-0000012 → 12, also where the portal names an opportunity), an activity is a meeting, call, email or
/// note (<c>meeting-12</c>; demos and intros are meetings), every record has a last-modified time, status follows the
/// stage, stage history belongs to a deal that exists, and there is no fx_rates table (the config's static fx).
/// Contract breaks in values (a timestamp like <c>yesterday</c>) stay: HubSpot text properties carry them to quarantine.
/// </summary>
public static partial class HubSpotAccount
{
    public const string TokenVariable = "RI_EQUIVALENCE_HUBSPOT_TOKEN";

    private static readonly (string Name, string Id)[] Stages =
    [
        ("Discovery", "appointmentscheduled"), ("Qualified", "qualifiedtobuy"), ("Proposal", "presentationscheduled"),
        ("Negotiation", "contractsent"), ("Closed Won", "closedwon"), ("Closed Lost", "closedlost"),
    ];

    /// <summary>The <c>sources.crm</c> block that reads the account from <paramref name="server"/>.</summary>
    public static string CrmSource(FakeHubSpot server) =>
        $"  crm:\n    kind: hubspot\n    base_url: {server.BaseUrl}\n    token_env: {TokenVariable}\n    stages:\n" +
        string.Concat(Stages.Select(s => $"      {s.Id}: {s.Name}\n")) +
        "    won_stages: [closedwon]\n    lost_stages: [closedlost]\n    properties:\n" +
        "      opportunities.partner_id: partner_id\n      opportunities.refunded_at: refunded_at\n" +
        "      opportunities.lead_source: lead_source\n      activities.partner_id: partner_id\n";

    /// <summary>Rewrites the copied program at <paramref name="root"/> into the account's shape (its sample/crm as files,
    /// its sample/portal files naming opportunities by number).</summary>
    public static void Reshape(string root)
    {
        var crm = Path.Combine(root, "sample", "crm");
        using (var db = new Db())
        {
            foreach (var (entity, sql) in ShapedCrm(crm))
            {
                var file = Path.Combine(crm, entity + ".csv");
                db.Rows($"CREATE TABLE shaped AS {sql}");
                File.Delete(file);
                db.Rows($"COPY shaped TO '{file}' (HEADER, DELIMITER ',')");
                db.Rows("DROP TABLE shaped");
            }
        }
        File.Delete(Path.Combine(crm, "fx_rates.csv"));
        foreach (var file in Directory.GetFiles(Path.Combine(root, "sample", "portal"), "*.csv"))
            File.WriteAllText(file, OpportunityNumber().Replace(File.ReadAllText(file), ""));
    }

    /// <summary>Loads the reshaped CRM files of <paramref name="root"/> into <paramref name="server"/> as HubSpot objects.</summary>
    public static void Serve(string root, FakeHubSpot server)
    {
        var crm = Path.Combine(root, "sample", "crm");
        using var db = new Db();
        List<Dictionary<string, string?>> Read(string entity)
        {
            var rows = db.Rows($"SELECT * FROM read_csv('{Path.Combine(crm, entity + ".csv")}', all_varchar = true, header = true)");
            var columns = db.Rows($"SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv('{Path.Combine(crm, entity + ".csv")}', all_varchar = true, header = true))")
                .Select(r => (string)r[0]!).ToList();
            return rows.Select(r => columns.Select((c, i) => (c, (string?)r[i])).ToDictionary(p => p.c, p => p.Item2)).ToList();
        }

        foreach (var a in Read("accounts"))
            server.Add("companies", Number(a["account_id"]), Ms(a["updated_at"]), ("name", a["name"]), ("domain", a["domain"]),
                ("industry", a["industry"]), ("numberofemployees", a["employee_count"]), ("annualrevenue", a["annual_revenue"]),
                ("country", a["country"]), ("createdate", a["created_at"]));
        foreach (var c in Read("contacts"))
            Link(server.Add("contacts", Number(c["contact_id"]), Ms(c["updated_at"]), ("email", c["email"]), ("firstname", c["first_name"]),
                ("lastname", c["last_name"]), ("jobtitle", c["title"]), ("createdate", c["created_at"])), "companies", c["account_id"]);
        var history = Read("opportunity_stages").ToLookup(s => s["opportunity_id"]);
        var stageIds = Stages.ToDictionary(s => s.Name, s => s.Id);
        foreach (var o in Read("opportunities"))
        {
            var deal = server.Add("deals", Number(o["opportunity_id"]), Ms(o["updated_at"]), ("dealname", o["name"]), ("amount", o["amount"]),
                ("deal_currency_code", o["currency"]), ("dealstage", o["stage"] is { } s ? stageIds[s] : null), ("createdate", o["created_at"]),
                // an open deal's closedate is its expected close date, which the connector must not land as closed_at
                ("closedate", o["status"] == "open" ? ExpectedClose(o["created_at"]) : o["closed_at"]),
                ("refunded_at", o["refunded_at"]), ("partner_id", o["partner_id"]), ("lead_source", o["lead_source"]));
            Link(deal, "companies", o["account_id"]);
            foreach (var entered in history[o["opportunity_id"]]) deal.StageHistory.Add((stageIds[entered["stage"]!], entered["entered_at"]!));
        }
        foreach (var e in Read("activities"))
        {
            var (kind, number) = (e["activity_id"]!.Split('-')[0], long.Parse(e["activity_id"]!.Split('-')[1], CultureInfo.InvariantCulture));
            var engagement = server.Add(EngagementType(kind), number, Ms(e["occurred_at"]), ("hs_timestamp", e["occurred_at"]), ("partner_id", e["partner_id"]));
            Link(engagement, "deals", e["opportunity_id"]);
            Link(engagement, "companies", e["account_id"]);
            Link(engagement, "contacts", e["contact_id"]);
        }
    }

    private static string EngagementType(string activityType) => activityType switch
    {
        "meeting" => "meetings",
        "call" => "calls",
        "email" => "emails",
        _ => "notes",
    };

    private static IEnumerable<(string Entity, string Sql)> ShapedCrm(string crm)
    {
        string Csv(string entity) => $"read_csv('{Path.Combine(crm, entity + ".csv")}', all_varchar = true, header = true)";
        const string Iso = "'%Y-%m-%dT%H:%M:%SZ'";
        string Modified(string column, string fallback) =>
            $"strftime(coalesce(try_strptime({column}, {Iso}), try_strptime({fallback}, {Iso}), TIMESTAMP '2024-07-01'), {Iso}) AS {column}";
        const string Status = "CASE WHEN stage IS NULL THEN NULL WHEN stage = 'Closed Won' THEN 'won' WHEN stage = 'Closed Lost' THEN 'lost' ELSE 'open' END";
        yield return ("accounts", $"SELECT {Id("account_id")}, name, domain, industry, employee_count, annual_revenue, country, created_at, " +
                                  $"{Modified("updated_at", "created_at")} FROM {Csv("accounts")}");
        yield return ("contacts", $"SELECT {Id("contact_id")}, {Id("account_id")}, email, first_name, last_name, title, created_at, " +
                                  $"{Modified("updated_at", "created_at")} FROM {Csv("contacts")}");
        yield return ("opportunity_stages", $"SELECT {Id("opportunity_id")}, stage, entered_at FROM {Csv("opportunity_stages")} " +
                                            $"WHERE opportunity_id IN (SELECT opportunity_id FROM {Csv("opportunities")})");
        yield return ("opportunities", $"SELECT {Id("opportunity_id")}, {Id("account_id")}, name, amount, currency, stage, {Status} AS status, " +
                                       $"created_at, CASE WHEN {Status} IN ('won', 'lost') THEN closed_at END AS closed_at, refunded_at, partner_id, " +
                                       $"lead_source, {Modified("updated_at", "created_at")} FROM {Csv("opportunities")}");
        // a note's activities are type other (data-contract.md), its id other-<number> like the connector's
        yield return ("activities", "SELECT kind || '-' || CAST(CAST(substr(activity_id, 5) AS BIGINT) AS VARCHAR) AS activity_id, kind AS type, " +
                                    $"occurred_at, {Id("opportunity_id")}, {Id("account_id")}, {Id("contact_id")}, partner_id FROM (SELECT *, " +
                                    "CASE WHEN type IN ('meeting', 'demo', 'intro') THEN 'meeting' WHEN type IN ('call', 'email') THEN type ELSE 'other' END AS kind " +
                                    $"FROM {Csv("activities")})");
    }

    /// <summary>ACC-0000012 → 12 (an empty id stays empty).</summary>
    private static string Id(string column) => $"CAST(CAST(substr({column}, 5) AS BIGINT) AS VARCHAR) AS {column}";

    private static long Number(string? id) => long.Parse(id!, CultureInfo.InvariantCulture);

    private static void Link(FakeHubSpot.CrmObject o, string type, string? id)
    {
        if (id is not null) o.Associations[type] = [Number(id)];
    }

    /// <summary>The epoch milliseconds of a UTC timestamp; a value that is not one (a contract break) is modified at 2024-07-01.</summary>
    private static long Ms(string? timestamp) =>
        DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUnixTimeMilliseconds()
            : new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static string? ExpectedClose(string? createdAt) =>
        DateTime.TryParseExact(createdAt, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var t)
            ? t.AddDays(90).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"OPP-0*(?=\d)")]
    private static partial Regex OpportunityNumber();
}

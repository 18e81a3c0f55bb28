using System.Text;
using static ReferralInsights.Ingest.Tests.Corpus.BadInputCase;

namespace ReferralInsights.Ingest.Tests.Corpus;

/// <summary>The bad-input corpus: what careless exporters and hostile senders deliver, across every entity and format.</summary>
public static class BadInputCorpus
{
    private const string Referrals = "portal/referrals";
    private const string H = "referral_id,partner_id,submitted_at,company_name\n";
    private const string Row1 = "r1,p1,2025-03-01,Acme\n";

    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(p => p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p).ToArray();

    private static string Clicks(int count, int brokenAt) => string.Concat(Enumerable.Range(1, count).Select(i => i == brokenAt
        ? "{\"click_id\":\"c" + i + "\",\"clicked_at\":\"2025-05-01T12:00:00Z\",\n"
        : "{\"click_id\":\"c" + i + "\",\"clicked_at\":\"2025-05-01T12:00:00Z\",\"referral_code\":\"A\",\"visitor_id\":\"v\"}\n"));

    public static readonly IReadOnlyList<BadInputCase> Cases =
    [
        // CSV quoting and framing
        Text("csv-unterminated-quote", Referrals, "referrals.csv", H + Row1 + "r2,p1,2025-03-02,\"Beta\nr3,p1,2025-03-03,Gamma\n",
            "2 landed r1", "3 quarantined: malformed quoting: a quoted field is never closed"),
        Text("csv-text-after-closing-quote", Referrals, "referrals.csv", H + "r1,p1,2025-03-01,\"Acme\"x\n",
            "2 quarantined: malformed quoting: text after a closing quote"),
        Text("csv-embedded-newline", Referrals, "referrals.csv", H + "r1,p1,2025-03-01,\"Acme\nInc\"\nr2,p1,2025-03-02,Beta\n",
            "2 landed r1", "4 landed r2").Checking("SELECT company_name FROM {landed} WHERE referral_id = 'r1'", "Acme\nInc"),
        Text("csv-quoted-comma-and-doubled-quotes", Referrals, "referrals.csv", H + "r1,p1,2025-03-01,\"Acme, \"\"Best\"\" Inc\"\n",
            "2 landed r1").Checking("SELECT company_name FROM {landed}", "Acme, \"Best\" Inc"),
        Text("csv-too-many-fields", Referrals, "referrals.csv", H + "r1,p1,2025-03-01,Acme,extra\n", "2 quarantined: expected 4 fields, found 5"),
        Text("csv-too-few-fields", Referrals, "referrals.csv", H + "r1,p1,2025-03-01\n", "2 quarantined: expected 4 fields, found 3"),
        Text("csv-blank-lines-are-not-rows", Referrals, "referrals.csv", H + "\n" + Row1 + "\n\nr2,p1,2025-03-02,Beta\n", "3 landed r1", "6 landed r2"),
        // a line break inside a quoted field lands as LF whatever the file's line endings, so a CRLF export and an LF
        // one give the same values
        Text("csv-crlf", Referrals, "referrals.csv", H.Replace("\n", "\r\n") + "r1,p1,2025-03-01,Acme\r\nr2,p1,2025-03-02,\"Be\r\nta\"\r\n",
            "2 landed r1", "3 landed r2").Checking("SELECT string_agg(company_name, '|' ORDER BY referral_id) FROM {landed}", "Acme|Be\nta"),
        new("csv-bom", Referrals, "referrals.csv", Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, H + Row1), ["2 landed r1"]),
        Text("csv-semicolon-delimiter", Referrals, "referrals.csv", "referral_id;partner_id;submitted_at;company_name\nr1;p1;2025-03-01;Acme\n",
            "error: portal/referrals.csv: required columns 'referral_id', 'partner_id', 'submitted_at', 'company_name' missing (portal/referrals); nothing of portal/referrals was landed"),
        Text("csv-tab-delimiter", Referrals, "referrals.csv", "referral_id\tpartner_id\tsubmitted_at\tcompany_name\nr1\tp1\t2025-03-01\tAcme\n",
            "error: portal/referrals.csv: required columns 'referral_id', 'partner_id', 'submitted_at', 'company_name' missing (portal/referrals); nothing of portal/referrals was landed"),
        Text("csv-empty-file", Referrals, "referrals.csv", "", "error: portal/referrals.csv: the file is empty: a header row is required"),
        Text("csv-header-only", Referrals, "referrals.csv", H),
        Text("csv-missing-required-column", Referrals, "referrals.csv", "referral_id,partner_id,submitted_at\nr1,p1,2025-03-01\n",
            "error: portal/referrals.csv: required column 'company_name' missing (portal/referrals); nothing of portal/referrals was landed"),
        Text("csv-duplicate-header-column", Referrals, "referrals.csv", "referral_id,partner_id,submitted_at,company_name,company_name\nr1,p1,2025-03-01,A,B\n",
            "error: portal/referrals.csv: line 1: column 'company_name' appears twice in the header"),
        Text("csv-extra-columns", Referrals, "referrals.csv", "referral_id,partner_id,submitted_at,company_name,favourite_colour\nr1,p1,2025-03-01,Acme,blue\n",
            "2 landed r1").Checking("SELECT _extra FROM {landed}", "{\"favourite_colour\":\"blue\"}"),
        Text("csv-ten-megabyte-field", Referrals, "referrals.csv", "referral_id,partner_id,submitted_at,company_name,notes\nr1,p1,2025-03-01,Acme," + new string('n', 10 << 20) + "\n",
            "2 landed r1").Checking("SELECT length(notes) FROM {landed}", (10 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture)),

        // encodings
        new("csv-invalid-utf8-row", Referrals, "referrals.csv", Bytes(H, Row1, "r2,p1,2025-03-02,Caf", new byte[] { 0xE9 }, "\n"),
            ["2 landed r1", "3 quarantined: the line is not valid UTF-8 (first invalid byte at offset 20 of the line)"]),
        new("csv-invalid-utf8-header", Referrals, "referrals.csv", Bytes("referral_id,partner_id,submitted_at,company_n", new byte[] { 0xFF }, "me\n", Row1),
            ["error: portal/referrals.csv: line 1: the header: the line is not valid UTF-8 (first invalid byte at offset 45 of the line)"]),
        new("csv-overlong-utf8", Referrals, "referrals.csv", Bytes(H, "r1,p1,2025-03-01,A", new byte[] { 0xC0, 0xAF }, "\n"),
            ["2 quarantined: the line is not valid UTF-8 (first invalid byte at offset 18 of the line)"]),

        // values
        Text("missing-required-value", Referrals, "referrals.csv", H + "r1,p1,2025-03-01,\n", "2 quarantined: field company_name: required value is empty"),
        Text("required-value-of-spaces", Referrals, "referrals.csv", H + "r1,p1,2025-03-01,   \n", "2 quarantined: field company_name: required value is empty"),
        Text("wrong-type-integer", Referrals, "referrals.csv", H.TrimEnd() + ",employee_count\nr1,p1,2025-03-01,Acme,12x\n",
            "2 quarantined: field employee_count: '12x' is not an integer"),
        Text("wrong-type-boolean", Referrals, "referrals.csv", H.TrimEnd() + ",budget_confirmed\nr1,p1,2025-03-01,Acme,maybe\n",
            "2 quarantined: field budget_confirmed: 'maybe' is not a boolean (true/false/1/0/yes/no)"),
        Text("non-iso-date", Referrals, "referrals.csv", H + "r1,p1,03/01/2025,Acme\n", "2 quarantined: field submitted_at: '03/01/2025' is not an ISO-8601 date or timestamp"),
        Text("impossible-date", Referrals, "referrals.csv", H + "r1,p1,2025-02-30,Acme\n", "2 quarantined: field submitted_at: '2025-02-30' is not an ISO-8601 date or timestamp"),
        Text("future-date-lands-for-the-transform-to-flag", Referrals, "referrals.csv", H + "r1,p1,2099-01-01,Acme\n", "2 landed r1"),
        Text("unknown-enum-status", Referrals, "referrals.csv", H.TrimEnd() + ",status\nr1,p1,2025-03-01,Acme,pending-forever\n",
            "2 quarantined: field status: 'pending-forever' is not one of submitted, accepted, rejected"),
        Text("unknown-enum-timeline", Referrals, "referrals.csv", H.TrimEnd() + ",timeline\nr1,p1,2025-03-01,Acme,1y\n",
            "2 quarantined: field timeline: '1y' is not one of 0-3m, 3-6m, 6-12m, 12m+, unknown"),
        Text("several-problems-in-one-row", Referrals, "referrals.csv", H.TrimEnd() + ",employee_count,status\nr1,p1,soon,Acme,many,maybe\n",
            "2 quarantined: field submitted_at: 'soon' is not an ISO-8601 date or timestamp; field employee_count: 'many' is not an integer; " +
            "field status: 'maybe' is not one of submitted, accepted, rejected"),
        Text("duplicate-key-identical", Referrals, "referrals.csv", H + Row1 + Row1, "2 landed r1", "3 landed r1"),
        Text("duplicate-key-conflicting", Referrals, "referrals.csv", H + Row1 + "r1,p2,2025-03-01,Acme\n", "2 landed r1", "3 landed r1"),

        // every other entity
        Text("accounts-fractional-employee-count", "crm/accounts", "accounts.csv", "account_id,name,created_at,employee_count\na1,Acme,2025-01-01,1.5\n",
            "2 quarantined: field employee_count: '1.5' is not an integer"),
        Text("contacts-offset-timestamp-is-utc", "crm/contacts", "contacts.csv", "contact_id,email,created_at\nc1,a@b.com,2025-03-01T01:00:00+02:00\n",
            "2 landed c1").Checking("SELECT strftime(created_at, '%Y-%m-%d %H:%M:%S') FROM {landed}", "2025-02-28 23:00:00"),
        Text("opportunities-negative-amount-lands-for-the-transform-to-flag", "crm/opportunities", "opportunities.csv",
            "opportunity_id,account_id,stage,status,created_at,amount\no1,a1,Closed Won,won,2025-03-01,-500\n",
            "2 landed o1").Checking("SELECT CAST(amount AS VARCHAR) FROM {landed}", "-500.000000"),
        Text("opportunities-closed-before-created-lands-for-the-transform-to-flag", "crm/opportunities", "opportunities.csv",
            "opportunity_id,account_id,stage,status,created_at,closed_at\no1,a1,Closed Won,won,2025-03-01,2025-02-01\n", "2 landed o1"),
        Text("opportunities-status-case-and-spaces", "crm/opportunities", "opportunities.csv",
            "opportunity_id,account_id,stage,status,created_at\no1,a1,Closed Won, Won ,2025-03-01\n", "2 landed o1"),
        Text("opportunities-unknown-status", "crm/opportunities", "opportunities.csv",
            "opportunity_id,account_id,stage,status,created_at\no1,a1,Closed,closed,2025-03-01\n", "2 quarantined: field status: 'closed' is not one of open, won, lost"),
        Text("opportunities-thousands-separator", "crm/opportunities", "opportunities.csv",
            "opportunity_id,account_id,stage,status,created_at,amount\no1,a1,Won,won,2025-03-01,\"1,234.56\"\n",
            "2 quarantined: field amount: '1,234.56' is not a decimal number"),
        Text("opportunity-stages-bad-date", "crm/opportunity_stages", "opportunity_stages.csv", "opportunity_id,stage,entered_at\no1,Discovery,yesterday\n",
            "2 quarantined: field entered_at: 'yesterday' is not an ISO-8601 date or timestamp"),
        Text("fx-rate-zero", "crm/fx_rates", "fx_rates.csv", "currency,rate,valid_from\nEUR,0,2025-01-01\nGBP,1.27,2025-01-01\n",
            "2 quarantined: field rate: '0' is not above 0", "3 landed GBP"),
        Text("activities-unknown-type", "crm/activities", "activities.csv", "activity_id,type,occurred_at\nx1,Task,2025-03-01\n",
            "2 quarantined: field type: 'Task' is not one of intro, meeting, demo, email, call, other"),
        Text("partners-unknown-type", "portal/partners", "partners.csv", "partner_id,name,type,tier,status,joined_at\np1,Acme,reseller,Gold,active,2024-01-01\n",
            "2 quarantined: field type: 'reseller' is not one of customer, consultant, integrator, agency, other"),
        Text("partners-status-in-capitals", "portal/partners", "partners.csv", "partner_id,name,type,tier,status,joined_at\np1,Acme,agency,Gold,ACTIVE,2024-01-01\n",
            "2 landed p1"),
        Text("partner-tiers-missing-effective-from", "portal/partner_tiers", "partner_tiers.csv", "partner_id,tier,effective_from\np1,Gold,\n",
            "2 quarantined: field effective_from: required value is empty"),
        Text("links-code-of-spaces", "portal/links", "links.csv", "referral_code,partner_id\n  ,p1\n", "2 quarantined: field referral_code: required value is empty"),
        Text("disputes-share-above-one", "portal/disputes", "disputes.csv",
            "dispute_id,opportunity_id,claimant_partner_id,opened_at,status,resolution_share\nd1,o1,p1,2025-01-01,resolved,1.5\n",
            "2 quarantined: field resolution_share: '1.5' is not between 0 and 1"),
        Text("payouts-seven-decimal-places", "portal/payouts", "payouts.csv", "payout_id,partner_id,amount,paid_at\npy1,p1,10.1234567,2025-01-01\n",
            "2 quarantined: field amount: '10.1234567' has more than 6 decimal places"),
        Text("payouts-thirteen-integer-digits", "portal/payouts", "payouts.csv", "payout_id,partner_id,amount,paid_at\npy1,p1,1234567890123,2025-01-01\n",
            "2 quarantined: field amount: '1234567890123' is out of range (at most 12 integer digits)"),

        // NDJSON and gzip
        Gzip("ndjson-broken-line-in-a-million", "clicks/clicks", "clicks.ndjson.gz", Clicks(1_000_000, brokenAt: 500_000),
            "999999 landed", "500000 quarantined: invalid JSON: *") with { Summarised = true },
        Text("ndjson-not-an-object", "clicks/conversions", "conversions.ndjson",
            "[\"k1\",\"v1\"]\n{\"conversion_id\":\"k2\",\"visitor_id\":\"v2\",\"email\":\"a@b.com\",\"converted_at\":\"2025-05-01\"}\n",
            "1 quarantined: the line is not a JSON object", "2 landed k2"),
        Text("ndjson-missing-required-key-in-a-row", "clicks/conversions", "conversions.ndjson",
            "{\"conversion_id\":\"k1\",\"visitor_id\":\"v1\",\"converted_at\":\"2025-05-01\"}\n{\"conversion_id\":\"k2\",\"visitor_id\":\"v2\",\"email\":\"a@b.com\",\"converted_at\":\"2025-05-01\"}\n",
            "1 quarantined: field email: required value is empty", "2 landed k2"),
        Text("ndjson-required-key-in-no-row", "clicks/conversions", "conversions.ndjson",
            "{\"conversion_id\":\"k1\",\"visitor_id\":\"v1\",\"converted_at\":\"2025-05-01\"}\n",
            "error: clicks/conversions.ndjson: required column 'email' missing (clicks/conversions); nothing of clicks/conversions was landed"),
        new("ndjson-bom", "clicks/conversions", "conversions.ndjson",
            Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, "{\"conversion_id\":\"k1\",\"visitor_id\":\"v1\",\"email\":\"a@b.com\",\"converted_at\":\"2025-05-01\"}\n"), ["1 landed k1"]),
        new("ndjson-invalid-utf8", "clicks/conversions", "conversions.ndjson",
            Bytes("{\"conversion_id\":\"k1\",\"visitor_id\":\"v1\",\"email\":\"a@b", new byte[] { 0xFE }, ".com\",\"converted_at\":\"2025-05-01\"}\n"),
            ["1 quarantined: the line is not valid UTF-8 (first invalid byte at offset 52 of the line)"]),
        Gzip("csv-gzip-with-a-bad-row", "clicks/clicks", "clicks.csv.gz", "click_id,clicked_at,referral_code,visitor_id\nc1,2025-05-01,A,v1\nc2,someday,A,v2\n",
            "2 landed c1", "3 quarantined: field clicked_at: 'someday' is not an ISO-8601 date or timestamp"),
        new("gzip-truncated", "clicks/clicks", "clicks.ndjson.gz", Gzipped(Clicks(5_000, brokenAt: 0))[..4_000],
            ["error: clicks/clicks.ndjson.gz: the gzip data is cut short or corrupt after *"]),
    ];
}

using ReferralInsights.Ingest.HubSpot;

namespace ReferralInsights.Ingest.Tests.HubSpot;

/// <summary>The HubSpot connector against a local server speaking HubSpot's JSON: the contract mapping, paging, retries,
/// auth errors, incremental search and the 10,000-result cap.</summary>
public sealed class HubSpotConnectorTests : IDisposable
{
    private readonly IngestHarness _h = new();
    private readonly FakeHubSpot _server = new();
    private static readonly long T0 = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public void Dispose()
    {
        _server.Dispose();
        _h.Dispose();
    }

    private HubSpotConnector Connector(string token = FakeHubSpot.Token, double searchPerSecond = 1000) => new(_h.Db,
        new HubSpotClient(_server.BaseUrl, token, "HUBSPOT_TOKEN", new HubSpotLimits(TimeSpan.FromMilliseconds(10), SearchRequestsPerSecond: searchPerSecond)),
        new HubSpotMapping(new Dictionary<string, string> { ["qualifiedtobuy"] = "Qualified", ["closedwon"] = "Closed Won", ["closedlost"] = "Closed Lost" },
            ["closedwon"], ["closedlost"], new Dictionary<string, string> { ["opportunities.partner_id"] = "partner_id", ["activities.partner_id"] = "partner_id" }));

    private EntityIngestResult Ingest(string entity, int day = 0, HubSpotConnector? connector = null)
    {
        using var c = connector ?? Connector();
        return _h.RunEntity(entity, c, at: IngestHarness.IngestedAt.AddDays(day));
    }

    private void AddDeal(long id, string stage, long modified, string? closedate = "2025-05-20T00:00:00Z")
    {
        var deal = _server.Add("deals", id, modified, ("dealname", $"Deal {id}"), ("amount", "1200.50"), ("deal_currency_code", "EUR"),
            ("dealstage", stage), ("createdate", "2025-01-10T09:00:00Z"), ("closedate", closedate), ("partner_id", "P-7"));
        deal.Associations["companies"] = [42];
        deal.StageHistory.Add(("qualifiedtobuy", "2025-02-01T00:00:00Z"));
        deal.StageHistory.Add((stage, "2025-05-20T00:00:00Z"));
    }

    // data-contract.md: deals → opportunities (stage through `stages`, status from won/lost stages, closedate only for won
    // and lost deals), the dealstage history → opportunity_stages, the associated company → account_id.
    [Fact]
    public void Ingest_Deals_MapOntoOpportunitiesAndTheirStageHistory()
    {
        AddDeal(1, "closedwon", T0);
        AddDeal(2, "qualifiedtobuy", T0, closedate: "2025-09-30T00:00:00Z");

        Ingest("crm/opportunities");
        Ingest("crm/opportunity_stages");

        Assert.Equal(
            [["1", "42", "Deal 1", 1200.5m, "EUR", "Closed Won", "won", new DateTime(2025, 5, 20), "P-7", "hubspot:deals"],
             ["2", "42", "Deal 2", 1200.5m, "EUR", "Qualified", "open", null, "P-7", "hubspot:deals"]],
            _h.Query($"SELECT opportunity_id, account_id, name, amount, currency, stage, status, closed_at, partner_id, _source_file " +
                     $"FROM {_h.LandedFiles("crm/opportunities")} ORDER BY 1").Select(r => r.ToArray()).ToArray());
        Assert.Equal(
            [["1", "Closed Won", new DateTime(2025, 5, 20)], ["1", "Qualified", new DateTime(2025, 2, 1)],
             ["2", "Qualified", new DateTime(2025, 2, 1)], ["2", "Qualified", new DateTime(2025, 5, 20)]],
            _h.Query($"SELECT opportunity_id, stage, entered_at FROM {_h.LandedFiles("crm/opportunity_stages")} ORDER BY 1, 2, 3")
                .Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void Ingest_ActivitiesFromEveryEngagementObject_CarryTheirTypeAndAssociations()
    {
        var meeting = _server.Add("meetings", 5, T0, ("hs_timestamp", "2025-03-03T15:00:00Z"), ("partner_id", "P-1"));
        meeting.Associations["deals"] = [1];
        meeting.Associations["contacts"] = [9];
        _server.Add("notes", 5, T0, ("hs_timestamp", "2025-03-04T08:00:00Z"));

        Ingest("crm/activities");

        Assert.Equal([["meeting-5", "meeting", "1", null, "9", "P-1"], ["other-5", "other", null, null, null, null]],
            _h.Query($"SELECT activity_id, type, opportunity_id, account_id, contact_id, partner_id FROM {_h.LandedFiles("crm/activities")} ORDER BY 1")
                .Select(r => r.ToArray()).ToArray());
    }

    // 250 companies are three pages of the list endpoint (100 a page, `after` from each page's paging.next).
    [Fact]
    public void Ingest_FullSync_PagesThroughTheListEndpoint()
    {
        for (var id = 1; id <= 250; id++)
            _server.Add("companies", id, T0, ("name", $"Company {id}"), ("domain", $"c{id}.example"), ("numberofemployees", "120"),
                ("createdate", "2024-12-01T00:00:00Z"));

        var result = Ingest("crm/accounts");

        Assert.Equal((250L, 250L), (result.RowsIn, result.Landed));
        Assert.Equal(3, _server.Requests.Count(r => r.Request == "GET /crm/v3/objects/companies"));
        Assert.Equal(["250", "Company 250", "c250.example", 120L, new DateTime(2025, 6, 1)],
            _h.Query($"SELECT account_id, name, domain, employee_count, updated_at FROM {_h.LandedFiles("crm/accounts")} WHERE account_id = '250'").Single());
    }

    // A 429 waits for Retry-After, a 500 backs off; the page is then read and nothing is lost.
    [Fact]
    public void Ingest_TooManyRequestsThenServerError_IsRetriedAndSucceeds()
    {
        _server.Add("companies", 1, T0, ("name", "Acme"), ("createdate", "2024-12-01T00:00:00Z"));
        _server.Faults.Enqueue((429, 1));
        _server.Faults.Enqueue((500, null));

        var started = DateTime.UtcNow;
        var result = Ingest("crm/accounts");

        Assert.Equal(1L, result.Landed);
        var calls = _server.Requests.Where(r => r.Request == "GET /crm/v3/objects/companies").ToList();
        Assert.Equal(3, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.9), "the retry after a 429 waited for Retry-After: 1");
    }

    // 401: a clear error naming the environment variable, never the token itself.
    [Fact]
    public void Ingest_RejectedToken_FailsNamingTheVariableNotTheToken()
    {
        var error = Assert.Throws<IngestException>(() => Ingest("crm/accounts", connector: Connector(token: "pat-na1-wrong-token")));

        Assert.StartsWith("HubSpot refused the private-app token in $HUBSPOT_TOKEN (401 Unauthorized)", error.Message);
        Assert.DoesNotContain("pat-na1", error.Message);
    }

    // An error answer that quotes the request's Authorization header (a misconfigured gateway) is reported with the
    // token replaced by the name of its variable: the message goes to the log, the manifest and the run history.
    [Fact]
    public void Ingest_ErrorAnswerQuotingTheToken_IsReportedWithTheTokenRedacted()
    {
        _server.EchoesCredentials = true;
        _server.Faults.Enqueue((400, null));

        var error = Assert.Throws<IngestException>(() => Ingest("crm/accounts"));

        Assert.Equal("HubSpot GET /crm/v3/objects/companies answered 400 BadRequest: " +
                     "{\"status\":\"error\",\"message\":\"injected 400 (request had Authorization: Bearer [$HUBSPOT_TOKEN])\"}", error.Message);
    }

    // After the first sync, a run finds only the deals modified since (search on hs_lastmodifieddate) and lands exactly those.
    [Fact]
    public void Ingest_SecondRun_LandsOnlyTheDealsModifiedSince()
    {
        AddDeal(1, "qualifiedtobuy", T0);
        AddDeal(2, "qualifiedtobuy", T0);
        AddDeal(3, "qualifiedtobuy", T0);
        Ingest("crm/opportunities");
        var changed = _server.Objects["deals"].Single(d => d.Id == 2);
        changed.Properties["dealstage"] = "closedwon";
        changed.ModifiedMs = T0 + 60_000;
        AddDeal(4, "qualifiedtobuy", T0 + 120_000);

        var second = Ingest("crm/opportunities", 1);

        Assert.Equal(2L, second.RowsIn);
        Assert.Equal(["2:won", "4:open"],
            _h.Query($"SELECT opportunity_id || ':' || status FROM {_h.LandedFiles("crm/opportunities")} WHERE _ingested_at > TIMESTAMP '2026-01-01' ORDER BY 1")
                .Select(r => (string)r[0]!));
        Assert.Equal(0L, Ingest("crm/opportunities", 2).RowsIn);
    }

    // HubSpot's search answers at most 10,000 results a query (a 400 past that). 10,250 contacts modified in one instant
    // and 150 after it: the walk drains the instant by id and goes on after it — every contact once, no 400, it ends.
    [Fact]
    public void Ingest_MoreThanTenThousandChangesOnOneTimestamp_AreAllReadOnce()
    {
        _server.Add("contacts", 1, T0, ("email", "first@a.com"), ("createdate", "2024-01-01T00:00:00Z"));
        Ingest("crm/contacts");
        var burst = T0 + 1000;
        for (var id = 2; id <= 10_251; id++) _server.Add("contacts", id, burst, ("email", $"c{id}@a.com"), ("createdate", "2024-01-01T00:00:00Z"));
        for (var id = 10_252; id <= 10_401; id++) _server.Add("contacts", id, burst + id, ("email", $"c{id}@a.com"), ("createdate", "2024-01-01T00:00:00Z"));

        var second = Ingest("crm/contacts", 1);

        Assert.Equal(10_400L, second.RowsIn);
        Assert.Equal(10_401L, _h.Query($"SELECT count(DISTINCT contact_id) FROM {_h.LandedFiles("crm/contacts")}")[0][0]);
        Assert.True(_server.Requests.Count(r => r.Request == "POST /crm/v3/objects/contacts/search") <= 110);
    }

    // About 5 search requests a second per account: the client starts a search 200 ms after the previous one at the
    // earliest (RequestSpacingTests pins the rule exactly), so 11 searches span 2 s; the server may see them up to the
    // delay of a loaded machine's network stack earlier or later, hence 1.9 s.
    [Fact]
    public void Search_IsPacedToFiveRequestsASecond()
    {
        _server.Add("contacts", 1, T0, ("email", "first@a.com"), ("createdate", "2024-01-01T00:00:00Z"));
        Ingest("crm/contacts");
        for (var id = 2; id <= 2_201; id++) _server.Add("contacts", id, T0 + id, ("email", $"c{id}@a.com"), ("createdate", "2024-01-01T00:00:00Z"));

        Ingest("crm/contacts", 1, Connector(searchPerSecond: 5)); // 2,200 results: 11 search pages

        var searches = _server.Requests.Where(r => r.Request == "POST /crm/v3/objects/contacts/search").Select(r => r.At).ToList();
        Assert.Equal(11, searches.Count);
        Assert.True(searches[^1] - searches[0] >= TimeSpan.FromSeconds(1.9), $"11 searches within {(searches[^1] - searches[0]).TotalSeconds:0.00} s");
    }
}

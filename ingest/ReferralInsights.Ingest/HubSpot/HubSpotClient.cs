using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ReferralInsights.Ingest.HubSpot;

/// <summary>How the client retries and paces: HubSpot's documented limits (search: about 5 requests a second per account,
/// 200 results a page, 10,000 results a query). Tests shorten the delays.</summary>
public sealed record HubSpotLimits(TimeSpan RetryDelay, int MaxRetries = 5, double SearchRequestsPerSecond = 5, TimeSpan? AttemptTimeout = null)
{
    public static readonly HubSpotLimits Default = new(TimeSpan.FromSeconds(1));
    public const int SearchPageSize = 200;
    public const int SearchResultCap = 10_000;
    public const int ListPageSize = 100;
    public const int BatchReadSize = 100;
}

/// <summary>HubSpot's CRM API over HTTP with the private-app token as a bearer token. Retries (Microsoft.Extensions.Http.
/// Resilience on Polly): 429 waits for <c>Retry-After</c>, 5xx, 408 and timeouts back off exponentially with jitter, a
/// bounded number of times; 401/403 fail at once naming the token's environment variable, never the token. Search requests
/// start at most <see cref="HubSpotLimits.SearchRequestsPerSecond"/> a second (<see cref="RequestSpacing"/>).</summary>
public sealed class HubSpotClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _token;
    private readonly string _tokenVariable;
    private readonly RequestSpacing _searchSpacing;

    public HubSpotClient(Uri baseUrl, string token, string tokenVariable, HubSpotLimits limits)
    {
        _token = token;
        _tokenVariable = tokenVariable;
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = limits.MaxRetries,
            Delay = limits.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
        };
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(retry)
            .AddTimeout(limits.AttemptTimeout ?? TimeSpan.FromSeconds(60))
            .Build();
        _http = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = baseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _searchSpacing = new RequestSpacing(limits.SearchRequestsPerSecond);
    }

    public Uri BaseUrl => _http.BaseAddress!;

    /// <summary>GET <c>/crm/v3/objects/{type}</c>, every page by <c>after</c>.</summary>
    public IEnumerable<JsonObject> List(string objectType, IReadOnlyList<string> properties, IReadOnlyList<string> associations,
        IReadOnlyList<string> propertiesWithHistory)
    {
        string? after = null;
        do
        {
            var query = new List<string> { $"limit={HubSpotLimits.ListPageSize}", "archived=false" };
            if (properties.Count > 0) query.Add("properties=" + Uri.EscapeDataString(string.Join(',', properties)));
            if (associations.Count > 0) query.Add("associations=" + Uri.EscapeDataString(string.Join(',', associations)));
            if (propertiesWithHistory.Count > 0) query.Add("propertiesWithHistory=" + Uri.EscapeDataString(string.Join(',', propertiesWithHistory)));
            if (after is not null) query.Add("after=" + Uri.EscapeDataString(after));
            var page = Send(HttpMethod.Get, $"/crm/v3/objects/{objectType}?{string.Join('&', query)}", null);
            foreach (var result in Results(page)) yield return result;
            after = NextAfter(page);
        } while (after is not null);
    }

    /// <summary>One page of POST <c>/crm/v3/objects/{type}/search</c>: the results and the total the query matches.</summary>
    public (IReadOnlyList<JsonObject> Results, long Total, string? After) Search(string objectType, JsonArray filters, string sortProperty,
        IReadOnlyList<string> properties, string? after)
    {
        _searchSpacing.WaitForTurn();
        var body = new JsonObject
        {
            ["filterGroups"] = new JsonArray(new JsonObject { ["filters"] = filters }),
            ["sorts"] = new JsonArray(new JsonObject { ["propertyName"] = sortProperty, ["direction"] = "ASCENDING" }),
            ["properties"] = new JsonArray(properties.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
            ["limit"] = HubSpotLimits.SearchPageSize,
        };
        if (after is not null) body["after"] = after;
        var page = Send(HttpMethod.Post, $"/crm/v3/objects/{objectType}/search", body);
        return (Results(page).ToList(), page["total"]?.GetValue<long>() ?? 0, NextAfter(page));
    }

    /// <summary>POST <c>/crm/v3/objects/{type}/batch/read</c> for up to 100 ids.</summary>
    public IReadOnlyList<JsonObject> BatchRead(string objectType, IReadOnlyList<string> ids, IReadOnlyList<string> properties,
        IReadOnlyList<string> propertiesWithHistory)
    {
        var body = new JsonObject
        {
            ["inputs"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["id"] = id }).ToArray()),
            ["properties"] = new JsonArray(properties.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
            ["propertiesWithHistory"] = new JsonArray(propertiesWithHistory.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
        };
        return Results(Send(HttpMethod.Post, $"/crm/v3/objects/{objectType}/batch/read", body)).ToList();
    }

    /// <summary>POST <c>/crm/v4/associations/{from}/{to}/batch/read</c>: the associated ids of each given object.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Associations(string fromType, string toType, IReadOnlyList<string> ids)
    {
        var body = new JsonObject { ["inputs"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["id"] = id }).ToArray()) };
        var page = Send(HttpMethod.Post, $"/crm/v4/associations/{fromType}/{toType}/batch/read", body);
        return Results(page).ToDictionary(
            r => r["from"]?["id"]?.GetValue<string>() ?? "",
            r => (IReadOnlyList<string>)(r["to"]?.AsArray() ?? []).Select(t => IdText(t?["toObjectId"])).Where(t => t is not null).Select(t => t!).ToList());
    }

    private static string? IdText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    private JsonObject Send(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        HttpResponseMessage response;
        try
        {
            response = _http.Send(request);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException)
        {
            throw new IngestException($"HubSpot {method} {path.Split('?')[0]} failed after retries: {Redacted(e.Message)}", BaseUrl.ToString());
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new IngestException($"HubSpot refused the private-app token in ${_tokenVariable} ({(int)response.StatusCode} {response.StatusCode}) " +
                                          $"on {method} {path.Split('?')[0]}: check that the token is current and has the CRM read scopes", BaseUrl.ToString());
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
                throw new IngestException($"HubSpot {method} {path.Split('?')[0]} answered {(int)response.StatusCode} {response.StatusCode}" +
                                          (response.StatusCode == HttpStatusCode.TooManyRequests ? " after retries" : "") + $": {Shorten(Redacted(text))}", BaseUrl.ToString());
            return JsonNode.Parse(text) as JsonObject ?? throw new IngestException($"HubSpot {path.Split('?')[0]}: the answer is not a JSON object");
        }
    }

    /// <summary>An answer or error text with the token taken out: a proxy or gateway may echo request headers, and the
    /// text goes to the log, the manifest and the run history.</summary>
    private string Redacted(string text) => _token.Length == 0 ? text : text.Replace(_token, $"[${_tokenVariable}]", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static IEnumerable<JsonObject> Results(JsonObject page) =>
        (page["results"]?.AsArray() ?? []).OfType<JsonObject>();

    private static string? NextAfter(JsonObject page) => page["paging"]?["next"]?["after"]?.GetValue<string>();

    public void Dispose() => _http.Dispose();
}

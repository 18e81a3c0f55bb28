using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ReferralInsights.Ingest.Tests.HubSpot;

/// <summary>A local HTTP server on 127.0.0.1 speaking HubSpot's documented CRM JSON: v3 list (<c>after</c> paging,
/// <c>associations</c>, <c>propertiesWithHistory</c>), v3 search (filters GT/EQ on hs_lastmodifieddate and hs_object_id,
/// ascending sorts, 200 a page, a 400 past 10,000 results), v3 batch read and v4 association batch read, bearer-token
/// auth (401 otherwise). Faults queued in <see cref="Faults"/> are answered first, one per request.</summary>
public sealed class FakeHubSpot : IDisposable
{
    public const string Token = "pat-na1-test-secret-token";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public sealed class CrmObject
    {
        public required long Id { get; init; }
        public Dictionary<string, string?> Properties { get; init; } = [];
        public Dictionary<string, List<long>> Associations { get; init; } = [];
        public List<(string Value, string Timestamp)> StageHistory { get; init; } = [];
        public long ModifiedMs
        {
            get => long.Parse(Properties["hs_lastmodifieddate"]!, CultureInfo.InvariantCulture);
            set => Properties["hs_lastmodifieddate"] = value.ToString(CultureInfo.InvariantCulture);
        }
    }

    public FakeHubSpot()
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public Uri BaseUrl { get; }
    public ConcurrentDictionary<string, List<CrmObject>> Objects { get; } = new();
    /// <summary>Answers to give before any real one: (status, Retry-After seconds or null).</summary>
    public ConcurrentQueue<(int Status, int? RetryAfter)> Faults { get; } = new();
    /// <summary>Whether fault answers quote the request's Authorization header, as a misconfigured gateway might.</summary>
    public bool EchoesCredentials { get; set; }
    /// <summary>Every request: (method and path, UTC time).</summary>
    public ConcurrentQueue<(string Request, DateTime At)> Requests { get; } = new();

    public CrmObject Add(string type, long id, long modifiedMs, params (string Key, string? Value)[] properties)
    {
        var o = new CrmObject { Id = id, Properties = properties.ToDictionary(p => p.Key, p => p.Value) };
        o.ModifiedMs = modifiedMs;
        Objects.GetOrAdd(type, _ => []).Add(o);
        return o;
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            try { Answer(context); }
            catch (Exception e) { Write(context, 500, new JsonObject { ["message"] = e.Message }); }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue(($"{request.HttpMethod} {path}", DateTime.UtcNow));
        if (request.Headers["Authorization"] != $"Bearer {Token}")
        {
            Write(context, 401, new JsonObject { ["status"] = "error", ["message"] = "Authentication credentials not found.", ["category"] = "INVALID_AUTHENTICATION" });
            return;
        }
        if (Faults.TryDequeue(out var fault))
        {
            if (fault.RetryAfter is { } seconds) context.Response.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
            var echoed = EchoesCredentials ? $" (request had Authorization: {request.Headers["Authorization"]})" : "";
            Write(context, fault.Status, new JsonObject { ["status"] = "error", ["message"] = $"injected {fault.Status}{echoed}" });
            return;
        }
        var body = request.HasEntityBody ? JsonNode.Parse(new StreamReader(request.InputStream).ReadToEnd())!.AsObject() : null;
        var parts = path.Trim('/').Split('/');
        if (parts is ["crm", "v3", "objects", var type] && request.HttpMethod == "GET") Write(context, 200, List(type, request.QueryString));
        else if (parts is ["crm", "v3", "objects", var t2, "search"]) Search(context, t2, body!);
        else if (parts is ["crm", "v3", "objects", var t3, "batch", "read"]) Write(context, 200, BatchRead(t3, body!));
        else if (parts is ["crm", "v4", "associations", var from, var to, "batch", "read"]) Write(context, 200, AssociationsRead(from, to, body!));
        else Write(context, 404, new JsonObject { ["message"] = "not found" });
    }

    private List<CrmObject> Of(string type) => Objects.GetOrAdd(type, _ => []);

    private JsonObject List(string type, System.Collections.Specialized.NameValueCollection query)
    {
        var limit = int.Parse(query["limit"] ?? "10", CultureInfo.InvariantCulture);
        var offset = query["after"] is { } a ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(a)), CultureInfo.InvariantCulture) : 0;
        var properties = (query["properties"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var associations = (query["associations"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var history = (query["propertiesWithHistory"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var all = Of(type).OrderBy(o => o.Id).ToList();
        var page = all.Skip(offset).Take(limit).Select(o => Json(o, properties, history, associations)).ToArray();
        var result = new JsonObject { ["results"] = new JsonArray(page) };
        if (offset + limit < all.Count)
            result["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + limit).ToString(CultureInfo.InvariantCulture))) } };
        return result;
    }

    private void Search(HttpListenerContext context, string type, JsonObject body)
    {
        var limit = body["limit"]!.GetValue<int>();
        var offset = body["after"] is { } a ? int.Parse(a.GetValue<string>(), CultureInfo.InvariantCulture) : 0;
        if (limit > 200 || offset + limit > 10_000)
        {
            Write(context, 400, new JsonObject { ["status"] = "error", ["message"] = "There was a problem with the request.", ["category"] = "VALIDATION_ERROR" });
            return;
        }
        IEnumerable<CrmObject> matching = Of(type);
        foreach (var filter in body["filterGroups"]![0]!["filters"]!.AsArray())
        {
            var (property, op, value) = (filter!["propertyName"]!.GetValue<string>(), filter["operator"]!.GetValue<string>(),
                long.Parse(filter["value"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            Func<CrmObject, long> of = property == "hs_object_id" ? o => o.Id : o => o.ModifiedMs;
            matching = op switch
            {
                "GT" => matching.Where(o => of(o) > value),
                "EQ" => matching.Where(o => of(o) == value),
                _ => throw new InvalidOperationException($"operator {op}"),
            };
        }
        var sort = body["sorts"]![0]!["propertyName"]!.GetValue<string>();
        var sorted = (sort == "hs_object_id" ? matching.OrderBy(o => o.Id) : matching.OrderBy(o => o.ModifiedMs).ThenBy(o => o.Id)).ToList();
        var properties = body["properties"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
        var result = new JsonObject
        {
            ["total"] = sorted.Count,
            ["results"] = new JsonArray(sorted.Skip(offset).Take(limit).Select(o => Json(o, properties, [], [])).ToArray()),
        };
        if (offset + limit < sorted.Count)
            result["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = (offset + limit).ToString(CultureInfo.InvariantCulture) } };
        Write(context, 200, result);
    }

    private JsonObject BatchRead(string type, JsonObject body)
    {
        var ids = body["inputs"]!.AsArray().Select(i => long.Parse(i!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToHashSet();
        var properties = body["properties"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
        var history = body["propertiesWithHistory"]?.AsArray().Select(p => p!.GetValue<string>()).ToArray() ?? [];
        return new JsonObject { ["status"] = "COMPLETE", ["results"] = new JsonArray(Of(type).Where(o => ids.Contains(o.Id)).Select(o => Json(o, properties, history, [])).ToArray()) };
    }

    private JsonObject AssociationsRead(string from, string to, JsonObject body)
    {
        var ids = body["inputs"]!.AsArray().Select(i => long.Parse(i!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToHashSet();
        var results = Of(from).Where(o => ids.Contains(o.Id) && o.Associations.ContainsKey(to)).Select(o => (JsonNode)new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = o.Id.ToString(CultureInfo.InvariantCulture) },
            ["to"] = new JsonArray(o.Associations[to].Select(t => (JsonNode)new JsonObject
                { ["toObjectId"] = t, ["associationTypes"] = new JsonArray() }).ToArray()),
        }).ToArray();
        return new JsonObject { ["status"] = "COMPLETE", ["results"] = new JsonArray(results) };
    }

    private static JsonObject Json(CrmObject o, string[] properties, string[] history, string[] associations)
    {
        var props = new JsonObject { ["hs_object_id"] = o.Id.ToString(CultureInfo.InvariantCulture) };
        foreach (var p in properties)
            props[p] = p == "hs_lastmodifieddate"
                ? DateTimeOffset.FromUnixTimeMilliseconds(o.ModifiedMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
                : o.Properties.GetValueOrDefault(p);
        var json = new JsonObject
        {
            ["id"] = o.Id.ToString(CultureInfo.InvariantCulture),
            ["properties"] = props,
            ["createdAt"] = o.Properties.GetValueOrDefault("createdate") ?? "2024-01-01T00:00:00.000Z",
            ["updatedAt"] = DateTimeOffset.FromUnixTimeMilliseconds(o.ModifiedMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["archived"] = false,
        };
        if (history.Contains("dealstage"))
            json["propertiesWithHistory"] = new JsonObject
            {
                ["dealstage"] = new JsonArray(o.StageHistory.AsEnumerable().Reverse().Select(h => (JsonNode)new JsonObject
                    { ["value"] = h.Value, ["timestamp"] = h.Timestamp, ["sourceType"] = "CRM_UI" }).ToArray()),
            };
        var linked = associations.Where(o.Associations.ContainsKey).ToList();
        if (linked.Count > 0)
            json["associations"] = new JsonObject(linked.Select(a => KeyValuePair.Create(a, (JsonNode?)new JsonObject
            {
                ["results"] = new JsonArray(o.Associations[a].Select(id => (JsonNode)new JsonObject
                    { ["id"] = id.ToString(CultureInfo.InvariantCulture), ["type"] = "association" }).ToArray()),
            })));
        return json;
    }

    private static void Write(HttpListenerContext context, int status, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}

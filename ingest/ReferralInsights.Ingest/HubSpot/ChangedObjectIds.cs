using System.Globalization;
using System.Text.Json.Nodes;

namespace ReferralInsights.Ingest.HubSpot;

/// <summary>The ids of the objects modified after a watermark, found by the search endpoint on <c>hs_lastmodifieddate</c>
/// within HubSpot's limits: a query yields at most 10,000 results (paging past that is a 400), so when a window holds
/// more, the results before its last timestamp are kept and the next query starts at that timestamp; the records at one
/// timestamp are drained by ascending <c>hs_object_id</c>, 10,000 at a time. Every query starts strictly after the
/// previous one's end, so the walk always ends.</summary>
internal static class ChangedObjectIds
{
    private const string Modified = "hs_lastmodifieddate";
    private const string Id = "hs_object_id";

    /// <returns>the ids in the order found, each once</returns>
    public static IReadOnlyList<string> After(HubSpotClient client, string objectType, long afterMs)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cursor = afterMs;
        while (true)
        {
            var filters = new JsonArray(Filter(Modified, "GT", cursor));
            var (results, capped) = Collect(client, objectType, filters, Modified);
            foreach (var (id, _) in results.Where(r => !capped || r.Modified < results[^1].Modified)) Add(id);
            if (!capped) break;
            var burst = results[^1].Modified;
            DrainTimestamp(client, objectType, burst, Add);
            cursor = burst;
        }
        return ids;

        void Add(string id)
        {
            if (seen.Add(id)) ids.Add(id);
        }
    }

    private static void DrainTimestamp(HubSpotClient client, string objectType, long timestamp, Action<string> add)
    {
        long lastId = -1;
        while (true)
        {
            var filters = new JsonArray(Filter(Modified, "EQ", timestamp), Filter(Id, "GT", lastId));
            var (results, capped) = Collect(client, objectType, filters, Id);
            foreach (var (id, _) in results) add(id);
            if (!capped || results.Count == 0) return;
            lastId = long.Parse(results[^1].Id, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Pages one query up to the 10,000-result cap; capped = it matches more than was read.</summary>
    private static (List<(string Id, long Modified)> Results, bool Capped) Collect(HubSpotClient client, string objectType, JsonArray filters,
        string sort)
    {
        var results = new List<(string, long)>();
        string? after = null;
        long total;
        do
        {
            var (page, pageTotal, next) = client.Search(objectType, (JsonArray)filters.DeepClone(), sort, [Modified], after);
            total = pageTotal;
            results.AddRange(page.Select(r => (r["id"]!.GetValue<string>(), ModifiedMs(r))));
            after = next;
        } while (after is not null && results.Count + HubSpotLimits.SearchPageSize <= HubSpotLimits.SearchResultCap);
        return (results, total > results.Count);
    }

    private static JsonObject Filter(string property, string op, long value) =>
        new() { ["propertyName"] = property, ["operator"] = op, ["value"] = value.ToString(CultureInfo.InvariantCulture) };

    public static long ModifiedMs(JsonObject result)
    {
        var text = result["properties"]?[Modified]?.GetValue<string>() ?? result["updatedAt"]?.GetValue<string>()
            ?? throw new IngestException($"HubSpot object {result["id"]} has no {Modified}");
        return ToEpochMs(text);
    }

    public static long ToEpochMs(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
        ? ms
        : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
}

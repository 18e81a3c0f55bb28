using System.Text.Json.Nodes;

namespace ReferralInsights.Ingest.HubSpot;

/// <summary>One CRM object as the list or batch-read endpoints return it: id, properties (text), associated ids by object
/// type, the history of the properties asked for, and the object's JSON (the raw text of its rows).</summary>
public sealed record HubSpotObject(
    string Id,
    IReadOnlyDictionary<string, string?> Properties,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Associations,
    IReadOnlyList<(string Value, string Timestamp)> StageHistory,
    long ModifiedMs,
    string Json)
{
    public string? Property(string name) => Properties.GetValueOrDefault(name);

    public string? FirstAssociated(string objectType) =>
        Associations.TryGetValue(objectType, out var ids) && ids.Count > 0 ? ids[0] : null;

    public static HubSpotObject From(JsonObject result, IReadOnlyDictionary<string, IReadOnlyList<string>>? associations = null)
    {
        var properties = (result["properties"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<string>());
        var inline = (result["associations"] as JsonObject ?? []).ToDictionary(
            a => a.Key,
            a => (IReadOnlyList<string>)(a.Value?["results"]?.AsArray() ?? []).Select(r => r?["id"]?.GetValue<string>()).OfType<string>().ToList());
        var history = (result["propertiesWithHistory"]?["dealstage"]?.AsArray() ?? [])
            .Select(h => (h?["value"]?.GetValue<string>() ?? "", h?["timestamp"]?.GetValue<string>() ?? ""))
            .Where(h => h.Item1 != "" && h.Item2 != "").ToList();
        return new HubSpotObject(result["id"]!.GetValue<string>(), properties, associations ?? inline, history,
            ChangedObjectIds.ModifiedMs(result), result.ToJsonString());
    }
}

using System.Globalization;
using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.HubSpot;

/// <summary>The HubSpot CRM v3 connector (<c>kind: hubspot</c>). A piece is an object type of an entity (deals for
/// opportunities, …). The first read (or a full refresh) lists every object with <c>after</c> paging; later reads find the
/// objects modified after the newest <c>hs_lastmodifieddate</c> landed (<see cref="ChangedObjectIds"/>) and batch-read
/// them with their <c>dealstage</c> history and associations. A row's raw text is the object's JSON; its line is its
/// position in the read.</summary>
public sealed class HubSpotConnector(DuckDBConnection db, HubSpotClient client, HubSpotMapping mapping) : ISourceConnector, IDisposable
{
    // opportunities and opportunity_stages both read deals: one fetch serves both in a run
    private readonly Dictionary<(string Type, string? Watermark), IReadOnlyList<HubSpotObject>> _fetched = [];

    public string Location => client.BaseUrl.ToString();

    public bool KeepsVanishedPieces => false;

    public string DisplayName(string piece) => $"hubspot:{piece}";

    public IReadOnlyList<string> Pieces(ContractEntity entity) => HubSpotMapping.ObjectTypes(entity.Name);

    public PieceRead? Read(ContractEntity entity, string piece, PieceCursor? previous, TextBatch batch)
    {
        var objects = Fetch(piece, previous?.Watermark);
        if (objects.Count == 0 && previous is not null) return null;
        var line = previous?.Lines ?? 0;
        using (var appender = db.CreateAppender(batch.Table))
            foreach (var o in objects)
            foreach (var values in mapping.Rows(entity.Name, piece, o))
            {
                var row = appender.CreateRow();
                foreach (var column in entity.Columns)
                    if (values.GetValueOrDefault(column.Name) is { Length: > 0 } v) row.AppendValue(v); else row.AppendNullValue();
                row.AppendNullValue().AppendValue(DisplayName(piece)).AppendValue((long?)++line).AppendValue(o.Json).AppendNullValue().EndRow();
            }
        var newest = objects.Count == 0 ? previous?.Watermark : Iso(objects.Max(o => o.ModifiedMs));
        return new PieceRead(new PieceCursor { Lines = line, Watermark = newest }, Restarted: false);
    }

    private IReadOnlyList<HubSpotObject> Fetch(string objectType, string? watermark)
    {
        if (_fetched.TryGetValue((objectType, watermark), out var cached)) return cached;
        var properties = mapping.PropertiesOf(objectType);
        var associations = HubSpotMapping.AssociationsOf(objectType);
        var history = HubSpotMapping.HistoryOf(objectType);
        IReadOnlyList<HubSpotObject> objects;
        if (watermark is null)
            objects = client.List(objectType, properties, associations, history).Select(r => HubSpotObject.From(r)).ToList();
        else
        {
            var ids = ChangedObjectIds.After(client, objectType, ChangedObjectIds.ToEpochMs(watermark));
            objects = ids.Chunk(HubSpotLimits.BatchReadSize).SelectMany(chunk => ReadBatch(objectType, chunk, properties, associations, history)).ToList();
        }
        return _fetched[(objectType, watermark)] = objects;
    }

    private IEnumerable<HubSpotObject> ReadBatch(string objectType, IReadOnlyList<string> ids, IReadOnlyList<string> properties,
        IReadOnlyList<string> associations, IReadOnlyList<string> history)
    {
        var linked = associations.ToDictionary(a => a, a => client.Associations(objectType, a, ids));
        var byId = client.BatchRead(objectType, ids, properties, history).ToDictionary(r => r["id"]!.GetValue<string>());
        foreach (var id in ids)
        {
            if (!byId.TryGetValue(id, out var result)) continue; // deleted between the search and the read
            var links = linked.ToDictionary(l => l.Key, l => l.Value.GetValueOrDefault(id) ?? (IReadOnlyList<string>)[]);
            yield return HubSpotObject.From(result, links);
        }
    }

    private static string Iso(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public void Dispose() => client.Dispose();
}

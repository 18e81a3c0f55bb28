using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralInsights.Ingest.Landing;

/// <summary>Where reading a piece of a source (a file, a table, an API object) got to: the connector's cursor.</summary>
public sealed class PieceCursor
{
    /// <summary>What identifies the content read so far (size and hash of a file, of a log's head, …).</summary>
    public string? Fingerprint { get; init; }
    /// <summary>Bytes of a file consumed so far (a growing log continues here).</summary>
    public long Position { get; init; }
    /// <summary>Lines consumed so far (the next read numbers lines from here + 1).</summary>
    public long Lines { get; init; }
    /// <summary>The newest <c>updated_at</c> (or modification time) read so far, as ISO-8601 UTC.</summary>
    public string? Watermark { get; init; }
    /// <summary>A CSV log's header line, for reads that continue past it.</summary>
    public string? Header { get; init; }
}

/// <summary>A piece's cursor and the batches that hold its rows now.</summary>
public sealed class PieceState
{
    public PieceCursor Cursor { get; init; } = new();
    public List<string> Batches { get; init; } = [];
    public List<string> QuarantineBatches { get; init; } = [];
}

/// <summary>The state of one stream (a contract entity of one source), saved only after the rows it covers were landed
/// (Singer's rule). <see cref="Pieces"/> lists the live batches the transform reads; <see cref="Superseded"/> keeps the
/// batches a re-read or a full refresh replaced (still in the raw zone as history, no longer read).</summary>
public sealed class EntityState
{
    public int Generation { get; init; }
    public SortedDictionary<string, PieceState> Pieces { get; init; } = new(StringComparer.Ordinal);
    public List<string> Superseded { get; init; } = [];

    [JsonIgnore]
    public IEnumerable<string> LiveBatches => Pieces.Values.SelectMany(p => p.Batches);

    [JsonIgnore]
    public IEnumerable<string> AllBatches => Pieces.Values.SelectMany(p => p.Batches.Concat(p.QuarantineBatches)).Concat(Superseded);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string FileOf(string stateDir, ContractEntity entity) => Path.Combine(stateDir, entity.Source, entity.Name + ".json");

    public static EntityState? Load(string stateDir, ContractEntity entity)
    {
        var file = FileOf(stateDir, entity);
        return File.Exists(file) ? JsonSerializer.Deserialize<EntityState>(File.ReadAllText(file), Json) : null;
    }

    /// <summary>Written to a temporary file, then renamed over the old one: a crash leaves the old state or the new.</summary>
    public void Save(string stateDir, ContractEntity entity)
    {
        var file = FileOf(stateDir, entity);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file + ".tmp", JsonSerializer.Serialize(this, Json));
        File.Move(file + ".tmp", file, overwrite: true);
    }
}

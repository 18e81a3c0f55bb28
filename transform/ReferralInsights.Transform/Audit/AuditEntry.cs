using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReferralInsights.Transform.Audit;

/// <summary>
/// One entry of the audit log (data-contract.md <c>audit_log</c>): a decision about an entity, the inputs it was made
/// from, and its link in the hash chain. <c>hash</c> = lower-case hex SHA-256 of the UTF-8 bytes of
/// <c>prev_hash</c> followed by the canonical JSON (<see cref="CanonicalJson"/>) of the object
/// <c>{seq, run_id, entity, entity_id, decision, inputs}</c>; the first entry's <c>prev_hash</c> is 64 zeros.
/// On disk an entry is one line: the canonical JSON of all eight fields. The inputs are kept as their canonical JSON
/// text, which is what the hash covers; <see cref="Inputs"/> parses it on demand.
/// </summary>
public sealed record AuditEntry(long Seq, string RunId, string Entity, string EntityId, string Decision, string CanonicalInputs,
    string PrevHash, string Hash)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>A new entry chained after <paramref name="prevHash"/>, its hash computed.</summary>
    public static AuditEntry Create(long seq, string runId, string entity, string entityId, string decision, JsonObject inputs, string prevHash) =>
        FromCanonical(seq, runId, entity, entityId, decision, CanonicalJson.Write(inputs), prevHash);

    /// <summary><see cref="Create"/> for inputs already in canonical JSON (no parsing).</summary>
    internal static AuditEntry FromCanonical(long seq, string runId, string entity, string entityId, string decision, string canonicalInputs,
        string prevHash)
    {
        var entry = new AuditEntry(seq, runId, entity, entityId, decision, canonicalInputs, prevHash, "");
        return entry with { Hash = ComputeHash(prevHash, entry.Body()) };
    }

    /// <summary>The inputs as a JSON object (parsed from <see cref="CanonicalInputs"/> at each call).</summary>
    public JsonObject Inputs => JsonNode.Parse(CanonicalInputs)!.AsObject();

    /// <summary>True when <see cref="Hash"/> is the hash of this entry's content and <see cref="PrevHash"/>.</summary>
    public bool HashMatchesContent => Hash == ComputeHash(PrevHash, Body());

    // Both objects below are written with their keys in canonical (ordinal) order.
    public string ToLine() =>
        $$"""{"decision":{{CanonicalJson.String(Decision)}},"entity":{{CanonicalJson.String(Entity)}},"entity_id":{{CanonicalJson.String(EntityId)}},"hash":{{CanonicalJson.String(Hash)}},"inputs":{{CanonicalInputs}},"prev_hash":{{CanonicalJson.String(PrevHash)}},"run_id":{{CanonicalJson.String(RunId)}},"seq":{{SeqText}}}""";

    /// <summary>What the hash covers: the canonical JSON of {seq, run_id, entity, entity_id, decision, inputs}.</summary>
    private string Body() =>
        $$"""{"decision":{{CanonicalJson.String(Decision)}},"entity":{{CanonicalJson.String(Entity)}},"entity_id":{{CanonicalJson.String(EntityId)}},"inputs":{{CanonicalInputs}},"run_id":{{CanonicalJson.String(RunId)}},"seq":{{SeqText}}}""";

    private string SeqText => Seq.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads a line written by <see cref="ToLine"/>; a line that is not such an entry throws
    /// <see cref="InvalidDataException"/>.</summary>
    public static AuditEntry Parse(string line)
    {
        try
        {
            var o = JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException("not a JSON object");
            return new AuditEntry(
                o["seq"]!.GetValue<long>(), Text(o, "run_id"), Text(o, "entity"), Text(o, "entity_id"), Text(o, "decision"),
                CanonicalJson.Write(o["inputs"] as JsonObject ?? throw new InvalidDataException("inputs is not an object")),
                Text(o, "prev_hash"), Text(o, "hash"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidDataException($"not an audit entry: {e.Message}", e);
        }
    }

    private static string Text(JsonObject o, string key) =>
        o[key]?.GetValue<string>() ?? throw new InvalidDataException($"{key} is missing");

    private static string ComputeHash(string prevHash, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prevHash + body)));
}

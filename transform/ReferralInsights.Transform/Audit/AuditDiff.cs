using System.Text;
using System.Text.Json.Nodes;

namespace ReferralInsights.Transform.Audit;

/// <summary>A decision that differs between two points of the log: <see cref="Before"/> or <see cref="After"/> is null
/// when the entity had no decision yet.</summary>
public sealed record AuditChange(string Entity, string EntityId, AuditValue? Before, AuditValue? After)
{
    /// <summary>e.g. <c>reward commission:O1:P1: payable 500.00 → withheld 500.00 (disputed)</c>, plus the inputs that
    /// changed (<c>; tier: "Silver" → "Gold"</c>) when both sides are decisions.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"{Entity} {EntityId}: {Before?.Decision ?? "(none)"} → {After?.Decision ?? "(none)"}");
        if (!IsDecided(Before) || !IsDecided(After)) return text.ToString();
        var before = JsonNode.Parse(Before!.Inputs)!.AsObject();
        var after = JsonNode.Parse(After!.Inputs)!.AsObject();
        foreach (var key in before.Select(p => p.Key).Union(after.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            var was = CanonicalJson.Write(before[key]);
            var now = CanonicalJson.Write(after[key]);
            if (was != now) text.Append($"; {key}: {was} → {now}");
        }
        return text.ToString();
    }

    private static bool IsDecided(AuditValue? value) => value is not null && value.Decision != AuditState.Withdrawn;
}

/// <summary><c>audit diff</c>: what changed in the log's decisions between two runs (each run's state = every entry up
/// to its run entry).</summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditChange> Between(AuditLog log, string fromRun, string toRun)
    {
        var entries = log.Read().ToList();
        var from = AuditState.Fold(entries, RunSeq(entries, fromRun));
        var to = AuditState.Fold(entries, RunSeq(entries, toRun));
        var keys = from.All.Select(v => (v.Entity, v.EntityId)).Union(to.All.Select(v => (v.Entity, v.EntityId)));
        return keys
            .Select(k => new AuditChange(k.Entity, k.EntityId, from.Get(k.Entity, k.EntityId), to.Get(k.Entity, k.EntityId)))
            .Where(c => c.Before?.Decision != c.After?.Decision || c.Before?.Inputs != c.After?.Inputs)
            .OrderBy(c => c.Entity, StringComparer.Ordinal).ThenBy(c => c.EntityId, StringComparer.Ordinal)
            .ToList();
    }

    private static long RunSeq(IEnumerable<AuditEntry> entries, string runId) =>
        entries.LastOrDefault(e => e.Entity == AuditState.RunEntity && e.EntityId == runId)?.Seq
        ?? throw new ArgumentException($"run {runId} has no entry in the audit log (it did not publish, or it is not this output's run)");
}

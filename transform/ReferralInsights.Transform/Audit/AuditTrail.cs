using System.Text.Json.Nodes;

namespace ReferralInsights.Transform.Audit;

/// <summary>
/// What a run adds to the audit log, prepared before it publishes and appended only after it did
/// (<see cref="AuditLog.Append"/>): for each decision that is new, its entry; for each decision whose value or inputs
/// differ from what the log last recorded, a <see cref="AuditState.Restated"/> entry with the old and the new value
/// (a decision no longer published is restated to <see cref="AuditState.Withdrawn"/>); unchanged decisions add
/// nothing. Then one run entry (entity <c>run</c>, decision <c>published</c>) closes the run's entries, so an
/// unchanged rerun appends exactly one entry. Entries are in (entity, entity_id) order.
/// </summary>
public static class AuditTrail
{
    public const string Published = "published";

    /// <param name="runInputs">What identifies the run (as-of, config hash); the counts of new, restated and withdrawn
    /// decisions are added.</param>
    public static IReadOnlyList<AuditEntry> Prepare(AuditLog log, IEnumerable<AuditDecision> decisions, string runId, JsonObject runInputs)
    {
        var state = new AuditState();
        var verification = log.Verify(onEntry: state.Apply);
        if (!verification.Intact)
            throw new InvalidDataException(
                $"audit log {log.Path} is broken at seq {verification.BrokenSeq}: {verification.Problem}. Nothing was published; " +
                "run `referral-insights audit verify` and restore the log before running again");

        var changes = new List<(string Entity, string EntityId, string Decision, JsonObject Inputs)>();
        var current = new HashSet<(string, string)>();
        int added = 0, restated = 0, withdrawn = 0, count = 0;
        foreach (var d in decisions)
        {
            count++;
            current.Add((d.Entity, d.EntityId));
            var old = state.Get(d.Entity, d.EntityId);
            if (old is null)
            {
                changes.Add((d.Entity, d.EntityId, d.Decision, d.Inputs));
                added++;
            }
            else if (!old.SameAs(d.Decision, d.Inputs))
            {
                changes.Add((d.Entity, d.EntityId, AuditState.Restated, Restatement(old, d.Decision, d.Inputs)));
                restated++;
            }
        }
        foreach (var (entity, entityId, old) in state.All)
        {
            if (current.Contains((entity, entityId)) || old.Decision == AuditState.Withdrawn) continue;
            changes.Add((entity, entityId, AuditState.Restated, Restatement(old, AuditState.Withdrawn, [])));
            withdrawn++;
        }

        var run = (JsonObject)runInputs.DeepClone();
        run["decisions"] = count;
        run["new"] = added;
        run["restated"] = restated;
        run["withdrawn"] = withdrawn;
        var (seq, hash) = log.Head();
        var entries = new List<AuditEntry>(changes.Count + 1);
        foreach (var c in changes.OrderBy(c => c.Entity, StringComparer.Ordinal).ThenBy(c => c.EntityId, StringComparer.Ordinal))
            entries.Add(Chain(entries, seq, hash, runId, c.Entity, c.EntityId, c.Decision, c.Inputs));
        entries.Add(Chain(entries, seq, hash, runId, AuditState.RunEntity, runId, Published, run));
        return entries;
    }

    private static AuditEntry Chain(List<AuditEntry> entries, long headSeq, string headHash, string runId, string entity, string entityId,
        string decision, JsonObject inputs) =>
        AuditEntry.Create(headSeq + entries.Count + 1, runId, entity, entityId, decision, inputs,
            entries.Count == 0 ? headHash : entries[^1].Hash);

    private static JsonObject Restatement(AuditValue old, string decision, JsonObject inputs) => new()
    {
        ["old"] = new JsonObject { ["seq"] = old.Seq, ["decision"] = old.Decision, ["inputs"] = JsonNode.Parse(old.Inputs) },
        ["new"] = new JsonObject { ["decision"] = decision, ["inputs"] = inputs.DeepClone() },
    };
}

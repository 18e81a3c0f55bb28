using System.Text.Json.Nodes;

namespace ReferralInsights.Transform.Audit;

/// <summary>An entity's decision as the log last recorded it: the entry's seq, the decision and its inputs (canonical
/// JSON). A decision withdrawn from the published results reads <see cref="AuditState.Withdrawn"/>.</summary>
public sealed record AuditValue(long Seq, string Decision, string Inputs)
{
    public bool SameAs(string decision, JsonObject inputs) => Decision == decision && Inputs == CanonicalJson.Write(inputs);
}

/// <summary>
/// The latest decision of every entity according to the log, up to some seq. A first decision is recorded as is; a
/// later change is a <see cref="Restated"/> entry whose inputs hold <c>old</c> (seq, decision, inputs) and <c>new</c>
/// (decision, inputs); a decision no longer published is restated to <see cref="Withdrawn"/>. Run entries
/// (<see cref="RunEntity"/>) are not decisions.
/// </summary>
internal sealed class AuditState
{
    public const string Restated = "restated";
    public const string Withdrawn = "withdrawn";
    public const string RunEntity = "run";

    private readonly Dictionary<(string Entity, string EntityId), AuditValue> _values = [];

    public static AuditState Fold(IEnumerable<AuditEntry> entries, long throughSeq = long.MaxValue)
    {
        var state = new AuditState();
        foreach (var e in entries.TakeWhile(e => e.Seq <= throughSeq)) state.Apply(e);
        return state;
    }

    /// <summary>Takes the next entry of the log into account.</summary>
    public void Apply(AuditEntry e)
    {
        if (ValueOf(e) is { } value) _values[(e.Entity, e.EntityId)] = value;
    }

    /// <summary>The decision an entry records for its entity (the new value of a restatement); null for a run entry.</summary>
    public static AuditValue? ValueOf(AuditEntry e)
    {
        if (e.Entity == RunEntity) return null;
        if (e.Decision != Restated) return new AuditValue(e.Seq, e.Decision, e.CanonicalInputs);
        var restated = e.Inputs["new"]!;
        return new AuditValue(e.Seq, restated["decision"]!.GetValue<string>(), CanonicalJson.Write(restated["inputs"]));
    }

    public AuditValue? Get(string entity, string entityId) => _values.GetValueOrDefault((entity, entityId));

    /// <summary>Every entity the log knows, withdrawn ones included.</summary>
    public IEnumerable<(string Entity, string EntityId, AuditValue Value)> All =>
        _values.Select(kv => (kv.Key.Entity, kv.Key.EntityId, kv.Value));
}

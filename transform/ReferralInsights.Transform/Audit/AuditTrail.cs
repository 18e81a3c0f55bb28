using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;

namespace ReferralInsights.Transform.Audit;

/// <summary>
/// What a run adds to the audit log, prepared before it publishes and appended only after it did
/// (<see cref="AuditLog.Append(PreparedAudit)"/>): for each decision that is new, its entry; for each decision whose value or
/// inputs differ from what the log last recorded, a <see cref="AuditState.Restated"/> entry with the old and the new value
/// (a decision no longer published is restated to <see cref="AuditState.Withdrawn"/>); unchanged decisions add
/// nothing. Then one run entry (entity <c>run</c>, decision <c>published</c>) closes the run's entries, so an
/// unchanged rerun appends exactly one entry. Entries are in (entity, entity_id) order, compared as UTF-8 bytes.
/// <para>
/// The comparison runs in DuckDB against the checkpointed state (<see cref="AuditCheckpoint"/>) and streams: a decision
/// whose decision text and inputs text equal the state's is settled by a join, only the others are brought into C# to
/// put their inputs in canonical form, and each entry is written to the pending file as it is made.
/// </para>
/// </summary>
public static class AuditTrail
{
    public const string Published = "published";

    private const string New = "new", Changed = "restated", Withdrawn = "withdrawn", Refreshed = "refreshed";

    /// <summary>The inputs of a withdrawal's new value.</summary>
    private const string NoInputs = "{}";

    /// <param name="db">an empty in-memory DuckDB session for the comparison (its tables are named audit_*)</param>
    /// <param name="decisionsFile">the build's decisions (<see cref="AuditDecisions.Export"/>)</param>
    /// <param name="runInputs">What identifies the run (as-of, config hash); the counts of new, restated and withdrawn
    /// decisions are added.</param>
    /// <param name="pendingFile">where the entries are written, one line each, flushed to disk</param>
    public static PreparedAudit Prepare(DuckDBConnection db, AuditLog log, string decisionsFile, string runId, JsonObject runInputs,
        string pendingFile)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(log);
        var checkpoint = AuditCheckpoint.Load(log);
        var (scan, tailEntries) = ReadState(db, log, checkpoint);
        var head = scan.Verification.Entries;
        Warehouse.Execute(db, $"""
            CREATE VIEW audit_decisions AS
                SELECT entity, entity_id, decision, inputs AS source_inputs FROM read_parquet({Literal(decisionsFile)});
            CREATE TABLE audit_changes (entity VARCHAR, entity_id VARCHAR, kind VARCHAR, decision VARCHAR, inputs VARCHAR, source_inputs VARCHAR);
            """);
        CompareChanged(db);
        Warehouse.Execute(db, $"""
            INSERT INTO audit_changes
                SELECT s.entity, s.entity_id, '{Withdrawn}', '{AuditState.Withdrawn}', '{NoInputs}', NULL
                FROM audit_state AS s ANTI JOIN audit_decisions AS d USING (entity, entity_id)
                WHERE s.decision <> '{AuditState.Withdrawn}';
            CREATE TABLE audit_logged AS
                SELECT c.entity, c.entity_id, c.kind, c.decision, c.inputs,
                       s.seq AS old_seq, s.decision AS old_decision, s.inputs AS old_inputs,
                       {head} + row_number() OVER (ORDER BY c.entity, c.entity_id) AS seq
                FROM audit_changes AS c LEFT JOIN audit_state AS s USING (entity, entity_id)
                WHERE c.kind <> '{Refreshed}';
            """);
        // the checkpoint's state still holds when the log had nothing after it and nothing changed
        var keepsState = checkpoint is not null && scan.Resumed && tailEntries == 0 &&
                         Warehouse.Scalar<long>(db, "SELECT count(*) FROM audit_changes") == 0;
        var stateFile = keepsState ? checkpoint!.StatePath(log) : AuditCheckpoint.StateFileFor(log, runId);
        if (!keepsState) WriteState(db, stateFile);

        var run = (JsonObject)runInputs.DeepClone();
        run["decisions"] = Warehouse.Scalar<long>(db, "SELECT count(*) FROM audit_decisions");
        foreach (var kind in (string[])[New, Changed, Withdrawn])
            run[kind] = Warehouse.Scalar<long>(db, $"SELECT count(*) FROM audit_logged WHERE kind = '{kind}'");
        var (firstLine, runEntry) = WriteEntries(db, (head, scan.HeadHash), runId, run, pendingFile);
        var folded = head - (scan.Resumed ? checkpoint!.Seq : 0);
        return new PreparedAudit(pendingFile, head + 1, scan.HeadHash, runEntry, firstLine, scan.Resumed, folded, scan.Bytes,
            scan.LogHash, stateFile);
    }

    /// <summary>Makes <c>audit_state</c> the latest value of every entity: the checkpoint's state with the entries the log has
    /// after it, or the whole log folded when the checkpoint does not describe the log.</summary>
    /// <returns>the scan, and how many of the entries it parsed are decisions (now in audit_tail)</returns>
    private static (AuditScan Scan, long TailEntries) ReadState(DuckDBConnection db, AuditLog log, AuditCheckpoint? checkpoint)
    {
        Warehouse.Execute(db, "CREATE TABLE audit_tail (entity VARCHAR, entity_id VARCHAR, seq BIGINT, decision VARCHAR, inputs VARCHAR)");
        long tail = 0;
        AuditScan scan;
        using (var appender = db.CreateAppender("audit_tail"))
        {
            scan = log.Scan(checkpoint, entry =>
            {
                if (AuditState.ValueOf(entry) is not { } value) return;
                appender.CreateRow().AppendValue(entry.Entity).AppendValue(entry.EntityId).AppendValue(value.Seq)
                    .AppendValue(value.Decision).AppendValue(value.Inputs).EndRow();
                tail++;
            });
        }
        if (!scan.Verification.Intact)
        {
            scan.LogHash.Dispose();
            throw new InvalidDataException(
                $"audit log {log.Path} is broken at seq {scan.Verification.BrokenSeq}: {scan.Verification.Problem}. Nothing was published; " +
                "run `referral-insights audit verify` and restore the log before running again");
        }
        var fromCheckpoint = scan.Resumed ? $"SELECT entity, entity_id, seq, decision, inputs, source_inputs FROM read_parquet({Literal(checkpoint!.StatePath(log))})" : null;
        Warehouse.Execute(db, fromCheckpoint is not null && tail == 0
            ? $"CREATE VIEW audit_state AS {fromCheckpoint}"
            : $"""
              CREATE TABLE audit_state AS
                  SELECT entity, entity_id, seq, decision, inputs, source_inputs FROM (
                      {(fromCheckpoint is null ? "" : fromCheckpoint + " UNION ALL")}
                      SELECT entity, entity_id, seq, decision, inputs, NULL::VARCHAR AS source_inputs FROM audit_tail)
                  QUALIFY row_number() OVER (PARTITION BY entity, entity_id ORDER BY seq DESC) = 1
              """);
        return (scan, tail);
    }

    /// <summary>Every decision not settled by text (new, or its decision or inputs text differs from the state's) gets its
    /// inputs in canonical form (a batch at a time, on every core) and becomes a change: new, restated, or refreshed (the same canonical inputs written
    /// differently: no entry, the state keeps the new text).</summary>
    private static void CompareChanged(DuckDBConnection db)
    {
        using var writer = db.Duplicate();
        writer.Open();
        using var appender = writer.CreateAppender("audit_changes");
        using var command = db.CreateCommand();
        command.CommandText = """
            SELECT d.entity, d.entity_id, d.decision, d.source_inputs, s.decision AS old_decision, s.inputs AS old_inputs
            FROM audit_decisions AS d LEFT JOIN audit_state AS s USING (entity, entity_id)
            WHERE s.seq IS NULL OR d.decision IS DISTINCT FROM s.decision OR d.source_inputs IS DISTINCT FROM s.source_inputs
            """;
        using var reader = command.ExecuteReader();
        var batch = new List<Candidate>(CompareBatch);
        while (true)
        {
            batch.Clear();
            while (batch.Count < CompareBatch && reader.Read())
                batch.Add(new Candidate(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(4) ? null : reader.GetString(5)));
            if (batch.Count == 0) break;
            var inputs = new string[batch.Count];
            Parallel.For(0, batch.Count, i => inputs[i] = CanonicalJson.FromText(batch[i].SourceInputs));
            for (var i = 0; i < batch.Count; i++)
            {
                var c = batch[i];
                var kind = c.OldDecision is null ? New : c.Decision == c.OldDecision && inputs[i] == c.OldInputs ? Refreshed : Changed;
                appender.CreateRow().AppendValue(c.Entity).AppendValue(c.EntityId).AppendValue(kind)
                    .AppendValue(c.Decision).AppendValue(inputs[i]).AppendValue(c.SourceInputs).EndRow();
            }
        }
    }

    private const int CompareBatch = 8192;

    private sealed record Candidate(string Entity, string EntityId, string Decision, string SourceInputs, string? OldDecision, string? OldInputs);

    /// <summary>The state the run's entries lead to, sorted by entity and entity_id: the state with every change applied.</summary>
    private static void WriteState(DuckDBConnection db, string stateFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(stateFile))!);
        Warehouse.Execute(db, $"""
            COPY (
                SELECT coalesce(c.entity, s.entity) AS entity, coalesce(c.entity_id, s.entity_id) AS entity_id,
                       coalesce(l.seq, s.seq) AS seq, coalesce(c.decision, s.decision) AS decision, coalesce(c.inputs, s.inputs) AS inputs,
                       CASE WHEN c.entity IS NULL THEN s.source_inputs ELSE c.source_inputs END AS source_inputs
                FROM audit_state AS s
                FULL JOIN audit_changes AS c ON c.entity = s.entity AND c.entity_id = s.entity_id
                LEFT JOIN audit_logged AS l ON l.entity = c.entity AND l.entity_id = c.entity_id
                ORDER BY 1, 2
            ) TO {Literal(stateFile)} (FORMAT parquet)
            """);
        // on disk before the checkpoint that names it can be saved (DuckDB's COPY does not sync)
        using var written = new FileStream(stateFile, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        written.Flush(flushToDisk: true);
    }

    /// <summary>Writes the logged changes in seq order, then the run entry, to the pending file, each chained to the one
    /// before; returns the first line and the run entry.</summary>
    private static (string FirstLine, AuditEntry Run) WriteEntries(DuckDBConnection db, (long Seq, string Hash) head, string runId, JsonObject run,
        string pendingFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pendingFile))!);
        using var stream = new FileStream(pendingFile, FileMode.Create, FileAccess.Write, FileShare.None);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        using var command = db.CreateCommand();
        command.CommandText = "SELECT seq, entity, entity_id, kind, decision, inputs, old_seq, old_decision, old_inputs FROM audit_logged ORDER BY seq";
        var previous = head.Hash;
        string? firstLine = null;
        long written = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var (kind, decision, inputs) = (reader.GetString(3), reader.GetString(4), reader.GetString(5));
                var entry = kind == New
                    ? AuditEntry.FromCanonical(reader.GetInt64(0), runId, reader.GetString(1), reader.GetString(2), decision, inputs, previous)
                    : AuditEntry.FromCanonical(reader.GetInt64(0), runId, reader.GetString(1), reader.GetString(2), AuditState.Restated,
                        Restatement(reader.GetInt64(6), reader.GetString(7), reader.GetString(8), decision, inputs), previous);
                Write(entry);
            }
        }
        var runEntry = AuditEntry.Create(head.Seq + 1 + written, runId, AuditState.RunEntity, runId, Published, run, previous);
        Write(runEntry);
        writer.Flush();
        stream.Flush(flushToDisk: true);
        return (firstLine!, runEntry);

        void Write(AuditEntry entry)
        {
            var line = entry.ToLine();
            firstLine ??= line;
            writer.Write(line);
            writer.Write('\n');
            previous = entry.Hash;
            written++;
        }
    }

    /// <summary>A restatement's inputs in canonical JSON: {"new": {decision, inputs}, "old": {decision, inputs, seq}}.</summary>
    private static string Restatement(long oldSeq, string oldDecision, string oldInputs, string decision, string inputs) =>
        $$$"""{"new":{"decision":{{{CanonicalJson.String(decision)}}},"inputs":{{{inputs}}}},"old":{"decision":{{{CanonicalJson.String(oldDecision)}}},"inputs":{{{oldInputs}}},"seq":{{{oldSeq.ToString(CultureInfo.InvariantCulture)}}}}}""";

    private static string Literal(string path) => "'" + Path.GetFullPath(path).Replace("'", "''") + "'";
}

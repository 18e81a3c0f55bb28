using System.Text.Json;

namespace ReferralInsights.Transform.Audit;

/// <summary>
/// The latest decision of every entity as of one position of the log, kept beside it (<c>audit_state.json</c> and the
/// Parquet file it names, sorted by entity and entity_id), so that a run reads the state instead of parsing the whole
/// log. It holds only for the log it was made from: <see cref="LogBytes"/> bytes whose SHA-256 is <see cref="LogSha256"/>,
/// ending with entry <see cref="Seq"/> whose hash is <see cref="Hash"/>. A run hashes that prefix (a byte pass, no
/// parsing), folds the entries after it, and falls back to folding the whole log when the prefix differs or a file is
/// missing. The state's <c>source_inputs</c> is the decision's inputs as the transform wrote them, so a rerun finds its
/// unchanged decisions by comparing text in DuckDB.
/// </summary>
internal sealed record AuditCheckpoint(long LogBytes, string LogSha256, long Seq, string Hash, string StateFile)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static string Folder(AuditLog log) => Path.GetDirectoryName(Path.GetFullPath(log.Path))!;

    private static string MetaFile(AuditLog log) => Path.Combine(Folder(log), "audit_state.json");

    /// <summary>Where a run writes the state its entries lead to.</summary>
    public static string StateFileFor(AuditLog log, string runId) => Path.Combine(Folder(log), $"audit_state-{runId}.parquet");

    /// <summary>The checkpoint beside the log, or null when there is none, it cannot be read, or its state file is gone.</summary>
    public static AuditCheckpoint? Load(AuditLog log)
    {
        var meta = MetaFile(log);
        if (!File.Exists(meta)) return null;
        try
        {
            var checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(File.ReadAllText(meta), Json);
            return checkpoint is { StateFile: not null, LogSha256: not null, Hash: not null } && File.Exists(checkpoint.StatePath(log))
                ? checkpoint
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string StatePath(AuditLog log) => Path.Combine(Folder(log), StateFile);

    /// <summary>Replaces the checkpoint in one rename, then removes every other state file (those of runs that never
    /// appended included).</summary>
    public void Save(AuditLog log)
    {
        var meta = MetaFile(log);
        var temp = meta + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, meta, overwrite: true);
        foreach (var state in Directory.EnumerateFiles(Folder(log), "audit_state-*.parquet"))
            if (Path.GetFileName(state) != StateFile) File.Delete(state);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace ReferralInsights.Transform.Audit;

/// <summary>The position a run recorded for the end of the chain after it appended (its manifest keeps it), so that
/// deleting the log's last entries is detected too.</summary>
public sealed record AuditHead(long Seq, string Hash, string RecordedBy);

/// <summary>The outcome of <see cref="AuditLog.Verify"/>: intact with <see cref="Entries"/> entries, or broken at
/// <see cref="BrokenSeq"/> (the first sequence number whose entry is missing, altered or mis-linked).</summary>
public sealed record AuditVerification(long Entries, long? BrokenSeq, string? Problem)
{
    public bool Intact => BrokenSeq is null;
}

/// <summary>What <see cref="AuditLog.Scan"/> read: whether it resumed from the checkpoint, the chain's verification and
/// head hash, the log's length and the hash of all its bytes.</summary>
internal sealed record AuditScan(bool Resumed, AuditVerification Verification, string HeadHash, long Bytes, IncrementalHash LogHash);

/// <summary>
/// The append-only audit log: a file of <see cref="AuditEntry"/> lines (NDJSON), one hash chain from seq 1. It lives
/// outside the zones a run replaces, so it survives every run; only a run that published appends to it.
/// </summary>
public sealed class AuditLog(string path)
{
    public string Path { get; } = path;

    public bool Exists => File.Exists(Path);

    /// <summary>Every entry in file order. A line that is not an entry throws <see cref="InvalidDataException"/>:
    /// read a log through <see cref="Verify"/> first.</summary>
    public IEnumerable<AuditEntry> Read()
    {
        if (!Exists) yield break;
        foreach (var line in File.ReadLines(Path, Encoding.UTF8))
            yield return AuditEntry.Parse(line);
    }

    /// <summary>
    /// Checks the chain: seq runs 1, 2, 3 … without gaps, each <c>prev_hash</c> is the previous entry's hash (64 zeros
    /// for the first), each <c>hash</c> is the hash of its own content, and each recorded head is still in the chain.
    /// </summary>
    public AuditVerification Verify(IEnumerable<AuditHead>? recordedHeads = null)
    {
        var heads = (recordedHeads ?? []).ToLookup(h => h.Seq);
        var verification = new AuditVerification(0, null, null);
        if (Exists)
        {
            using var reader = new StreamReader(Path, Encoding.UTF8);
            (verification, _) = Walk(reader, 0, AuditEntry.GenesisHash, heads, onEntry: null);
            if (!verification.Intact) return verification;
        }
        var entries = verification.Entries;
        var beyond = heads.Where(h => h.Key > entries).OrderBy(h => h.Key).LastOrDefault()?.First();
        return beyond is null
            ? verification
            : Broken(entries, entries + 1,
                $"entries from seq {entries + 1} on are missing: {beyond.RecordedBy} recorded the chain up to seq {beyond.Seq}");
    }

    /// <summary>
    /// A run's read of the log: when <paramref name="checkpoint"/> still describes the log's first bytes (their SHA-256
    /// matches), only the entries after it are parsed and verified, continuing its chain; otherwise the whole log is.
    /// Every byte goes into the returned hash, for the checkpoint the run saves after appending.
    /// </summary>
    internal AuditScan Scan(AuditCheckpoint? checkpoint, Action<AuditEntry> onEntry)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (!Exists) return new AuditScan(false, new AuditVerification(0, null, null), AuditEntry.GenesisHash, 0, hash);
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
        var resumes = checkpoint is not null && stream.Length >= checkpoint.LogBytes && PrefixMatches(stream, checkpoint, hash);
        if (!resumes)
        {
            hash.Dispose();
            hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            stream.Position = 0;
        }
        using var reader = new StreamReader(new HashingReadStream(stream, hash), new UTF8Encoding(false), false, 1 << 16);
        var (verification, head) = resumes
            ? Walk(reader, checkpoint!.Seq, checkpoint.Hash, NoHeads, onEntry)
            : Walk(reader, 0, AuditEntry.GenesisHash, NoHeads, onEntry);
        return new AuditScan(resumes, verification, head, stream.Length, hash);
    }

    private static readonly ILookup<long, AuditHead> NoHeads = Array.Empty<AuditHead>().ToLookup(h => h.Seq);

    private static bool PrefixMatches(FileStream stream, AuditCheckpoint checkpoint, IncrementalHash hash)
    {
        var buffer = new byte[1 << 20];
        for (var left = checkpoint.LogBytes; left > 0;)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) return false;
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        return Convert.ToHexStringLower(hash.GetCurrentHash()) == checkpoint.LogSha256;
    }

    /// <summary>Checks the lines of <paramref name="reader"/> as the entries after seq <paramref name="entries"/> (whose
    /// hash is <paramref name="previous"/>); returns the verification and the hash of the last intact entry.</summary>
    private static (AuditVerification, string Head) Walk(TextReader reader, long entries, string previous, ILookup<long, AuditHead> heads,
        Action<AuditEntry>? onEntry)
    {
        var lineNumber = entries;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var seq = entries + 1;
            AuditEntry entry;
            try
            {
                entry = AuditEntry.Parse(line);
            }
            catch (InvalidDataException e)
            {
                return (Broken(entries, seq, $"line {lineNumber} is not an audit entry ({e.Message})"), previous);
            }
            if (entry.Seq != seq)
                return (Broken(entries, seq, $"entry seq {seq} is missing: line {lineNumber} holds seq {entry.Seq}"), previous);
            if (entry.PrevHash != previous)
                return (Broken(entries, seq, $"prev_hash of seq {seq} is not the hash of seq {seq - 1}"), previous);
            if (!entry.HashMatchesContent)
                return (Broken(entries, seq, $"seq {seq} was altered: its hash does not match its content"), previous);
            if (heads[seq].FirstOrDefault(h => h.Hash != entry.Hash) is { } rewritten)
                return (Broken(entries, seq, $"seq {seq} differs from the entry {rewritten.RecordedBy} recorded"), previous);
            entries = seq;
            previous = entry.Hash;
            onEntry?.Invoke(entry);
        }
        return (new AuditVerification(entries, null, null), previous);
    }

    /// <summary>The last entry's seq and hash (0 and the genesis hash for an empty log), read from the end of the file.</summary>
    public (long Seq, string Hash) Head()
    {
        if (!Exists) return (0, AuditEntry.GenesisHash);
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var end = stream.Length;
        while (end > 0 && ByteAt(stream, end - 1) == '\n') end--;
        if (end == 0) return (0, AuditEntry.GenesisHash);
        var start = end;
        while (start > 0 && ByteAt(stream, start - 1) != '\n') start--;
        var bytes = new byte[end - start];
        stream.Position = start;
        stream.ReadExactly(bytes);
        var last = AuditEntry.Parse(Encoding.UTF8.GetString(bytes));
        return (last.Seq, last.Hash);
    }

    /// <summary>The log as a DuckDB table expression with the columns of data-contract.md's <c>audit_log</c>
    /// (inputs as JSON text), for <c>referral-insights query</c>.</summary>
    public string TableSql => $$"""
        SELECT seq, run_id, entity, entity_id, decision, CAST(inputs AS VARCHAR) AS inputs, prev_hash, hash
        FROM read_json('{{System.IO.Path.GetFullPath(Path).Replace("'", "''")}}', format = 'newline_delimited',
            columns = {seq: 'BIGINT', run_id: 'VARCHAR', entity: 'VARCHAR', entity_id: 'VARCHAR', decision: 'VARCHAR',
                       inputs: 'JSON', prev_hash: 'VARCHAR', hash: 'VARCHAR'})
        """;

    private static int ByteAt(FileStream stream, long position)
    {
        stream.Position = position;
        return stream.ReadByte();
    }

    /// <summary>Appends entries that continue the chain at its current head (in one write, flushed to disk); entries
    /// prepared against another head (the log moved meanwhile) throw and nothing is written.</summary>
    public void Append(IReadOnlyList<AuditEntry> entries)
    {
        if (entries.Count == 0) return;
        var (seq, hash) = Head();
        if (entries[0].Seq != seq + 1 || entries[0].PrevHash != hash)
            throw new InvalidDataException($"audit log {Path} moved to seq {seq} while this run prepared entries from seq {entries[0].Seq}");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var text = new StringBuilder();
        foreach (var entry in entries) text.Append(entry.ToLine()).Append('\n');
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Appends a prepared run's entries (its pending file, copied byte for byte and flushed to disk) when the log
    /// is still exactly as the run read it; otherwise throws and writes nothing. Then saves the checkpoint for the log as
    /// it now is; a failure there leaves the log appended and is returned (the next run folds the entries after the older
    /// checkpoint instead).</summary>
    public string? Append(PreparedAudit prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var (seq, hash) = Head();
        var bytes = Exists ? new FileInfo(Path).Length : 0;
        if (prepared.FirstSeq != seq + 1 || prepared.PrevHash != hash || bytes != prepared.LogBytes)
            throw new InvalidDataException($"audit log {Path} moved to seq {seq} while this run prepared entries from seq {prepared.FirstSeq}");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        using (var log = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read))
        using (var pending = new FileStream(prepared.PendingFile, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = pending.Read(buffer)) > 0)
            {
                log.Write(buffer, 0, read);
                prepared.LogHash.AppendData(buffer, 0, read);
                bytes += read;
            }
            log.Flush(flushToDisk: true);
        }
        try
        {
            new AuditCheckpoint(bytes, Convert.ToHexStringLower(prepared.LogHash.GetHashAndReset()), prepared.LastSeq, prepared.LastHash,
                System.IO.Path.GetFileName(prepared.StateFile)).Save(this);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the audit state checkpoint beside {Path} was not saved ({e.Message}); the next run reads the entries after the previous one";
        }
    }

    private static AuditVerification Broken(long entries, long seq, string problem) => new(entries, seq, problem);
}

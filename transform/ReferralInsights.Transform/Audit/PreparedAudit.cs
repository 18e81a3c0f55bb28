using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ReferralInsights.Transform.Audit;

/// <summary>
/// A run's audit entries, prepared before it publishes (<see cref="AuditTrail.Prepare"/>): written to
/// <see cref="PendingFile"/> (seq <see cref="FirstSeq"/>–<see cref="LastSeq"/>, chained after <see cref="PrevHash"/>), never
/// held in memory, and appended by <see cref="AuditLog.Append(PreparedAudit)"/> after it published. It also carries
/// what the checkpoint saved after the append needs: the hash of the log's bytes as read and the state file the
/// entries lead to.
/// </summary>
public sealed class PreparedAudit : IDisposable
{
    internal PreparedAudit(string pendingFile, long firstSeq, string prevHash, AuditEntry run, string firstLine, bool resumed,
        long foldedEntries, long logBytes, IncrementalHash logHash, string stateFile)
    {
        Resumed = resumed;
        FoldedEntries = foldedEntries;
        PendingFile = pendingFile;
        FirstSeq = firstSeq;
        PrevHash = prevHash;
        LastSeq = run.Seq;
        LastHash = run.Hash;
        RunInputs = run.Inputs;
        FirstLine = firstLine;
        LogBytes = logBytes;
        LogHash = logHash;
        StateFile = stateFile;
    }

    public string PendingFile { get; }
    public long FirstSeq { get; }
    public string PrevHash { get; }
    public long LastSeq { get; }
    public string LastHash { get; }
    public long Count => LastSeq - FirstSeq + 1;

    /// <summary>The inputs of the run entry that closes the entries: the run's identity and its counts of decisions,
    /// new, restated and withdrawn.</summary>
    public JsonObject RunInputs { get; }

    /// <summary>True when the state came from the checkpoint (the log's bytes up to it unchanged); false when the whole
    /// log was folded.</summary>
    public bool Resumed { get; }

    /// <summary>How many log entries were parsed: those after the checkpoint, or all of them.</summary>
    public long FoldedEntries { get; }

    /// <summary>The first entry's line as written to the pending file.</summary>
    public string FirstLine { get; }

    internal long LogBytes { get; }
    internal IncrementalHash LogHash { get; }
    internal string StateFile { get; }

    /// <summary>The prepared entries, read back from the pending file.</summary>
    public IEnumerable<AuditEntry> ReadEntries() => File.ReadLines(PendingFile, Encoding.UTF8).Select(AuditEntry.Parse);

    public void Dispose() => LogHash.Dispose();
}

using System.Text;
using ReferralInsights.Transform.Audit;

namespace ReferralInsights.Cli.Run;

/// <summary>A run's prepared audit entries, written by <see cref="AuditTrail.Prepare"/> to <c>audit/pending-&lt;run_id&gt;.ndjson</c> before it publishes and
/// removed once they are appended to the log. When a run dies between its publication and the end of its append (the
/// last line torn, or nothing appended), the next holder of the output lock finds the file: if that run's publication is
/// current, the log's torn tail is cut and the entries the log lacks are appended; otherwise the run never published and
/// the file is dropped.</summary>
internal static class PendingAudit
{
    /// <summary>Where <see cref="AuditTrail.Prepare"/> writes a run's entries.</summary>
    public static string FileOf(OutputLayout layout, string runId) =>
        Path.Combine(Path.GetDirectoryName(layout.AuditLog)!, $"pending-{runId}.ndjson");

    public static bool Any(OutputLayout layout) =>
        Directory.Exists(Path.GetDirectoryName(layout.AuditLog)) &&
        Directory.EnumerateFiles(Path.GetDirectoryName(layout.AuditLog)!, "pending-*.ndjson").Any();

    public static void Done(OutputLayout layout, string runId) => File.Delete(FileOf(layout, runId));

    /// <returns>one line per repair made, for the run log</returns>
    public static IReadOnlyList<string> Recover(OutputLayout layout)
    {
        var said = new List<string>();
        var folder = Path.GetDirectoryName(layout.AuditLog)!;
        if (!Directory.Exists(folder)) return said;
        var current = Publication.CurrentId(layout.Root);
        foreach (var file in Directory.GetFiles(folder, "pending-*.ndjson").Order(StringComparer.Ordinal))
        {
            var runId = Path.GetFileNameWithoutExtension(file)["pending-".Length..];
            if (runId == current) said.AddRange(Complete(new AuditLog(layout.AuditLog), file, runId));
            File.Delete(file);
        }
        return said;
    }

    private static IEnumerable<string> Complete(AuditLog log, string pendingFile, string runId)
    {
        if (CutTornTail(log.Path) is { } cut) yield return $"audit log {log.Path}: removed a torn last line ({cut} bytes) left by run {runId}";
        var entries = File.ReadLines(pendingFile, Encoding.UTF8).Where(l => l.Length > 0).Select(AuditEntry.Parse).ToList();
        var (seq, _) = log.Head();
        var missing = entries.Where(e => e.Seq > seq).ToList();
        if (missing.Count == 0) yield break;
        log.Append(missing);
        yield return $"audit log {log.Path}: appended seq {missing[0].Seq:N0}–{missing[^1].Seq:N0}, which run {runId} published but did not finish appending";
    }

    /// <summary>Cuts the bytes after the last line break (an append that did not finish); returns how many, or null.</summary>
    private static long? CutTornTail(string path)
    {
        if (!File.Exists(path)) return null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var end = stream.Length;
        var keep = end;
        while (keep > 0)
        {
            stream.Position = keep - 1;
            if (stream.ReadByte() == '\n') break;
            keep--;
        }
        if (keep == end) return null;
        stream.SetLength(keep);
        stream.Flush(flushToDisk: true);
        return end - keep;
    }
}

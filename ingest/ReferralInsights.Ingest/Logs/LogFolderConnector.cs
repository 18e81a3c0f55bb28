using DuckDB.NET.Data;
using ReferralInsights.Ingest.Files;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Logs;

/// <summary>The click-log connector (<c>kind: logs</c>): a folder of rotated NDJSON or CSV files, plain or gzip, named like the
/// file drop's. Each run reads only new files and the new bytes of a growing plain file (up to its last complete line); a
/// file that shrank or whose head changed is read again from the start, and the run says so. A gzip file is taken whole
/// (rotated logs are compressed once, after they stop growing). Rows of a file rotated away stay landed.</summary>
public sealed class LogFolderConnector(DuckDBConnection db, string sourceDir, string displayBase) : ISourceConnector
{
    // Enough of a file's start to tell a new file with the same name from the old one.
    private const int HeadBytes = 4096;

    public string Location => sourceDir;

    public bool KeepsVanishedPieces => true;

    public string DisplayName(string piece) => Path.GetRelativePath(displayBase, Path.Combine(sourceDir, piece)).Replace('\\', '/');

    public IReadOnlyList<string> Pieces(ContractEntity entity)
    {
        if (!Directory.Exists(sourceDir))
            throw new IngestException($"source '{entity.Source}': folder {sourceDir} does not exist", sourceDir);
        return EntityFiles.Find(sourceDir, entity.Name);
    }

    public PieceRead? Read(ContractEntity entity, string piece, PieceCursor? previous, TextBatch batch)
    {
        var file = Path.Combine(sourceDir, piece);
        var display = DisplayName(piece);
        if (EntityFiles.IsGzip(file)) return ReadWhole(file, display, previous, batch);

        var size = new FileInfo(file).Length;
        string? restartReason = null;
        if (previous is not null)
        {
            var headLength = Math.Min(previous.Position, HeadBytes);
            if (size < previous.Position) restartReason = $"it shrank ({size:N0} bytes, {previous.Position:N0} were read): read again from the start";
            else if (FileRecords.Fingerprint(file, headLength) != previous.Fingerprint) restartReason = "its head changed: read again from the start";
            else if (size == previous.Position) return null;
        }
        var resume = previous is not null && restartReason is null;
        var header = resume ? previous!.Header : EntityFiles.IsCsv(file) ? FileRecords.FirstLine(file) : null;
        var framed = FileRecords.Read(db, file, display, batch, resume ? previous!.Position : 0, resume ? previous!.Lines + 1 : 1,
            holdBackPartialLine: true, csvHeader: resume ? header : null);
        var position = (resume ? previous!.Position : 0) + framed.BytesConsumed;
        if (framed.Lines == 0 && resume) return null;
        var cursor = new PieceCursor
        {
            Fingerprint = FileRecords.Fingerprint(file, Math.Min(position, HeadBytes)),
            Position = position,
            Lines = framed.LastLine,
            Header = header,
        };
        return new PieceRead(cursor, Restarted: restartReason is not null, restartReason);
    }

    private PieceRead? ReadWhole(string file, string display, PieceCursor? previous, TextBatch batch)
    {
        var fingerprint = FileRecords.Fingerprint(file);
        if (previous?.Fingerprint == fingerprint) return null;
        var framed = FileRecords.Read(db, file, display, batch);
        return new PieceRead(new PieceCursor { Fingerprint = fingerprint, Position = framed.BytesConsumed, Lines = framed.LastLine },
            Restarted: previous is not null, previous is null ? null : "the compressed file changed: read again whole");
    }
}

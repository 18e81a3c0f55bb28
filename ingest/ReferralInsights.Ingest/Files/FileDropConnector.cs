using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Files;

/// <summary>The file-drop connector (<c>kind: files</c>): one folder per source, each entity's file(s) a snapshot. A file
/// whose bytes did not change since it was landed is skipped; a changed file is read again whole and replaces what it
/// landed before; a removed file's rows go with it. With an <see cref="ExportMapping"/> it reads a CRM's export files
/// (<c>kind: exports</c>): the same files, headed with the CRM's own column labels.</summary>
public sealed class FileDropConnector(DuckDBConnection db, string sourceDir, string displayBase, ExportMapping? mapping = null) : ISourceConnector
{
    public string Location => sourceDir;

    public bool KeepsVanishedPieces => false;

    public IReadOnlyList<string> Pieces(ContractEntity entity)
    {
        if (!Directory.Exists(sourceDir))
            throw new IngestException($"source '{entity.Source}': folder {sourceDir} does not exist", sourceDir);
        var files = EntityFiles.Find(sourceDir, entity.Name);
        if (files.Count == 0 && !entity.Optional)
            throw new IngestException(
                $"{entity.QualifiedName}: no input in {sourceDir} (expected {EntityFiles.ExpectedNames(entity.Name)})", sourceDir);
        return files;
    }

    public PieceRead? Read(ContractEntity entity, string piece, PieceCursor? previous, TextBatch batch)
    {
        var file = Path.Combine(sourceDir, piece);
        var fingerprint = FileRecords.Fingerprint(file);
        if (previous?.Fingerprint == fingerprint) return null;
        var framed = FileRecords.Read(db, file, DisplayName(piece), batch, mapping: mapping);
        return new PieceRead(new PieceCursor { Fingerprint = fingerprint, Position = framed.BytesConsumed, Lines = framed.LastLine },
            Restarted: previous is not null, previous is null ? null : "changed since it was landed: read again whole");
    }

    public string DisplayName(string piece) => Path.GetRelativePath(displayBase, Path.Combine(sourceDir, piece)).Replace('\\', '/');
}

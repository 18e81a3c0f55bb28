namespace ReferralInsights.Ingest.Landing;

/// <summary>What a connector read from a piece: where it got to, and whether it read the piece from its start again
/// (its earlier batches are then superseded), with why.</summary>
public sealed record PieceRead(PieceCursor Cursor, bool Restarted, string? Note = null);

/// <summary>A source's connector: it only knows how to find the pieces of an entity at its source and read what is new in
/// one of them into a <see cref="TextBatch"/>. Validation, quarantine, counts, state and Parquet writing are
/// <see cref="IngestSession"/>'s and <see cref="BatchLander"/>'s.</summary>
public interface ISourceConnector
{
    /// <summary>Where the source is, for messages (a folder, a database, a URL).</summary>
    string Location { get; }

    /// <summary>The pieces (files, tables, API objects) an entity has at the source now; empty when it has none.</summary>
    IReadOnlyList<string> Pieces(ContractEntity entity);

    /// <summary>How a piece is named in the manifest, the raw zone's <c>_source_file</c> and messages.</summary>
    string DisplayName(string piece);

    /// <summary>Whether the rows of a piece no longer at the source stay live (a rotated-away log) or go (a removed snapshot file).</summary>
    bool KeepsVanishedPieces { get; }

    /// <summary>Reads what is new in <paramref name="piece"/> since <paramref name="previous"/> (null: never read, or a full
    /// refresh) into <paramref name="batch"/>; null when nothing changed (the batch stays empty).</summary>
    PieceRead? Read(ContractEntity entity, string piece, PieceCursor? previous, TextBatch batch);
}

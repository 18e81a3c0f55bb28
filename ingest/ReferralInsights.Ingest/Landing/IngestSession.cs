using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;

namespace ReferralInsights.Ingest.Landing;

/// <summary>Lands the contract entities of one source through its connector: for every piece with something new, the rows
/// as a batch in the raw zone (and its rejects in the quarantine), then the entity's new state into the staged state
/// folder. A batch's name is a function of the stream, the piece and where the read started, so a run repeated after a
/// crash before its state was published writes the same batch again instead of a second copy.</summary>
public sealed class IngestSession(DuckDBConnection db, RawZone zone, DateTime ingestedAt, bool fullRefresh)
{
    public IReadOnlyList<EntityIngestResult> IngestSource(string source, ISourceConnector connector, IProgress<string>? progress = null) =>
        Contract.OfSource(source).Select(entity => IngestEntity(connector, entity, progress)).ToList();

    public EntityIngestResult IngestEntity(ISourceConnector connector, ContractEntity entity, IProgress<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        Sql.Execute(db, "SET TimeZone = 'UTC'"); // ContractChecks: a timestamp without an offset is UTC
        var published = EntityState.Load(zone.PublishedStateDir, entity);
        zone.RemoveUnlisted(entity, published);
        zone.MoveSuperseded(published); // a run that published but stopped before its own sweep
        var pieces = connector.Pieces(entity);
        if (pieces.Count == 0 && !entity.Optional)
            throw new IngestException($"{entity.QualifiedName}: no input in {connector.Location}", connector.Location);

        var restart = fullRefresh || published is null;
        var generation = published is null ? 1 : fullRefresh ? published.Generation + 1 : published.Generation;
        var state = new EntityState { Generation = generation };
        if (published is not null && restart)
            state.Superseded.AddRange(published.Superseded.Concat(published.Pieces.Values.SelectMany(p => p.Batches.Concat(p.QuarantineBatches))));
        else if (published is not null) state.Superseded.AddRange(published.Superseded);

        long rowsIn = 0, landed = 0, quarantined = 0;
        var reasons = new List<string>();
        var read = new List<string>();
        var notes = new List<string>();
        foreach (var piece in pieces)
        {
            var before = restart ? null : published!.Pieces.GetValueOrDefault(piece);
            progress?.Report($"{entity.QualifiedName}: reading {connector.DisplayName(piece)}");
            using var batch = new TextBatch(db, entity, $"batch_{entity.Source}__{entity.Name}");
            var result = connector.Read(entity, piece, before?.Cursor, batch);
            if (result is null)
            {
                state.Pieces[piece] = before!;
                continue;
            }
            var pieceState = new PieceState { Cursor = result.Cursor };
            if (before is not null && !result.Restarted)
            {
                pieceState.Batches.AddRange(before.Batches);
                pieceState.QuarantineBatches.AddRange(before.QuarantineBatches);
            }
            else if (before is not null)
                state.Superseded.AddRange(before.Batches.Concat(before.QuarantineBatches));
            if (result.Note is not null)
            {
                notes.Add($"{connector.DisplayName(piece)}: {result.Note}");
                progress?.Report($"{entity.QualifiedName}: {connector.DisplayName(piece)}: {result.Note}");
            }

            var relative = BatchPath(entity, piece, generation, before?.Cursor);
            var landedBatch = BatchLander.Land(db, batch, ingestedAt, Path.Combine(zone.RawRoot, relative), Path.Combine(zone.QuarantineRoot, relative));
            pieceState.Batches.Add(relative);
            pieceState.QuarantineBatches.Add(relative);
            state.Pieces[piece] = pieceState;
            read.Add(connector.DisplayName(piece));
            (rowsIn, landed, quarantined) = (rowsIn + landedBatch.RowsIn, landed + landedBatch.Landed, quarantined + landedBatch.Quarantined);
            reasons.AddRange(landedBatch.SampleReasons.Take(5 - Math.Min(5, reasons.Count)));
            progress?.Report($"{entity.QualifiedName}: {connector.DisplayName(piece)} read ({landedBatch.Landed:N0} landed, {landedBatch.Quarantined:N0} quarantined)");
        }

        if (published is not null && !restart)
            foreach (var (piece, vanished) in published.Pieces.Where(p => !state.Pieces.ContainsKey(p.Key)))
            {
                if (connector.KeepsVanishedPieces) state.Pieces[piece] = vanished;
                else state.Superseded.AddRange(vanished.Batches.Concat(vanished.QuarantineBatches));
            }

        BatchLander.WriteSchema(db, entity, zone.SchemaOf(entity));
        state.Save(zone.StagedStateDir, entity);
        return new EntityIngestResult(entity.Source, entity.Name, read, rowsIn, landed, quarantined, reasons, notes, clock.Elapsed);
    }

    private string BatchPath(ContractEntity entity, string piece, int generation, PieceCursor? from)
    {
        var start = $"{entity.QualifiedName}|{piece}|{generation}|{from?.Fingerprint}|{from?.Position}|{from?.Lines}|{from?.Watermark}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(start)))[..16];
        var name = new string(Path.GetFileName(piece).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());
        return $"{entity.Source}/{entity.Name}/ingest_date={ingestedAt:yyyy-MM-dd}/{name}-g{generation}-{hash}.parquet";
    }
}

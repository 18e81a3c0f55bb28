namespace ReferralInsights.Ingest.Landing;

/// <summary>The raw and quarantine zones and the stream states that say which of their batches are live. Batches are
/// written straight into the zones under <c>&lt;source&gt;/&lt;entity&gt;/ingest_date=YYYY-MM-DD/</c>; they count only once a
/// state lists them, and states change only when a run publishes (<see cref="StagedStateDir"/> replaces
/// <see cref="PublishedStateDir"/>). So a failed run leaves batches no state lists: the next ingest removes them. Batches
/// a published state lists as superseded (a re-read or a full refresh replaced them) move to <see cref="HistoryRoot"/>
/// (<c>raw/…</c> and <c>quarantine/…</c> under it, same paths), so the zones hold the live batches alone and an engine
/// that reads them knowing nothing of the states counts every row once.</summary>
public sealed record RawZone(string RawRoot, string QuarantineRoot, string PublishedStateDir, string StagedStateDir, string HistoryRoot)
{
    public const string SchemaFile = "_schema.parquet";

    public string SchemaOf(ContractEntity entity) => Path.Combine(RawRoot, entity.Source, entity.Name, SchemaFile);

    /// <summary>Every live raw batch of every entity with a state in <paramref name="stateDir"/>, keyed "source/entity",
    /// the entity's empty schema file first (so an entity without rows still has its columns and types).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> LiveFiles(string rawRoot, string stateDir)
    {
        var files = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entity in Contract.Entities)
        {
            var state = EntityState.Load(stateDir, entity);
            if (state is null) continue;
            files[entity.QualifiedName] = state.LiveBatches.Order(StringComparer.Ordinal).Select(b => Path.Combine(rawRoot, b))
                .Prepend(Path.Combine(rawRoot, entity.Source, entity.Name, SchemaFile)).ToList();
        }
        return files;
    }

    /// <summary>Every live quarantine batch of every entity with a state in <paramref name="stateDir"/>, keyed "source/entity".</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> LiveQuarantineFiles(string quarantineRoot, string stateDir)
    {
        var files = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entity in Contract.Entities)
            if (EntityState.Load(stateDir, entity) is { } state)
                files[entity.QualifiedName] = state.Pieces.Values.SelectMany(p => p.QuarantineBatches).Order(StringComparer.Ordinal)
                    .Select(b => Path.Combine(quarantineRoot, b)).ToList();
        return files;
    }

    /// <summary>Moves the batches that <paramref name="state"/> lists as superseded, and no longer as live, from the raw and
    /// quarantine zones into the history zone; a batch already moved is skipped, so a sweep cut short is finished by the next.</summary>
    /// <returns>how many files moved</returns>
    public int MoveSuperseded(EntityState? state)
    {
        if (state is null) return 0;
        var live = state.Pieces.Values.SelectMany(p => p.Batches.Concat(p.QuarantineBatches)).ToHashSet(StringComparer.Ordinal);
        var moved = 0;
        foreach (var batch in state.Superseded.Where(b => !live.Contains(b)).Distinct(StringComparer.Ordinal))
            foreach (var (root, zone) in new[] { (RawRoot, "raw"), (QuarantineRoot, "quarantine") })
            {
                var file = Path.Combine(root, batch);
                if (!File.Exists(file)) continue;
                var target = Path.Combine(HistoryRoot, zone, batch);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(file, target, overwrite: true);
                moved++;
            }
        return moved;
    }

    /// <summary><see cref="MoveSuperseded"/> for every entity with a published state.</summary>
    public int MoveAllSuperseded() => Contract.Entities.Sum(entity => MoveSuperseded(EntityState.Load(PublishedStateDir, entity)));

    /// <summary>Removes batch files of an entity that the published state does not know: left by a run that failed or
    /// was killed before publishing.</summary>
    public void RemoveUnlisted(ContractEntity entity, EntityState? published)
    {
        var known = (published?.AllBatches ?? []).Select(b => b.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        foreach (var root in new[] { RawRoot, QuarantineRoot })
        {
            var folder = Path.Combine(root, entity.Source, entity.Name);
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.parquet*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (Path.GetFileName(file) != SchemaFile && !known.Contains(relative)) File.Delete(file);
            }
        }
    }
}

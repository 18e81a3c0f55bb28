using System.Diagnostics;
using System.Text.Json;
using DuckDB.NET.Data;

namespace ReferralInsights.Ingest;

/// <summary>The file-drop connector: lands every contract entity of one source folder into the raw zone,
/// quarantining rows that break the contract with their file, line, raw text and reason.</summary>
public sealed class FileDropConnector(DuckDBConnection connection, DateTime ingestedAt)
{
    private const int SampleReasonCount = 5;

    /// <param name="displayBase">file names in the raw zone and in messages are relative to this folder</param>
    public IReadOnlyList<EntityIngestResult> IngestSource(string source, string sourceDir, string rawDir, string quarantineDir,
        string displayBase, IProgress<string>? progress = null)
    {
        if (!Directory.Exists(sourceDir))
            throw new IngestException($"source '{source}': folder {sourceDir} does not exist", sourceDir);
        return Contract.OfSource(source)
            .Select(entity => IngestEntity(entity, sourceDir, rawDir, quarantineDir, displayBase, progress))
            .ToList();
    }

    private EntityIngestResult IngestEntity(ContractEntity entity, string sourceDir, string rawDir, string quarantineDir,
        string displayBase, IProgress<string>? progress)
    {
        var clock = Stopwatch.StartNew();
        var files = EntityFiles.Find(sourceDir, entity.Name);
        if (files.Count == 0 && !entity.Optional)
            throw new IngestException(
                $"{entity.QualifiedName}: no input in {sourceDir} (expected {EntityFiles.ExpectedNames(entity.Name)})", sourceDir);

        var reasons = new List<string>();
        long rowsIn = 0;
        using var table = new LandingTable(connection, entity, ingestedAt);
        foreach (var file in files)
        {
            var displayName = Path.GetRelativePath(displayBase, file);
            rowsIn += IngestFile(entity, file, displayName, table, reasons);
            progress?.Report($"{entity.QualifiedName}: {displayName} read ({table.Landed:N0} landed, {table.Quarantined:N0} quarantined)");
        }
        table.WriteParquet(rawDir, quarantineDir);
        return new EntityIngestResult(entity.Source, entity.Name, files.Select(f => Path.GetRelativePath(displayBase, f)).ToList(),
            rowsIn, table.Landed, table.Quarantined, reasons, clock.Elapsed);
    }

    private static long IngestFile(ContractEntity entity, string file, string displayName, LandingTable table, List<string> reasons)
    {
        using var reader = OpenChecked(entity, file, displayName);
        var seenColumns = new HashSet<string>(StringComparer.Ordinal);
        var values = new object?[entity.Columns.Count];
        long rows = 0;
        foreach (var record in reader.Records())
        {
            rows++;
            if (record.Values is not null) seenColumns.UnionWith(record.Values.Keys);
            var reason = record.ReadError ?? ParseRow(entity, record.Values!, values);
            if (reason is null)
            {
                table.Land(values, ExtraColumnsJson(entity, record.Values!), displayName, record.Line);
            }
            else
            {
                table.Quarantine(displayName, record.Line, record.Raw, reason);
                if (reasons.Count < SampleReasonCount) reasons.Add($"{displayName}:{record.Line}: {reason}");
            }
        }
        if (reader.Header is null && seenColumns.Count > 0)
            RequireColumns(entity, seenColumns, displayName);
        return rows;
    }

    private static IRecordReader OpenChecked(ContractEntity entity, string file, string displayName)
    {
        IRecordReader reader;
        try
        {
            reader = EntityFiles.Open(file);
        }
        catch (InvalidDataException e)
        {
            throw new IngestException($"{displayName}: {e.Message}", displayName);
        }
        if (reader.Header is { } header)
        {
            var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                reader.Dispose();
                throw new IngestException($"{displayName}: line 1: column '{duplicate.Key}' appears twice in the header", displayName);
            }
            try
            {
                RequireColumns(entity, header, displayName);
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }
        return reader;
    }

    private static void RequireColumns(ContractEntity entity, IEnumerable<string> present, string displayName)
    {
        var names = present.ToHashSet(StringComparer.Ordinal);
        var missing = entity.Columns.Where(c => c.Required && !names.Contains(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            throw new IngestException(
                $"{displayName}: required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} missing " +
                $"({entity.QualifiedName}); nothing of {entity.QualifiedName} was landed", displayName);
    }

    /// <summary>Fills <paramref name="values"/> in contract order; returns why the row breaks the contract, or null.</summary>
    private static string? ParseRow(ContractEntity entity, IReadOnlyDictionary<string, string?> text, object?[] values)
    {
        List<string>? problems = null;
        for (var i = 0; i < entity.Columns.Count; i++)
        {
            var column = entity.Columns[i];
            text.TryGetValue(column.Name, out var raw);
            string? problem;
            if (column.Required && string.IsNullOrEmpty(raw))
            {
                problem = "required value is empty";
                values[i] = null;
            }
            else
                problem = ValueParser.TryParse(raw, column.Type, out values[i]);
            if (problem is not null) (problems ??= []).Add($"field {column.Name}: {problem}");
        }
        return problems is null ? null : string.Join("; ", problems);
    }

    private static string? ExtraColumnsJson(ContractEntity entity, IReadOnlyDictionary<string, string?> text)
    {
        Dictionary<string, string?>? extra = null;
        foreach (var (name, value) in text)
            if (!string.IsNullOrEmpty(value) && entity.Columns.All(c => c.Name != name))
                (extra ??= new(StringComparer.Ordinal))[name] = value;
        return extra is null ? null : JsonSerializer.Serialize(extra);
    }
}

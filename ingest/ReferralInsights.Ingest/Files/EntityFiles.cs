namespace ReferralInsights.Ingest.Files;

/// <summary>Finds the files of an entity in a folder: <c>&lt;entity&gt;.csv</c>, <c>.ndjson</c>, <c>.csv.gz</c>,
/// <c>.ndjson.gz</c>, or a folder <c>&lt;entity&gt;/</c> of such files (data-contract.md, file-drop).</summary>
public static class EntityFiles
{
    private static readonly string[] Extensions = [".csv", ".ndjson", ".csv.gz", ".ndjson.gz"];

    /// <summary>The entity's files, relative to <paramref name="sourceDir"/> with '/' separators, in ordinal order within the folder.</summary>
    public static IReadOnlyList<string> Find(string sourceDir, string entity)
    {
        var files = Extensions.Select(ext => entity + ext).Where(f => File.Exists(Path.Combine(sourceDir, f))).ToList();
        var folder = Path.Combine(sourceDir, entity);
        if (Directory.Exists(folder))
            files.AddRange(Directory.EnumerateFiles(folder).Where(IsSupported).Select(f => entity + "/" + Path.GetFileName(f))
                .Order(StringComparer.Ordinal));
        return files;
    }

    public static string ExpectedNames(string entity) =>
        string.Join(", ", Extensions.Select(ext => entity + ext)) + $" or a folder {entity}/";

    public static bool IsGzip(string file) => file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    public static bool IsCsv(string file) =>
        file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);

    private static bool IsSupported(string file) => Extensions.Any(ext => file.EndsWith(ext, StringComparison.OrdinalIgnoreCase));
}

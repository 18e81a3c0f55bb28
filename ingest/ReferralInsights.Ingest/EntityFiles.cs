using System.IO.Compression;
using System.Text;

namespace ReferralInsights.Ingest;

/// <summary>Finds the files of an entity in a file-drop folder: <c>&lt;entity&gt;.csv</c>, <c>.ndjson</c>,
/// <c>.csv.gz</c>, <c>.ndjson.gz</c>, or a folder <c>&lt;entity&gt;/</c> of such files.</summary>
public static class EntityFiles
{
    private static readonly string[] Extensions = [".csv", ".ndjson", ".csv.gz", ".ndjson.gz"];

    public static IReadOnlyList<string> Find(string sourceDir, string entity)
    {
        var files = Extensions.Select(ext => Path.Combine(sourceDir, entity + ext)).Where(File.Exists).ToList();
        var folder = Path.Combine(sourceDir, entity);
        if (Directory.Exists(folder))
            files.AddRange(Directory.EnumerateFiles(folder).Where(IsSupported).Order(StringComparer.Ordinal));
        return files;
    }

    public static string ExpectedNames(string entity) =>
        string.Join(", ", Extensions.Select(ext => entity + ext)) + $" or a folder {entity}/";

    private static bool IsSupported(string file) => Extensions.Any(ext => file.EndsWith(ext, StringComparison.OrdinalIgnoreCase));

    public static IRecordReader Open(string file)
    {
        Stream stream = File.OpenRead(file);
        if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        var isCsv = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);
        if (isCsv) return new CsvRecordReader(stream);
        return new NdjsonRecordReader(new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
    }
}

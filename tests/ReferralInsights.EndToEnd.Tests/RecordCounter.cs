using System.IO.Compression;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Counts the records of an input file independently of the ingest code: CSV records are line breaks
/// outside double quotes, less the header; NDJSON records are non-blank lines.</summary>
public static class RecordCounter
{
    public static long Count(string file)
    {
        if (file.Contains(".db#", StringComparison.Ordinal)) return SqliteRows(file);
        using Stream raw = File.OpenRead(file);
        using var stream = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return file.Contains(".csv", StringComparison.Ordinal) ? CsvRecords(text) : text.Split('\n').Count(l => l.Trim().Length > 0);
    }

    /// <summary>"path/portal.db#referrals": the rows of that SQLite table.</summary>
    private static long SqliteRows(string piece)
    {
        var (file, table) = (piece[..piece.IndexOf('#')], piece[(piece.IndexOf('#') + 1)..]);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

    private static long CsvRecords(string text)
    {
        long records = 0;
        var inQuotes = false;
        var lineHasContent = false;
        foreach (var c in text)
        {
            if (c == '"') inQuotes = !inQuotes;
            if (c == '\n' && !inQuotes)
            {
                if (lineHasContent) records++;
                lineHasContent = false;
            }
            else if (c != '\r') lineHasContent = true;
        }
        if (lineHasContent) records++;
        return records - 1;
    }
}

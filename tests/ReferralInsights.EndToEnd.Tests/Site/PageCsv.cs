namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>A page's CSV export read back through DuckDB: its header and its rows, every value as text.</summary>
public static class PageCsv
{
    public static (List<string> Header, List<object?[]> Rows) Read(string file)
    {
        using var db = new Db();
        var csv = $"read_csv('{file.Replace("'", "''")}', header = true, all_varchar = true, quote = '\"')";
        var header = db.Rows($"SELECT column_name FROM (DESCRIBE SELECT * FROM {csv})").Select(r => (string)r[0]!).ToList();
        return (header, db.Rows($"SELECT * FROM {csv}"));
    }

    /// <summary>The rows as column → value.</summary>
    public static List<Dictionary<string, string?>> Records(string file)
    {
        var (header, rows) = Read(file);
        return rows.Select(r => header.Select((n, i) => (n, Value: (string?)r[i])).ToDictionary(c => c.n, c => c.Value)).ToList();
    }
}

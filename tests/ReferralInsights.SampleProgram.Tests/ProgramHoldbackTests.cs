using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ReferralInsights.SampleProgram.Tests;

/// <summary>A hand-written program of three entities (a CSV snapshot, the portal database with its CSV, a click log),
/// held back at 2026-10-25 00:00 and released.</summary>
public sealed class ProgramHoldbackTests : IDisposable
{
    private static readonly DateTime Cut = new(2026, 10, 25, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Directory.CreateTempSubdirectory("holdback-").FullName;

    private const string Opportunities = """
        opportunity_id,account_id,name,amount,currency,stage,status,created_at
        OPP-1,ACC-1,"Acme, Inc - Pilot",100.00,USD,Discovery,open,2026-10-24T23:59:59Z
        OPP-2,ACC-2,Beta,200.00,USD,Discovery,open,2026-10-25T00:00:01Z
        OPP-3,ACC-3,"Gamma ""G"" Ltd",300.00,USD,Discovery,open,not a time
        OPP-4,ACC-4,Delta,400.00,USD,Discovery,open,2026-10-25T00:00:00Z

        """;

    private const string Referrals = """
        referral_id,partner_id,submitted_at
        R-1,P-1,2026-10-01T10:00:00Z
        R-2,P-1,2026-10-30T10:00:00Z
        R-3,P-2,

        """;

    private static readonly string[] Clicks =
    [
        """{"click_id":"K-1","clicked_at":"2026-10-20T10:00:00Z","referral_code":"A","meta":{"clicked_at":"2026-12-01T00:00:00Z"}}""",
        """{"click_id":"K-2","clicked_at":"2026-10-26T10:00:00Z","referral_code":"A"}""",
        """{"click_id":"K-3","clicked_at":null,"referral_code":"B"}""",
    ];

    public ProgramHoldbackTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "crm"));
        Directory.CreateDirectory(Path.Combine(_dir, "portal"));
        Directory.CreateDirectory(Path.Combine(_dir, "clicks"));
        File.WriteAllText(Path.Combine(_dir, "crm", "opportunities.csv"), Opportunities.ReplaceLineEndings("\n"));
        File.WriteAllText(Path.Combine(_dir, "portal", "referrals.csv"), Referrals.ReplaceLineEndings("\n"));
        using (var gz = new GZipStream(File.Create(Path.Combine(_dir, "clicks", "clicks.ndjson.gz")), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes(string.Concat(Clicks.Select(c => c + "\n"))));
        Sql("""
            CREATE TABLE referrals (referral_id TEXT, partner_id TEXT, submitted_at TEXT, updated_at TEXT);
            INSERT INTO referrals VALUES ('R-1', 'P-1', '2026-10-01T10:00:00Z', '2026-10-31T23:59:59Z'),
                ('R-2', 'P-1', '2026-10-30T10:00:00Z', '2026-10-31T23:59:59Z'), ('R-3', 'P-2', NULL, '2026-10-31T23:59:59Z');
            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Withhold_KeepsRowsThatArrivedByTheCut_ByteForByte_AndCountsThemPerEntity()
    {
        var summary = ProgramHoldback.Withhold(_dir, Cut);

        // OPP-2 arrived a second after the cut; OPP-4 exactly at it (not after); OPP-3's time is unreadable, so old
        Assert.Equal((3L, 1L), summary.Rows["crm/opportunities"]);
        Assert.Equal((2L, 1L), summary.Rows["portal/referrals"]);
        Assert.Equal((2L, 1L), summary.Rows["clicks/clicks"]);
        Assert.Equal(3, summary.Rows.Count); // the entities without a file are left out
        Assert.Equal(3L, summary.Withheld);
        Assert.Equal(Lines(Opportunities, 0, 1, 3, 4), File.ReadAllText(Path.Combine(_dir, "crm", "opportunities.csv")));
        Assert.Equal(Lines(Referrals, 0, 1, 3), File.ReadAllText(Path.Combine(_dir, "portal", "referrals.csv")));
        Assert.Equal(Clicks[0] + "\n" + Clicks[2] + "\n", Gunzip(Path.Combine(_dir, "clicks", "clicks.ndjson.gz")));
        Assert.Equal(["R-1|2026-10-25T00:00:00Z", "R-3|2026-10-25T00:00:00Z"], Query("SELECT referral_id || '|' || updated_at FROM referrals ORDER BY 1"));
    }

    [Fact]
    public void Release_DeliversTheWithheldRows_AsTheNextExportRotatedLogAndChangedDatabaseRows()
    {
        ProgramHoldback.Withhold(_dir, Cut);
        ProgramHoldback.Release(_dir);

        Assert.Equal(Opportunities.ReplaceLineEndings("\n"), File.ReadAllText(Path.Combine(_dir, "crm", "opportunities.csv")));
        Assert.Equal(Referrals.ReplaceLineEndings("\n"), File.ReadAllText(Path.Combine(_dir, "portal", "referrals.csv")));
        Assert.Equal(Clicks[0] + "\n" + Clicks[2] + "\n", Gunzip(Path.Combine(_dir, "clicks", "clicks.ndjson.gz")));
        Assert.Equal(Clicks[1] + "\n", Gunzip(Path.Combine(_dir, "clicks", "clicks", ProgramHoldback.LaterClicksFile)));
        // the kept rows stay stamped at the cut; the delivered one is newer, so a read after the cut's watermark sees it alone
        Assert.Equal(["R-1|2026-10-25T00:00:00Z", "R-2|2026-10-31T23:59:59Z", "R-3|2026-10-25T00:00:00Z"],
            Query("SELECT referral_id || '|' || updated_at FROM referrals ORDER BY 1"));
        Assert.False(Directory.Exists(Path.Combine(_dir, ProgramHoldback.HeldFolder)));
    }

    [Fact]
    public void Withhold_Twice_IsRefused()
    {
        ProgramHoldback.Withhold(_dir, Cut);
        var refused = Assert.Throws<InvalidOperationException>(() => ProgramHoldback.Withhold(_dir, Cut));
        Assert.Contains(ProgramHoldback.HeldFolder, refused.Message);
    }

    private static string Lines(string text, params int[] indexes)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return string.Concat(indexes.Select(i => lines[i] + "\n"));
    }

    private static string Gunzip(string file)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
        return reader.ReadToEnd();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "portal.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private void Sql(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<string> Query(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}

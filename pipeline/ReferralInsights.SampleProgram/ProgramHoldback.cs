using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.Data.Sqlite;
using ReferralInsights.SampleProgram.Output;

namespace ReferralInsights.SampleProgram;

/// <summary>Rows kept and withheld per contract entity ("crm/accounts" …) by <see cref="ProgramHoldback.Withhold"/>.</summary>
public sealed record HoldbackSummary(IReadOnlyDictionary<string, (long Kept, long Withheld)> Rows)
{
    public long Withheld => Rows.Values.Sum(r => r.Withheld);
    public long Kept => Rows.Values.Sum(r => r.Kept);
}

/// <summary>A generated program as it stood at an earlier instant, and then the rest of it arriving, as each source would
/// deliver it: the rows that first existed after the cut (by each entity's arrival column, e.g. a referral's
/// <c>submitted_at</c>) are moved aside into <c>.held/</c>. <see cref="Release"/> brings them back the way the next
/// delivery would: the snapshot CSV files whole again, the portal database's rows inserted (the rows it kept are stamped
/// <c>updated_at</c> = the cut, so an incremental read sees only the new ones), and the later clicks as a new rotated log
/// file in <c>clicks/clicks/</c>. A row whose arrival is missing or unreadable (a deliberate contract break) counts as old.
/// The benchmark's incremental run uses it.</summary>
public static class ProgramHoldback
{
    public const string HeldFolder = ".held";

    /// <summary>The rotated log file, in <c>clicks/clicks/</c> and <c>clicks/conversions/</c>, that delivers the later lines.</summary>
    public const string LaterClicksFile = "later.ndjson.gz";

    private static readonly (string Entity, string Arrival)[] Arrivals =
    [
        ("crm/accounts", "created_at"), ("crm/contacts", "created_at"), ("crm/opportunities", "created_at"),
        ("crm/opportunity_stages", "entered_at"), ("crm/fx_rates", "valid_from"), ("crm/activities", "occurred_at"),
        ("portal/partners", "joined_at"), ("portal/partner_tiers", "effective_from"), ("portal/links", "created_at"),
        ("portal/referrals", "submitted_at"), ("portal/disputes", "opened_at"), ("portal/payouts", "paid_at"),
        ("clicks/clicks", "clicked_at"), ("clicks/conversions", "converted_at"),
    ];

    /// <summary>Withholds from <paramref name="programDir"/> every row that arrived after <paramref name="cut"/>.</summary>
    public static HoldbackSummary Withhold(string programDir, DateTime cut)
    {
        var held = Path.Combine(programDir, HeldFolder);
        if (Directory.Exists(held)) throw new InvalidOperationException($"{held} exists: the program already holds rows back");
        Directory.CreateDirectory(held);
        var rows = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        var database = Path.Combine(programDir, SampleFiles.PortalDatabaseFile);
        foreach (var (entity, arrival) in Arrivals)
        {
            var (source, name) = Split(entity);
            bool IsNew(string? value) => Parse(value) is { } at && at > cut;
            var file = Path.Combine(programDir, FileOf(entity));
            if (File.Exists(file))
            {
                Directory.CreateDirectory(Path.Combine(held, source));
                rows[entity] = source == "clicks"
                    ? SplitNdjsonGz(file, Path.Combine(held, FileOf(entity)), arrival, IsNew)
                    : SplitCsv(file, Path.Combine(held, FileOf(entity)), arrival, IsNew);
            }
            if (source == "portal" && File.Exists(database))
                WithholdTable(database, Path.Combine(held, SampleFiles.PortalDatabaseFile), name, arrival, IsNew, cut);
        }
        return new HoldbackSummary(rows);
    }

    /// <summary>Delivers the withheld rows: the program afterwards holds every row it held before <see cref="Withhold"/>.</summary>
    public static void Release(string programDir)
    {
        var held = Path.Combine(programDir, HeldFolder);
        if (!Directory.Exists(held)) throw new InvalidOperationException($"{held} is missing: nothing is held back");
        var heldDatabase = Path.Combine(held, SampleFiles.PortalDatabaseFile);
        foreach (var (entity, _) in Arrivals)
        {
            var heldFile = Path.Combine(held, FileOf(entity));
            if (!File.Exists(heldFile)) continue;
            var (source, name) = Split(entity);
            if (source == "clicks")
            {
                var rotated = Path.Combine(programDir, source, name);
                Directory.CreateDirectory(rotated);
                File.Move(heldFile, Path.Combine(rotated, LaterClicksFile));
            }
            else File.Move(heldFile, Path.Combine(programDir, FileOf(entity)), overwrite: true);
        }
        if (File.Exists(heldDatabase))
        {
            using var connection = Open(Path.Combine(programDir, SampleFiles.PortalDatabaseFile));
            Execute(connection, $"ATTACH DATABASE '{heldDatabase.Replace("'", "''")}' AS held");
            using (var transaction = connection.BeginTransaction())
            {
                foreach (var table in Tables(connection, "held"))
                    Execute(connection, $"INSERT INTO main.{table} SELECT * FROM held.{table}", transaction);
                transaction.Commit();
            }
            Execute(connection, "DETACH DATABASE held");
        }
        Directory.Delete(held, recursive: true);
    }

    private static (string Source, string Name) Split(string entity) => (entity[..entity.IndexOf('/')], entity[(entity.IndexOf('/') + 1)..]);

    /// <summary>The entity's file in the generated program, relative to its folder.</summary>
    private static string FileOf(string entity) =>
        Path.Combine(Split(entity).Source, Split(entity).Name + (Split(entity).Source == "clicks" ? ".ndjson.gz" : ".csv"));

    private static DateTime? Parse(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at : null;

    /// <summary>Moves the file to <paramref name="heldFile"/> and writes back its header and old records, byte for byte.</summary>
    private static (long Kept, long Withheld) SplitCsv(string file, string heldFile, string arrival, Func<string?, bool> isNew)
    {
        File.Move(file, heldFile);
        long kept = 0, withheld = 0;
        using var reader = CsvReader.Create(File.OpenRead(heldFile), CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: false);
        using var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        reader.ReadHeader();
        output.Write(Encoding.UTF8.GetBytes(string.Join(",", reader.Headers) + "\n"));
        var column = reader.GetFieldIndex(arrival);
        while (reader.Read())
        {
            if (isNew(reader.GetStringOrNull(column))) { withheld++; continue; }
            output.Write(reader.RawRecord);
            output.WriteByte((byte)'\n');
            kept++;
        }
        return (kept, withheld);
    }

    /// <summary>Splits the lines of a gzip NDJSON file into the old ones (written back in its place) and the new ones.</summary>
    private static (long Kept, long Withheld) SplitNdjsonGz(string file, string heldFile, string arrival, Func<string?, bool> isNew)
    {
        var original = heldFile + ".all";
        File.Move(file, original);
        long kept = 0, withheld = 0;
        using (var input = new GZipStream(File.OpenRead(original), CompressionMode.Decompress))
        using (var old = Gzip(file))
        using (var later = Gzip(heldFile))
        {
            var key = Encoding.UTF8.GetBytes(arrival);
            foreach (var line in Lines(input))
            {
                var target = isNew(StringProperty(line, key)) ? later : old;
                target.Write(line);
                if (target == later) withheld++; else kept++;
            }
        }
        File.Delete(original);
        return (kept, withheld);
    }

    /// <summary>The lines of a stream as their bytes, each with its line break (the last one as it ends).</summary>
    private static IEnumerable<byte[]> Lines(Stream input)
    {
        var buffer = new byte[1 << 16];
        var pending = new MemoryStream();
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            var start = 0;
            for (int end; (end = Array.IndexOf(buffer, (byte)'\n', start, read - start)) >= 0; start = end + 1)
            {
                pending.Write(buffer, start, end + 1 - start);
                yield return pending.ToArray();
                pending.SetLength(0);
            }
            pending.Write(buffer, start, read - start);
        }
        if (pending.Length > 0) yield return pending.ToArray();
    }

    private static Stream Gzip(string file) =>
        new BufferedStream(new GZipStream(new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), CompressionLevel.Fastest), 1 << 20);

    /// <summary>The string value of a top-level property of one JSON object, or null.</summary>
    private static string? StringProperty(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(name))
                return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth > 0)
                reader.Skip();
        return null;
    }

    /// <summary>Moves a portal table's new rows into the held database and stamps the rows it keeps as changed at the cut.</summary>
    private static void WithholdTable(string database, string heldDatabase, string table, string arrival, Func<string?, bool> isNew, DateTime cut)
    {
        using var connection = Open(database);
        if (!Tables(connection, "main").Contains(table)) return;
        var newRows = new List<long>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = $"SELECT rowid, CAST({arrival} AS TEXT) FROM {table}";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                if (isNew(reader.IsDBNull(1) ? null : reader.GetString(1))) newRows.Add(reader.GetInt64(0));
        }
        Execute(connection, $"ATTACH DATABASE '{heldDatabase.Replace("'", "''")}' AS held");
        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, "CREATE TEMP TABLE withheld (id INTEGER PRIMARY KEY)", transaction);
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO withheld VALUES ($id)";
                var id = insert.Parameters.Add("$id", SqliteType.Integer);
                foreach (var row in newRows) { id.Value = row; insert.ExecuteNonQuery(); }
            }
            Execute(connection, $"CREATE TABLE held.{table} AS SELECT * FROM main.{table} WHERE rowid IN (SELECT id FROM withheld) ORDER BY rowid", transaction);
            Execute(connection, $"DELETE FROM main.{table} WHERE rowid IN (SELECT id FROM withheld)", transaction);
            Execute(connection, $"UPDATE main.{table} SET updated_at = '{cut:yyyy-MM-dd'T'HH:mm:ss'Z'}'", transaction);
            Execute(connection, "DROP TABLE withheld", transaction);
            transaction.Commit();
        }
        Execute(connection, "DETACH DATABASE held");
    }

    private static List<string> Tables(SqliteConnection connection, string schema)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

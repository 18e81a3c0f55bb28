using Microsoft.Data.Sqlite;

namespace ReferralInsights.SampleProgram.Output;

/// <summary>The portal's entities as tables of an SQLite database (the portal application's own store): one table per
/// entity, named like it, the contract's columns with SQLite's native types — INTEGER for counts and booleans (1/0),
/// NUMERIC for money, rates and shares, TEXT for the rest, timestamps as ISO-8601 text (SQLite's convention for dates).
/// Values go in as the generator formats them, deliberate contract breaks included (SQLite keeps a value that does not
/// fit its column's type as text). Each table also carries <c>updated_at</c>, as an application's tables do, so the portal
/// connector reads it incrementally; the generator stamps every row with the program's last instant.</summary>
internal sealed class PortalDatabase : IDisposable
{
    private static readonly HashSet<string> IntegerColumns = ["employee_count", "budget_confirmed"];
    private static readonly HashSet<string> NumericColumns = ["amount", "rate", "resolution_share"];

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    public PortalDatabase(string file)
    {
        if (File.Exists(file)) File.Delete(file);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        _connection.Open();
        _transaction = _connection.BeginTransaction();
    }

    public ITable<TRow> Table<TRow>(string entity, IReadOnlyList<string> columns) where TRow : IContractRow
    {
        var name = entity[(entity.IndexOf('/') + 1)..];
        using (var create = _connection.CreateCommand())
        {
            create.Transaction = _transaction;
            create.CommandText = $"CREATE TABLE {name} ({string.Join(", ", columns.Select(c => $"{c} {TypeOf(c)}"))}, updated_at TEXT)";
            create.ExecuteNonQuery();
        }
        return new SqliteTable<TRow>(_connection, _transaction, entity, name, columns);
    }

    private static string TypeOf(string column) =>
        IntegerColumns.Contains(column) ? "INTEGER" : NumericColumns.Contains(column) ? "NUMERIC" : "TEXT";

    public void Dispose()
    {
        _transaction.Commit();
        _transaction.Dispose();
        _connection.Dispose();
    }

    private static readonly string UpdatedAt = $"'{World.ProgramCalendar.End:yyyy-MM-dd'T'HH:mm:ss'Z'}'";

    private sealed class SqliteTable<TRow> : ITable<TRow> where TRow : IContractRow
    {
        private readonly SqliteCommand _insert;
        private readonly string[] _columns;

        public SqliteTable(SqliteConnection connection, SqliteTransaction transaction, string entity, string table, IReadOnlyList<string> columns)
        {
            Entity = entity;
            _columns = columns.ToArray();
            _insert = connection.CreateCommand();
            _insert.Transaction = transaction;
            _insert.CommandText = $"INSERT INTO {table} VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))}, {UpdatedAt})";
            for (var i = 0; i < columns.Count; i++) _insert.Parameters.Add(new SqliteParameter($"$p{i}", null));
            _insert.Prepare();
        }

        public string Entity { get; }

        public long Rows { get; private set; }

        public void Write(TRow row)
        {
            var fields = row.Fields;
            for (var i = 0; i < fields.Length; i++) _insert.Parameters[i].Value = Native(_columns[i], fields[i]);
            _insert.ExecuteNonQuery();
            Rows++;
        }

        private static object Native(string column, string? value) => string.IsNullOrEmpty(value)
            ? DBNull.Value
            : column == "budget_confirmed" && bool.TryParse(value, out var flag) ? flag ? 1 : 0 : value;

        public void Dispose() => _insert.Dispose();
    }
}

/// <summary>Writes each row to two tables (the portal's files and its database).</summary>
internal sealed class TeeTable<TRow>(ITable<TRow> first, ITable<TRow> second) : ITable<TRow> where TRow : IContractRow
{
    public string Entity => first.Entity;

    public long Rows => first.Rows;

    public void Write(TRow row)
    {
        first.Write(row);
        second.Write(row);
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }
}

using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ReferralInsights.Cli.Run;

/// <summary>One recorded job run: a <c>run</c> (with its <c>--only</c> stage) or a scheduled job.</summary>
internal sealed record JobRun(long Id, string Job, string Trigger, int Attempt, string? RunId, DateTime StartedAt, DateTime? FinishedAt,
    long? RowsLanded, long? RowsQuarantined, string? Sources, string Outcome, string? Error);

/// <summary><c>runs.db</c> under the output folder: every job run, whoever started it, in SQLite so it survives restarts and
/// a killed process. A run is recorded as <c>running</c> when it starts and updated when it ends; a row still running when
/// the next holder of the output lock starts belongs to a process that died, and becomes <c>interrupted</c>.</summary>
internal sealed class RunHistory(string outputRoot)
{
    public string File { get; } = Path.Combine(outputRoot, "runs.db");

    private SqliteConnection Open()
    {
        Directory.CreateDirectory(outputRoot);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS job_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                job TEXT NOT NULL,
                trigger TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                run_id TEXT,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                rows_landed INTEGER,
                rows_quarantined INTEGER,
                sources TEXT,
                outcome TEXT NOT NULL,
                error TEXT,
                pid INTEGER NOT NULL
            );
            """);
        return connection;
    }

    /// <summary>Records a run that starts now; call while holding the output lock.</summary>
    /// <param name="trigger">manual | schedule | retry | catch-up</param>
    public long Start(string job, string trigger, int attempt, DateTime startedAt)
    {
        using var connection = Open();
        Execute(connection, "UPDATE job_runs SET outcome = 'interrupted', error = 'the process ended before the run finished' WHERE outcome = 'running'");
        return (long)Scalar(connection,
            "INSERT INTO job_runs (job, trigger, attempt, started_at, outcome, pid) VALUES ($job, $trigger, $attempt, $started, 'running', $pid) RETURNING id",
            ("$job", job), ("$trigger", trigger), ("$attempt", attempt), ("$started", Iso(startedAt)), ("$pid", Environment.ProcessId))!;
    }

    public void Finish(long id, DateTime finishedAt, RunManifest? manifest, Exception? error)
    {
        using var connection = Open();
        Scalar(connection, """
            UPDATE job_runs SET finished_at = $finished, run_id = $run, rows_landed = $landed, rows_quarantined = $quarantined,
                sources = $sources, outcome = $outcome, error = $error WHERE id = $id
            """,
            ("$id", id), ("$finished", Iso(finishedAt)), ("$run", manifest?.RunId),
            ("$landed", manifest?.Entities.Sum(e => e.Landed)), ("$quarantined", manifest?.Entities.Sum(e => e.Quarantined)),
            ("$sources", manifest is null || manifest.Entities.Count == 0 ? null : string.Join(",", manifest.Entities.Select(e => e.Source).Distinct())),
            ("$outcome", error is null ? "succeeded" : "failed"), ("$error", error?.Message));
    }

    /// <summary>A run that never started (it could not get the output lock): recorded whole, without taking the lock.</summary>
    public void Refused(string job, string trigger, int attempt, DateTime at, string reason)
    {
        using var connection = Open();
        Scalar(connection, """
            INSERT INTO job_runs (job, trigger, attempt, started_at, finished_at, outcome, error, pid)
            VALUES ($job, $trigger, $attempt, $at, $at, 'failed', $error, $pid)
            """, ("$job", job), ("$trigger", trigger), ("$attempt", attempt), ("$at", Iso(at)), ("$error", reason), ("$pid", Environment.ProcessId));
    }

    /// <summary>The last <paramref name="count"/> runs, newest first.</summary>
    public IReadOnlyList<JobRun> Last(int count)
    {
        if (!System.IO.File.Exists(File)) return [];
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, job, trigger, attempt, run_id, started_at, finished_at, rows_landed, rows_quarantined, sources, outcome, error
            FROM job_runs ORDER BY id DESC LIMIT $count
            """;
        command.Parameters.AddWithValue("$count", count);
        using var reader = command.ExecuteReader();
        var runs = new List<JobRun>();
        while (reader.Read())
            runs.Add(new JobRun(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), ParseIso(reader.GetString(5)),
                reader.IsDBNull(6) ? null : ParseIso(reader.GetString(6)), reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        return runs;
    }

    /// <summary>When <paramref name="job"/> last started (any outcome), or null if it never ran.</summary>
    public DateTime? LastStart(string job)
    {
        if (!System.IO.File.Exists(File)) return null;
        using var connection = Open();
        return Scalar(connection, "SELECT max(started_at) FROM job_runs WHERE job = $job", ("$job", job)) is string text ? ParseIso(text) : null;
    }

    private static string Iso(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTime ParseIso(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static void Execute(SqliteConnection connection, string sql) => Scalar(connection, sql);

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }
}

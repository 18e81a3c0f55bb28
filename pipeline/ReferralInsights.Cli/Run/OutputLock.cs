using System.Diagnostics;
using System.Text.Json;

namespace ReferralInsights.Cli.Run;

/// <summary>The output folder cannot be locked: another process holds it.</summary>
internal sealed class OutputLockedException(string message) : IOException(message);

/// <summary>Who holds (or last held) the output lock.</summary>
internal sealed record LockHolder(int Pid, string Host, string Work, DateTime Since)
{
    public override string ToString() => $"pid {Pid} on {Host} ({Work}, since {Since:yyyy-MM-dd HH:mm:ss} UTC)";
}

/// <summary>One writer at a time per output folder: an exclusive lock on <c>.lock</c> (an OS file lock, flock on Linux, which
/// the kernel releases when the holding process dies, however it dies) and a note of the holder in <c>.lock.holder</c> for
/// the message a waiting process prints. A holder note found by the process that got the lock was left by a holder that
/// died without releasing: it is reported as a stale lock taken over.</summary>
internal sealed class OutputLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly FileStream _lock;
    private readonly string _holderFile;

    private OutputLock(FileStream @lock, string holderFile) => (_lock, _holderFile) = (@lock, holderFile);

    /// <param name="work">what the holder does, for the waiting side's message ("run", "schedule: build", …)</param>
    /// <param name="wait">how long to wait for the holder to finish before giving up</param>
    /// <param name="report">told once when the lock is held by another process (and what it waits for), and when a stale lock is taken over</param>
    public static OutputLock Acquire(string outputRoot, string work, TimeSpan wait, Action<string> report, CancellationToken cancel = default)
    {
        Directory.CreateDirectory(outputRoot);
        var lockFile = Path.Combine(outputRoot, ".lock");
        var holderFile = lockFile + ".holder";
        var waited = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (ReadHolder(holderFile) is { } stale)
                    report($"took over the output lock left by {stale}, which ended without releasing it");
                var holder = new LockHolder(Environment.ProcessId, Environment.MachineName, work, DateTime.UtcNow);
                File.WriteAllText(holderFile + ".tmp", JsonSerializer.Serialize(holder, Json));
                File.Move(holderFile + ".tmp", holderFile, overwrite: true);
                return new OutputLock(stream, holderFile);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                var holder = ReadHolder(holderFile)?.ToString() ?? "another run";
                if (waited.Elapsed >= wait)
                    throw new OutputLockedException($"{outputRoot} is locked by {holder}" +
                                                    (wait > TimeSpan.Zero ? $"; gave up after waiting {wait.TotalSeconds:0} s" : "") +
                                                    ". Only one run writes an output folder at a time: wait for it, or give a longer wait");
                if (!told) report($"{outputRoot} is locked by {holder}; waiting up to {wait.TotalSeconds:0} s for it to finish");
                told = true;
                cancel.WaitHandle.WaitOne(Poll);
                cancel.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>The lock on the configured output folder for a command that writes into it, waiting up to
    /// <c>output.lock_wait_seconds</c>.</summary>
    public static OutputLock For(ReferralInsights.Config.LoadedConfig loaded, string work, Action<string> report) =>
        Acquire(new OutputLayout(loaded.OutputDir).Root, work, TimeSpan.FromSeconds(loaded.Config.Output.LockWaitSeconds), report);

    private static LockHolder? ReadHolder(string holderFile)
    {
        try
        {
            return JsonSerializer.Deserialize<LockHolder>(File.ReadAllText(holderFile), Json);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes the holder note, then releases the lock (the lock file stays: deleting it would let a process that
    /// opened it just before lock a file no one else sees).</summary>
    public void Dispose()
    {
        File.Delete(_holderFile);
        _lock.Dispose();
    }
}

using System.Diagnostics;

namespace ReferralInsights.Cli.Run;

/// <summary>Progress as plain timestamped lines, so it reads the same on a terminal and in a CI log; on an interactive
/// terminal each line also becomes the live status line (<paramref name="live"/>, e.g. a Spectre.Console status).</summary>
internal sealed class RunLog(TextWriter output, Action<string>? live = null)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Line(string stage, string message)
    {
        output.WriteLine($"[{_clock.Elapsed:mm\\:ss\\.f}] {stage,-9} {message}");
        live?.Invoke($"{stage}: {message}");
    }

    public IProgress<string> For(string stage) => new SyncProgress(message => Line(stage, message));

    // Progress<T> posts to the thread pool; lines must come out in order, on the caller's thread.
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}

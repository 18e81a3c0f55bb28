namespace ReferralInsights.Cli.Run;

/// <summary>This process's peak resident memory per stage (Linux): <see cref="Started"/> collects garbage and resets the
/// kernel's high-water mark (<c>/proc/self/clear_refs</c>), <see cref="Finished"/> reads it (<c>VmHWM</c>). Where /proc
/// does not allow it, no peak is known.</summary>
internal sealed class PeakMemory : IStageObserver
{
    private readonly Dictionary<string, double?> _peakMb = [];

    public IReadOnlyDictionary<string, double?> PeakMb => _peakMb;

    public void Started(string stage)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // not Linux, or not allowed: the peak stays the process's since it started
        }
    }

    public void Finished(string stage) => _peakMb[stage] = HighWaterMarkMb();

    private static double? HighWaterMarkMb()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : StatusLineMb(line);
    }

    /// <summary>The megabytes of a <c>/proc/self/status</c> line such as <c>"VmHWM:\t    2092 kB"</c>: the kernel pads the
    /// number with spaces after the tab only while it is shorter than 8 digits (<c>"VmHWM:\t11066048 kB"</c>).</summary>
    internal static double StatusLineMb(string line) =>
        Math.Round(long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0, 1);
}

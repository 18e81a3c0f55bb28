using System.Diagnostics;

namespace ReferralInsights.Cli.Run;

/// <summary>Named points where the kill tests end the process the hard way: when <c>RI_FAULT_KILL_AT</c> names the point,
/// the process sends itself SIGKILL there (no finally block, no flush, as a power cut or the OOM killer would). Unset, it
/// does nothing.</summary>
internal static class FaultInjection
{
    public const string Variable = "RI_FAULT_KILL_AT";

    public static void Hit(string point)
    {
        if (Environment.GetEnvironmentVariable(Variable) == point) Process.GetCurrentProcess().Kill();
    }

    /// <summary>At <paramref name="point"/>: appends the first half of <paramref name="line"/> to <paramref name="file"/>
    /// (a write cut short), then the kill.</summary>
    public static void TearAppend(string point, string file, string line)
    {
        if (Environment.GetEnvironmentVariable(Variable) != point) return;
        File.AppendAllText(file, line[..(line.Length / 2)]);
        Process.GetCurrentProcess().Kill();
    }
}

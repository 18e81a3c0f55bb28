using System.Diagnostics;

namespace ReferralInsights.EndToEnd.Tests.Schedule;

/// <summary>The CLI as its own process (the build beside the tests), for what only a process shows: signals, a kill.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    public CliProcess(params string[] args) : this(new Dictionary<string, string>(), args) { }

    public CliProcess(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "referral-insights.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public void Signal(string signal) => Process.Start("kill", ["-" + signal, Id.ToString()])!.WaitForExit();

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) throw new TimeoutException($"the CLI did not exit within {timeout.TotalSeconds} s:\n{Output}");
        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    public static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"waited {timeout.TotalSeconds} s for {what}");
            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

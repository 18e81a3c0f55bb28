namespace ReferralInsights.Ingest.HubSpot;

/// <summary>Lets a request start only <see cref="Interval"/> after the previous one started. A token bucket refilled by a
/// timer (System.Threading.RateLimiting) hands out its permits at the timer's ticks, and on a loaded machine those bunch:
/// HubSpot saw six searches within 0.8 s. Spacing from the previous start, read off the clock, never lets a second hold
/// more starts than the rate.</summary>
internal sealed class RequestSpacing(TimeSpan interval, TimeProvider time, Action<TimeSpan> sleep)
{
    private readonly Lock _gate = new();
    private long? _previousStart;

    public RequestSpacing(double requestsPerSecond) : this(TimeSpan.FromSeconds(1 / requestsPerSecond), TimeProvider.System, Thread.Sleep) { }

    public TimeSpan Interval => interval;

    /// <summary>Blocks until this request may start, and records that it starts now.</summary>
    public void WaitForTurn()
    {
        lock (_gate)
        {
            if (_previousStart is { } previous)
            {
                TimeSpan wait;
                while ((wait = interval - time.GetElapsedTime(previous)) > TimeSpan.Zero) sleep(wait);
            }
            _previousStart = time.GetTimestamp();
        }
    }
}

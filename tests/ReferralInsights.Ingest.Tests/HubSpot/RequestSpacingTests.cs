using Microsoft.Extensions.Time.Testing;
using ReferralInsights.Ingest.HubSpot;

namespace ReferralInsights.Ingest.Tests.HubSpot;

/// <summary>HubSpot's search limit (about 5 requests a second) held strictly: each request starts at least 200 ms after
/// the previous one started, however long the requests take and however late the caller comes back.</summary>
public class RequestSpacingTests
{
    [Fact]
    public void EachStart_IsAtLeastOneIntervalAfterThePreviousStart_AndNoLater()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
        var spacing = new RequestSpacing(TimeSpan.FromMilliseconds(200), clock, clock.Advance);
        // how long each request takes before the caller asks for the next turn
        int[] requestMilliseconds = [0, 50, 199, 200, 350, 0, 0, 1_000, 10, 0, 0];
        var starts = new List<DateTimeOffset>();
        foreach (var ms in requestMilliseconds)
        {
            spacing.WaitForTurn();
            starts.Add(clock.GetUtcNow());
            clock.Advance(TimeSpan.FromMilliseconds(ms));
        }

        // the gap after a request is 200 ms, or the request's own time when it took longer
        Assert.Equal([200, 200, 200, 200, 350, 200, 200, 1_000, 200, 200],
            starts.Zip(starts.Skip(1), (a, b) => (int)(b - a).TotalMilliseconds));
        // so no window of one second holds a sixth start
        Assert.All(starts.Select((s, i) => starts.Count(t => t >= s && t < s.AddSeconds(1))), n => Assert.True(n <= 5, $"{n} starts in one second"));
    }

    [Fact]
    public void TheFirstRequest_StartsAtOnce()
    {
        var clock = new FakeTimeProvider();
        var slept = TimeSpan.Zero;
        new RequestSpacing(TimeSpan.FromMilliseconds(200), clock, d => slept += d).WaitForTurn();
        Assert.Equal(TimeSpan.Zero, slept);
    }
}

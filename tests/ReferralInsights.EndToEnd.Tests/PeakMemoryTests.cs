using ReferralInsights.Cli.Run;

namespace ReferralInsights.EndToEnd.Tests;

public sealed class PeakMemoryTests
{
    // /proc/self/status pads the number after the tab to 8 characters; the large bench's 11 GB peak has no padding left
    [Theory]
    [InlineData("VmHWM:\t    2092 kB", 2.0)]
    [InlineData("VmHWM:\t  745472 kB", 728.0)]
    [InlineData("VmHWM:\t11066048 kB", 10806.7)]
    public void StatusLine_IsReadAsMegabytes_WithOrWithoutPaddingAfterTheTab(string line, double megabytes) =>
        Assert.Equal(megabytes, PeakMemory.StatusLineMb(line));
}

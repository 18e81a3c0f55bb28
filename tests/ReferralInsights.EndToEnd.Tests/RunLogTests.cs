using ReferralInsights.Cli.Run;

namespace ReferralInsights.EndToEnd.Tests;

public sealed class RunLogTests
{
    // Interactive runs show each progress line on a live status line too; the log itself is the same either way.
    [Fact]
    public void Line_WritesTheLogLine_AndFeedsTheLiveStatus()
    {
        var output = new StringWriter();
        var live = new List<string>();

        new RunLog(output, live.Add).For("ingest").Report("crm/accounts: reading sample/crm/accounts.csv");

        Assert.EndsWith("] ingest    crm/accounts: reading sample/crm/accounts.csv" + Environment.NewLine, output.ToString());
        Assert.Equal(["ingest: crm/accounts: reading sample/crm/accounts.csv"], live);
    }
}

namespace ReferralInsights.Transform.Tests;

public class SmokeTests
{
    [Fact]
    public void Build_EmptyRawZone_BuildsEveryModel()
    {
        using var w = new TestWarehouse();
        var result = w.Build("2025-06-30");
        Assert.Contains(result.Models, m => m.Name == "fct_program_metrics");
    }
}

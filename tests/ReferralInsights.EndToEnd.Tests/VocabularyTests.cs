using ReferralInsights.Cli;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using ReferralInsights.SampleProgram;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Names that two projects need and only one defines: the config's source sections are the data contract's
/// sources, and every scale the config accepts is one the generator makes.</summary>
public sealed class VocabularyTests
{
    [Fact]
    public void ConfigSources_AreTheContractsSources_InOrder()
    {
        Assert.Equal(["crm", "portal", "clicks"], Contract.Sources);
        Assert.Equal(Contract.Sources, SourcesOptions.Names);
    }

    [Fact]
    public void EveryConfigScale_IsAGeneratorScale_AndEveryGeneratorScaleIsNamed()
    {
        Assert.Equal([SampleScale.Small, SampleScale.Medium, SampleScale.Large], SampleOptions.Scales.Select(ScaleNames.Parse));
        Assert.Equal(Enum.GetValues<SampleScale>(), SampleOptions.Scales.Select(ScaleNames.Parse));
        var e = Assert.Throws<ArgumentException>(() => ScaleNames.Parse("huge"));
        Assert.Equal("unknown scale 'huge': use small, medium, large", e.Message);
    }
}

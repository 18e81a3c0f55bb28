using ReferralInsights.Cli;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using ReferralInsights.SampleProgram;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Names that two projects need and only one defines: the sources are the config's (its source sections), and
/// each contract entity belongs to one of them; every scale the config accepts is one the generator makes.</summary>
public sealed class VocabularyTests
{
    [Fact]
    public void EveryContractEntity_BelongsToAConfiguredSource_AndEverySourceHasEntities()
    {
        Assert.Equal(["crm", "portal", "clicks"], SourcesOptions.Names);
        Assert.Equal(SourcesOptions.Names, Contract.Entities.Select(e => e.Source).Distinct());
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

using System.Collections;
using System.Globalization;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization.NamingConventions;

namespace ReferralInsights.Config.Tests;

// pipeline.example.yaml: "every key below must be accepted with this meaning".
public class ExampleConfigTests
{
    [Fact]
    public void Load_Example_SpotCheckedValuesMap()
    {
        var c = ConfigLoader.Load(TestFiles.Example).Config;

        Assert.Equal("Example Referral Program", c.Program.Name);
        Assert.Equal("USD", c.Program.Currency);
        Assert.Equal("files", c.Sources.Crm.Kind);
        Assert.Equal("data/crm", c.Sources.Crm.Path);
        Assert.Equal("data/portal", c.Sources.Portal.Path);
        Assert.Equal("data/clicks", c.Sources.Clicks.Path);
        Assert.Equal("UTC", c.Schedule.Timezone);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ingest_clicks"] = "0 */15 * * * ?", ["ingest_crm"] = "0 0 * * * ?",
                ["ingest_portal"] = "0 5 * * * ?", ["build"] = "0 30 2 * * ?",
            },
            c.Schedule.Jobs);
        Assert.Equal("out", c.Output.Dir);
        Assert.False(c.Output.Csv);
        Assert.Equal(new Dictionary<string, decimal> { ["USD"] = 1.0m, ["EUR"] = 1.08m, ["GBP"] = 1.27m }, c.Fx);
        Assert.Equal(90, c.Matching.DedupWindowDays);
        Assert.Equal(12, c.Matching.FreeMailDomains.Count);
        Assert.Equal("gmail.com", c.Matching.FreeMailDomains[0]);
        Assert.Equal("mail.com", c.Matching.FreeMailDomains[^1]);
        Assert.Equal(180, c.Attribution.RegistrationValidDays);
        Assert.Equal(1, c.Attribution.GraceDays);
        Assert.Equal(90, c.Attribution.CookieWindowDays);
        Assert.Equal("primary_share", c.Attribution.RewardModel);
        Assert.Equal(0.6m, c.Attribution.PrimaryShare);
        Assert.Equal(30d, c.Attribution.HalfLifeDays);
        Assert.Equal(10, c.Attribution.ShapleyMinSupport);
        Assert.Equal(["Qualified", "Proposal", "Negotiation", "Closed Won"], c.Funnel.QualifiedStages);
        Assert.Equal(1, c.Funnel.FiscalYearStartMonth);
        Assert.Equal(0.75m, c.Economics.GrossMargin);
        var cost = Assert.Single(c.ProgramCosts);
        Assert.Equal("2025", cost.Period);
        Assert.Equal(120000m, cost.Amount);
        Assert.Equal("partner events, co-marketing and platform", cost.Note);
        Assert.Equal(0.0, c.Rewards.QualityGate.MinLeadScore);
        Assert.Equal(0m, c.Rewards.AssistBonus);
        Assert.Equal(90, c.Rewards.ClawbackDays);
        Assert.Equal(25000m, c.Rewards.Caps.PerDeal);
        Assert.Equal(150000m, c.Rewards.Caps.PerPartnerPerYear);
        Assert.Equal(["Registered", "Silver", "Gold"], c.Rewards.Tiers.Select(t => t.Name));
        var silver = c.Rewards.Tiers[1];
        Assert.Equal(100000m, silver.MinSourcedRevenue);
        Assert.Equal(5, silver.MinQualifiedReferrals);
        Assert.Equal(100m, silver.UpfrontBonus);
        Assert.Equal(500m, silver.QualifiedBonus);
        Assert.Equal(0.08m, silver.CommissionRate);
        Assert.Equal(0.10m, c.Rewards.Tiers[2].CommissionRate);
        Assert.Equal(["Government", "Public Sector"], c.Compliance.RestrictedIndustries);
        Assert.Equal(50, c.Compliance.ClickBurstThreshold);
        Assert.Equal(30, c.Reconciliation.PaymentLagDays);
        Assert.Equal(3, c.Quality.MaxStalenessDays);
        Assert.Equal("qualified_within_days", c.Model.Label);
        Assert.Equal(120, c.Model.LabelDays);
        Assert.Equal(200, c.Model.MinTrainingRows);
    }

    // Catches a key that loads but lands on the wrong option (or nowhere): walks every scalar of the
    // example and finds the same value on the option its path names.
    [Theory]
    [InlineData("pipeline.example.yaml")]
    [InlineData("pipeline.hubspot-postgres.yaml")]
    public void Load_ExampleVariant_EveryScalarLandsOnItsOption(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", fileName);
        var config = ConfigLoader.Load(path).Config;
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        var scalars = 0;

        Walk(yaml.Documents[0].RootNode, config, "");
        Assert.True(scalars >= 20, $"only {scalars} scalars compared");

        void Walk(YamlNode node, object? target, string path)
        {
            Assert.True(target is not null, $"{path}: no option holds this value");
            switch (node)
            {
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Children)
                    {
                        var name = ((YamlScalarNode)key).Value!;
                        var child = target is IDictionary dictionary
                            ? dictionary[name]
                            : target.GetType().GetProperties()
                                .Single(p => UnderscoredNamingConvention.Instance.Apply(p.Name) == name).GetValue(target);
                        Walk(value, child, $"{path}.{name}");
                    }
                    break;
                case YamlSequenceNode sequence:
                    var list = Assert.IsAssignableFrom<IList>(target);
                    Assert.Equal(sequence.Children.Count, list.Count);
                    for (var i = 0; i < list.Count; i++) Walk(sequence.Children[i], list[i], $"{path}[{i}]");
                    break;
                case YamlScalarNode scalar:
                    var expected = Convert.ChangeType(scalar.Value, target.GetType(), CultureInfo.InvariantCulture);
                    Assert.True(Equals(expected, target), $"{path}: file says '{scalar.Value}', option holds '{target}'");
                    scalars++;
                    break;
            }
        }
    }

    [Fact]
    public void Load_HubSpotAndPostgresAlternatives_StagesAndPropertiesMap()
    {
        var sources = ConfigLoader.Load(TestFiles.HubSpotPostgres).Config.Sources;

        Assert.Equal("hubspot", sources.Crm.Kind);
        Assert.Equal("https://api.hubapi.com", sources.Crm.BaseUrl);
        Assert.Equal("HUBSPOT_TOKEN", sources.Crm.TokenEnv);
        Assert.Equal(6, sources.Crm.Stages.Count);
        Assert.Equal("Closed Won", sources.Crm.Stages["closedwon"]);
        Assert.Equal("Discovery", sources.Crm.Stages["appointmentscheduled"]);
        Assert.Equal(["closedwon"], sources.Crm.WonStages);
        Assert.Equal(["closedlost"], sources.Crm.LostStages);
        // dotted keys inside a free mapping stay whole
        Assert.Equal("refunded_at", sources.Crm.Properties["opportunities.refunded_at"]);
        Assert.Equal("partner_id", sources.Crm.Properties["activities.partner_id"]);
        Assert.Equal("postgres", sources.Portal.Kind);
        Assert.Equal("PORTAL_PG", sources.Portal.ConnectionStringEnv);
    }

    // The embedded copy must follow the spec. When the spec folder is not beside the repo (an
    // exported checkout), there is nothing to compare with and the embedded copy alone is tested.
    [Fact]
    public void EmbeddedExample_WhenSpecIsBesideTheRepo_EqualsTheSpec()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReferralInsights.sln"))) dir = dir.Parent;
        if (dir is null) return;
        var spec = Path.Combine(dir.FullName, "..", "shared", "spec", "pipeline.example.yaml");
        if (!File.Exists(spec)) return;

        Assert.Equal(File.ReadAllText(spec), File.ReadAllText(TestFiles.Example));
    }
}

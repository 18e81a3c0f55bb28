using ReferralInsights.Ingest.Tests.HubSpot;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Secrets stay in the environment: a run whose source answers with the token quoted in its error leaves the
/// token in no log line, manifest, run history, mart or page. (The PostgreSQL password: ConnectorEquivalenceTests.)</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class SecretsTests(SampleProgramRun run)
{
    [Fact]
    public void AHubSpotErrorQuotingTheToken_LeavesItNowhere()
    {
        using var hubspot = new FakeHubSpot { EchoesCredentials = true };
        hubspot.Faults.Enqueue((400, null));
        const string variable = "RI_SECRETS_TEST_HUBSPOT_TOKEN";
        Environment.SetEnvironmentVariable(variable, FakeHubSpot.Token);
        var root = run.CopyProgram("secrets-hubspot");
        SourcesConfig.Replace(root, $"  crm:\n    kind: hubspot\n    base_url: {hubspot.BaseUrl}\n    token_env: {variable}\n", null, null);

        var (exit, output, error) = Cli.Invoke("run", "--config", Path.Combine(root, "pipeline.yaml"), "--as-of", SampleProgramRun.AsOf.ToString("yyyy-MM-dd"));

        Assert.Equal(1, exit);
        Assert.Contains($"request had Authorization: Bearer [${variable}]", error);
        SecretScan.AssertNowhere(Path.Combine(root, "out"), FakeHubSpot.Token, output, error);
    }
}

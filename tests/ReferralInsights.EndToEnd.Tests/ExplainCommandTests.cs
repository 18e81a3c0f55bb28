namespace ReferralInsights.EndToEnd.Tests;

/// <summary><c>explain opportunity</c> on a hand-built co-referral program, run through the CLI from its CSV files: the
/// lines an owner needs to check the split by hand.</summary>
public sealed class ExplainCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-explain-").FullName;

    // O1 on Alpha: created 2025-03-01 09:00, won 2025-04-15 with 1,000 USD. P1 refers it on 2025-02-01 10:00 (R1),
    // P2 on 2025-02-15 (R2): both inside the sourcing window [2024-09-02 09:00, 2025-03-02 09:00] → co_referral, P1
    // primary by the earlier referral (0.6), P2 0.4. P3 only meets them on 2025-03-10 (activity X1): an assist.
    private string WriteProgram()
    {
        void Csv(string path, params string[] lines)
        {
            var file = Path.Combine(_root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllLines(file, lines);
        }
        Csv("crm/accounts.csv", "account_id,name,domain,created_at", "A1,Alpha Inc.,alpha.com,2024-01-01");
        Csv("crm/contacts.csv", "contact_id,account_id,email,created_at");
        Csv("crm/opportunities.csv", "opportunity_id,account_id,amount,currency,stage,status,created_at,closed_at",
            "O1,A1,1000,USD,Closed Won,won,2025-03-01T09:00:00Z,2025-04-15T12:00:00Z");
        Csv("crm/opportunity_stages.csv", "opportunity_id,stage,entered_at");
        Csv("crm/activities.csv", "activity_id,type,occurred_at,opportunity_id,account_id,contact_id,partner_id",
            "X1,meeting,2025-03-10T14:00:00Z,O1,,,P3");
        Csv("portal/partners.csv", "partner_id,name,type,tier,status,joined_at",
            "P1,One,consultant,Registered,active,2024-01-01", "P2,Two,agency,Registered,active,2024-01-01",
            "P3,Three,integrator,Registered,active,2024-01-01");
        Csv("portal/links.csv", "referral_code,partner_id");
        Csv("portal/referrals.csv", "referral_id,partner_id,submitted_at,company_name,company_domain",
            "R1,P1,2025-02-01T10:00:00Z,Alpha,alpha.com", "R2,P2,2025-02-15T00:00:00Z,Alpha Inc,https://www.alpha.com/");
        Csv("portal/disputes.csv", "dispute_id,opportunity_id,claimant_partner_id,opened_at,status");
        Csv("portal/payouts.csv", "payout_id,partner_id,reward_id,amount,paid_at");
        Csv("clicks/clicks.csv", "click_id,clicked_at,referral_code,visitor_id");
        Csv("clicks/conversions.csv", "conversion_id,visitor_id,email,converted_at");
        var config = Path.Combine(_root, "pipeline.yaml");
        File.WriteAllText(config, """
            sources:
              crm: {kind: files, path: crm}
              portal: {kind: files, path: portal}
              clicks: {kind: files, path: clicks}
            output:
              dir: out
            rewards:
              tiers:
                - name: Registered
            """);
        return config;
    }

    [Fact]
    public void Explain_CoReferral_PrintsWindowsTouchesCreditsAndTheDecidingRule()
    {
        var config = WriteProgram();
        var run = Cli.Invoke("run", "--config", config, "--as-of", "2025-06-30");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        var (exit, output, error) = Cli.Invoke("explain", "opportunity", "O1", "--config", config);

        Assert.True(exit == 0, error);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        string[] expected =
        [
            "opportunity O1  account A1 (Alpha Inc.)",
            "  status won, amount_usd 1000.00, class co_referral, disputed no",
            "  t0 2025-03-01 09:00:00 (created)",
            "  t1 2025-04-15 12:00:00 (closed)",
            "  sourcing  2024-09-02 09:00:00 <= t <= 2025-03-02 09:00:00  referral and click touches",
            "  assist    2025-03-02 09:00:00 <  t <  2025-04-15 12:00:00  referral and click touches",
            "  assist    2025-03-01 09:00:00 <= t <= 2025-04-15 12:00:00  activities",
            "  referral  P1         2025-02-01 10:00:00  sourcing  referral R1",
            "  referral  P2         2025-02-15 00:00:00  sourcing  referral R2",
            "  activity  P3         2025-03-10 14:00:00  assist    activity X1",
            "  primary_share * 0.6                   0.4                   0",
            "  linear          0.5                   0.5                   0",
            "why (primary_share)",
            "  primary = P1: earliest sourcing referral touch 2025-02-01 10:00:00 (referral R1): 0.6",
            "  P2 co: 0.4 split among 1 other",
            "  P3 assist: assist touch only: no sourcing credit",
        ];
        Assert.Equal([], expected.Where(l => !lines.Contains(l)));
        // the why-lines close the explanation, in this order
        Assert.Equal(expected[^4..], lines.Where(l => l.Length > 0).TakeLast(4));
    }

    [Fact]
    public void Explain_UnknownOpportunity_FailsNamingIt()
    {
        var config = WriteProgram();
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--as-of", "2025-06-30").ExitCode);
        var (exit, _, error) = Cli.Invoke("explain", "opportunity", "NOPE", "--config", config);
        Assert.Equal(1, exit);
        Assert.Contains("no opportunity NOPE in the published marts", error);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

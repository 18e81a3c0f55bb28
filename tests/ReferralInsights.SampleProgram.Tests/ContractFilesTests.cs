namespace ReferralInsights.SampleProgram.Tests;

[Collection(SmallSampleCollection.Name)]
public sealed class ContractFilesTests(SmallSample sample)
{
    // data-contract.md, "Input entities": every entity's columns in contract order (copied here from the spec, not from the
    // generator, so a reordered or renamed column fails).
    public static TheoryData<string, string> Entities => new()
    {
        { "crm/accounts.csv", "account_id,name,domain,industry,employee_count,annual_revenue,country,created_at,updated_at" },
        { "crm/contacts.csv", "contact_id,account_id,email,first_name,last_name,title,created_at,updated_at" },
        { "crm/opportunities.csv", "opportunity_id,account_id,name,amount,currency,stage,status,created_at,closed_at,refunded_at,partner_id,lead_source,updated_at" },
        { "crm/opportunity_stages.csv", "opportunity_id,stage,entered_at" },
        { "crm/fx_rates.csv", "currency,rate,valid_from" },
        { "crm/activities.csv", "activity_id,type,occurred_at,opportunity_id,account_id,contact_id,partner_id" },
        { "portal/partners.csv", "partner_id,name,type,tier,status,status_since,joined_at,region,country,domain,code_of_conduct_signed_at,data_privacy_signed_at" },
        { "portal/partner_tiers.csv", "partner_id,tier,effective_from" },
        { "portal/links.csv", "referral_code,partner_id,landing_page,campaign,created_at" },
        { "portal/referrals.csv", "referral_id,partner_id,submitted_at,company_name,company_domain,contact_email,contact_name,contact_title,employee_count,industry,country,pain_points,timeline,budget_confirmed,notes,status,decided_at" },
        { "portal/disputes.csv", "dispute_id,opportunity_id,claimant_partner_id,opened_at,status,resolution_partner_id,resolution_share,resolved_at,referral_id,notes" },
        { "portal/payouts.csv", "payout_id,partner_id,reward_id,amount,currency,paid_at" },
        { "clicks/clicks.ndjson.gz", "click_id,clicked_at,referral_code,visitor_id,landing_page,utm_source,utm_medium,utm_campaign,utm_content,utm_term,ip_hash,user_agent" },
        { "clicks/conversions.ndjson.gz", "conversion_id,visitor_id,email,converted_at" },
        { "ground_truth.csv", "kind,id,partner_ids,quality" },
    };

    [Theory]
    [MemberData(nameof(Entities))]
    public void Generate_EachEntity_IsOneFileWithTheContractColumnsInOrder(string file, string columns)
    {
        var path = Path.Combine(sample.Dir, file);
        Assert.True(File.Exists(path), file);
        if (file.EndsWith(".ndjson.gz", StringComparison.Ordinal))
        {
            var first = SmallSample.Ndjson(path).First();
            Assert.Equal(columns, string.Join(',', first.EnumerateObject().Select(p => p.Name)));
        }
        else
        {
            var bytes = File.ReadAllBytes(path);
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], "UTF-8 without BOM");
            Assert.Equal(columns + "\n", System.Text.Encoding.UTF8.GetString(bytes, 0, columns.Length + 1));
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.All(CsvFile.Read(path).Records, r => Assert.Equal(columns.Split(',').Length, r.Length));
        }
        var folder = Path.GetDirectoryName(path)!;
        var entity = Path.GetFileName(file).Split('.')[0];
        Assert.Single(Directory.GetFiles(folder, entity + ".*"));
    }

    // The summary is what the CLI prints; it must count the records really written (CSV records, not lines: notes may
    // hold line breaks).
    [Fact]
    public void Generate_Summary_CountsTheRecordsOfEveryEntityFile()
    {
        Assert.Equal(14, sample.Summary.RowsPerEntity.Count);
        foreach (var (entity, rows) in sample.Summary.RowsPerEntity)
        {
            var source = entity.Split('/')[0];
            var path = source == "clicks" ? Path.Combine(sample.Dir, entity + ".ndjson.gz") : Path.Combine(sample.Dir, entity + ".csv");
            var actual = source == "clicks" ? SmallSample.Ndjson(path).LongCount() : CsvFile.Read(path).Records.Count;
            Assert.True(rows == actual, $"{entity}: summary {rows}, file {actual}");
        }
        Assert.NotEmpty(sample.Progress);
    }

    // The brief's scale: small ≈ 150 partners, 5k referrals, 200k clicks, with plenty of other pipeline around them.
    [Fact]
    public void Generate_Small_HasTheVolumesOfItsScale()
    {
        var rows = sample.Summary.RowsPerEntity;
        Assert.Equal(150, rows["portal/partners"]);
        Assert.InRange(rows["portal/referrals"], 4_500, 5_500);
        Assert.InRange(rows["clicks/clicks"], 180_000, 220_000);
        Assert.InRange(rows["crm/opportunities"], 3_000, 10_000);
        Assert.InRange(rows["crm/accounts"], rows["crm/opportunities"], 15_000);
        Assert.InRange(rows["portal/disputes"], 5, 200);
        Assert.True(rows["portal/payouts"] > 1_000);
        Assert.True(rows["crm/fx_rates"] >= 4);
    }

    // Timestamps are ISO-8601 UTC with a Z and stay within the program (2024-07-01 .. ProgramEnd), except the deliberate
    // future_timestamp typos (year 2027) and the deliberately unparseable ones (quarantine fodder).
    [Fact]
    public void Generate_Timestamps_StayWithinTheProgramExceptAHandfulOfTypos()
    {
        Assert.Equal(new DateOnly(2026, 10, 31), SampleProgramGenerator.ProgramEnd);
        var typos = 0;
        foreach (var file in Directory.GetFiles(sample.Dir, "*.csv", SearchOption.AllDirectories))
        {
            var csv = CsvFile.Read(file);
            foreach (var record in csv.Records)
            foreach (var value in record.Where(v => v.Length == 20 && v[4] == '-' && v[10] == 'T' && v[19] == 'Z'))
            {
                if (value.StartsWith("2027-", StringComparison.Ordinal)) { typos++; continue; }
                Assert.True(string.CompareOrdinal(value, "2024-07-01T00:00:00Z") >= 0 && string.CompareOrdinal(value, "2026-10-31T23:59:59Z") <= 0,
                    $"{Path.GetFileName(file)}: {value}");
            }
        }
        Assert.InRange(typos, 1, 30);
    }
}

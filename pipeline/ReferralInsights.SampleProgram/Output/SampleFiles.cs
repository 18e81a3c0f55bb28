namespace ReferralInsights.SampleProgram.Output;

/// <summary>Every file of a sample program, open for writing: crm/, portal/ and clicks/ (one file per entity),
/// portal.db (the portal's entities again, as the portal application's SQLite database) and ground_truth.csv.</summary>
internal sealed class SampleFiles : IDisposable
{
    /// <summary>The portal database's file name in the output folder.</summary>
    public const string PortalDatabaseFile = "portal.db";

    private readonly PortalDatabase _portal;

    public SampleFiles(string outDir)
    {
        Directory.CreateDirectory(outDir);
        _portal = new PortalDatabase(Path.Combine(outDir, PortalDatabaseFile));
        ITable<TRow> Portal<TRow>(string file, string entity, IReadOnlyList<string> columns) where TRow : IContractRow =>
            new TeeTable<TRow>(new CsvTable<TRow>(In("portal", file), entity, columns), _portal.Table<TRow>(entity, columns));

        string In(string source, string file)
        {
            Directory.CreateDirectory(Path.Combine(outDir, source));
            return Path.Combine(outDir, source, file);
        }

        Accounts = new CsvTable<AccountRow>(In("crm", "accounts.csv"), "crm/accounts", ContractColumns.Accounts);
        Contacts = new CsvTable<ContactRow>(In("crm", "contacts.csv"), "crm/contacts", ContractColumns.Contacts);
        Opportunities = new CsvTable<OpportunityRow>(In("crm", "opportunities.csv"), "crm/opportunities", ContractColumns.Opportunities);
        OpportunityStages = new CsvTable<OpportunityStageRow>(In("crm", "opportunity_stages.csv"), "crm/opportunity_stages",
            ContractColumns.OpportunityStages);
        FxRates = new CsvTable<FxRateRow>(In("crm", "fx_rates.csv"), "crm/fx_rates", ContractColumns.FxRates);
        Activities = new CsvTable<ActivityRow>(In("crm", "activities.csv"), "crm/activities", ContractColumns.Activities);
        Partners = Portal<PartnerRow>("partners.csv", "portal/partners", ContractColumns.Partners);
        PartnerTiers = Portal<PartnerTierRow>("partner_tiers.csv", "portal/partner_tiers", ContractColumns.PartnerTiers);
        Links = Portal<LinkRow>("links.csv", "portal/links", ContractColumns.Links);
        Referrals = Portal<ReferralRow>("referrals.csv", "portal/referrals", ContractColumns.Referrals);
        Disputes = Portal<DisputeRow>("disputes.csv", "portal/disputes", ContractColumns.Disputes);
        Payouts = Portal<PayoutRow>("payouts.csv", "portal/payouts", ContractColumns.Payouts);
        Clicks = new NdjsonGzTable<ClickRow>(In("clicks", "clicks.ndjson.gz"), "clicks/clicks", ContractColumns.Clicks);
        Conversions = new NdjsonGzTable<ConversionRow>(In("clicks", "conversions.ndjson.gz"), "clicks/conversions", ContractColumns.Conversions);
        GroundTruth = new CsvTable<GroundTruthRow>(Path.Combine(outDir, "ground_truth.csv"), "ground_truth", ContractColumns.GroundTruth);
    }

    public ITable<AccountRow> Accounts { get; }
    public ITable<ContactRow> Contacts { get; }
    public ITable<OpportunityRow> Opportunities { get; }
    public ITable<OpportunityStageRow> OpportunityStages { get; }
    public ITable<FxRateRow> FxRates { get; }
    public ITable<ActivityRow> Activities { get; }
    public ITable<PartnerRow> Partners { get; }
    public ITable<PartnerTierRow> PartnerTiers { get; }
    public ITable<LinkRow> Links { get; }
    public ITable<ReferralRow> Referrals { get; }
    public ITable<DisputeRow> Disputes { get; }
    public ITable<PayoutRow> Payouts { get; }
    public ITable<ClickRow> Clicks { get; }
    public ITable<ConversionRow> Conversions { get; }
    public ITable<GroundTruthRow> GroundTruth { get; }

    /// <summary>Rows written per contract entity ("crm/accounts" …), in contract order; the ground truth is not an entity.</summary>
    public OrderedDictionary<string, long> RowsPerEntity()
    {
        var counts = new OrderedDictionary<string, long>();
        foreach (var (entity, rows) in Entities) counts.Add(entity, rows);
        return counts;
    }

    private IEnumerable<(string Entity, long Rows)> Entities =>
    [
        (Accounts.Entity, Accounts.Rows), (Contacts.Entity, Contacts.Rows), (Opportunities.Entity, Opportunities.Rows),
        (OpportunityStages.Entity, OpportunityStages.Rows), (FxRates.Entity, FxRates.Rows), (Activities.Entity, Activities.Rows),
        (Partners.Entity, Partners.Rows), (PartnerTiers.Entity, PartnerTiers.Rows), (Links.Entity, Links.Rows),
        (Referrals.Entity, Referrals.Rows), (Disputes.Entity, Disputes.Rows), (Payouts.Entity, Payouts.Rows),
        (Clicks.Entity, Clicks.Rows), (Conversions.Entity, Conversions.Rows),
    ];

    public void Dispose()
    {
        IDisposable[] all = [Accounts, Contacts, Opportunities, OpportunityStages, FxRates, Activities, Partners, PartnerTiers, Links,
            Referrals, Disputes, Payouts, Clicks, Conversions, GroundTruth];
        foreach (var table in all) table.Dispose();
        _portal.Dispose();
    }
}

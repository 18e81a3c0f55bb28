using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Tests.Database;

/// <summary>What every portal database connector does (data-contract.md: tables named like the entities, native types,
/// incremental by <c>updated_at</c> where a table has one), run against SQLite and a real PostgreSQL.</summary>
public abstract class PortalDatabaseContract : IDisposable
{
    protected readonly IngestHarness H = new();

    /// <summary>Runs DDL or DML on the source database.</summary>
    protected abstract void Exec(string sql);

    protected abstract ISourceConnector Connector();

    /// <summary>The column type of a timestamp in this database.</summary>
    protected abstract string Timestamp { get; }

    /// <summary>A timestamp literal for a UTC instant written "2025-03-01 10:00:00".</summary>
    protected abstract string At(string utc);

    public virtual void Dispose() => H.Dispose();

    private EntityIngestResult Ingest(string entity, int day = 0) => H.RunEntity(entity, Connector(), at: IngestHarness.IngestedAt.AddDays(day));

    [Fact]
    public void Ingest_NativeTypes_LandTyped_AndARowBreakingTheContractIsQuarantinedAsJson()
    {
        Exec($"CREATE TABLE referrals (referral_id TEXT, partner_id TEXT, submitted_at {Timestamp}, company_name TEXT, employee_count BIGINT, " +
             "budget_confirmed BOOLEAN, status TEXT, crm_owner TEXT)");
        Exec($"INSERT INTO referrals VALUES ('r1', 'p1', {At("2025-03-01 10:00:00")}, 'Acme', 120, true, 'accepted', 'kim')");
        Exec($"INSERT INTO referrals VALUES ('r2', 'p1', {At("2025-03-02 11:30:00")}, 'Beta', NULL, false, 'pending-forever', NULL)");

        var result = Ingest("portal/referrals");

        Assert.Equal((2L, 1L, 1L), (result.RowsIn, result.Landed, result.Quarantined));
        Assert.Equal(["r1", new DateTime(2025, 3, 1, 10, 0, 0), 120L, true, "{\"crm_owner\":\"kim\"}", 1L],
            H.Query($"SELECT referral_id, submitted_at, employee_count, budget_confirmed, _extra, _line FROM {H.LandedFiles("portal/referrals")}").Single());
        var quarantined = H.Query($"SELECT _raw, _reason FROM {H.QuarantinedFiles("portal/referrals")}").Single();
        Assert.Contains("\"referral_id\":\"r2\"", (string)quarantined[0]!);
        Assert.Equal("field status: 'pending-forever' is not one of submitted, accepted, rejected", quarantined[1]);
    }

    // A table with updated_at: each run reads only the rows changed after the newest updated_at landed.
    [Fact]
    public void Ingest_TableWithUpdatedAt_ReadsOnlyRowsChangedSinceTheLastRun()
    {
        Exec($"CREATE TABLE links (referral_code TEXT, partner_id TEXT, campaign TEXT, updated_at {Timestamp})");
        Exec($"INSERT INTO links VALUES ('A', 'p1', 'spring', {At("2025-01-01 00:00:00")}), ('B', 'p2', 'spring', {At("2025-01-02 00:00:00")})");
        Assert.Equal(2L, Ingest("portal/links").RowsIn);
        Exec($"UPDATE links SET campaign = 'summer', updated_at = {At("2025-02-01 00:00:00")} WHERE referral_code = 'A'");
        Exec($"INSERT INTO links VALUES ('C', 'p3', NULL, {At("2025-02-02 00:00:00")})");

        var second = Ingest("portal/links", 1);

        Assert.Equal((2L, 1), (second.RowsIn, second.Files.Count));
        Assert.Equal([["A", "spring"], ["A", "summer"], ["B", "spring"], ["C", null]],
            H.Query($"SELECT referral_code, campaign FROM {H.LandedFiles("portal/links")} ORDER BY referral_code, _line")
                .Select(r => r.ToArray()).ToArray());
        Assert.Equal(0L, Ingest("portal/links", 2).RowsIn);
    }

    // Without updated_at a table is read whole; it lands only when its content changed, and then replaces what it landed.
    [Fact]
    public void Ingest_TableWithoutUpdatedAt_LandsOnlyWhenItChanged()
    {
        Exec("CREATE TABLE links (referral_code TEXT, partner_id TEXT)");
        Exec("INSERT INTO links VALUES ('A', 'p1')");
        Assert.Equal(1L, Ingest("portal/links").RowsIn);
        Assert.Equal(0L, Ingest("portal/links", 1).RowsIn);
        Exec("INSERT INTO links VALUES ('B', 'p2')");

        var third = Ingest("portal/links", 2);

        Assert.Equal(2L, third.RowsIn);
        Assert.Single(third.Notes);
        Assert.Equal(["A", "B"], H.Query($"SELECT referral_code FROM {H.LandedFiles("portal/links")} ORDER BY 1").Select(r => (string)r[0]!));
    }

    [Fact]
    public void Ingest_TableWithoutARequiredColumn_FailsNamingTableAndColumn()
    {
        Exec($"CREATE TABLE referrals (referral_id TEXT, partner_id TEXT, submitted_at {Timestamp})");

        var error = Assert.Throws<IngestException>(() => Ingest("portal/referrals"));

        Assert.Equal($"{Connector().DisplayName("referrals")}: required column 'company_name' missing (portal/referrals); nothing of portal/referrals was landed",
            error.Message);
    }

    // An optional entity without a table lands nothing (its schema file gives the raw zone its columns); a required one fails.
    [Fact]
    public void Ingest_MissingTable_OptionalLandsNothing_RequiredFails()
    {
        Assert.Equal(0L, Ingest("portal/partner_tiers").RowsIn);
        Assert.Equal(0L, H.Query($"SELECT count(*) FROM {H.LandedFiles("portal/partner_tiers")}")[0][0]);

        var error = Assert.Throws<IngestException>(() => Ingest("portal/referrals"));

        Assert.Equal($"portal/referrals: no input in {Connector().Location}", error.Message);
    }
}

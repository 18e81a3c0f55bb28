using ReferralInsights.SampleProgram.Output;
using ReferralInsights.SampleProgram.Randomness;

namespace ReferralInsights.SampleProgram.Simulation;

/// <summary>Deliberate contract breaks (data-contract.md: such rows go to quarantine): a required value left empty, a number
/// that does not parse, a timestamp that does not parse. Only rows whose loss changes no attribution are offered here.</summary>
internal sealed class ContractBreaker(Rng rng)
{
    // Per offered row; the offered rows are a share of each file, so about 0.3 % of every file's rows break.
    private const double AccountRate = 0.018;
    private const double ContactRate = 0.005;
    private const double ActivityRate = 0.004;
    private const double ReferralRate = 0.007;

    private static readonly string[] BadTimestamps = ["2025-13-45", "2026-02-30T10:00:00Z", "31/02/2025", "yesterday"];
    private static readonly string[] BadNumbers = ["12,5x", "n/a", "1.2k", "~40"];

    private enum Break { MissingRequired, BadNumber, BadTimestamp }

    public AccountRow Maybe(AccountRow row) => !rng.Chance(AccountRate) ? row : Pick(withNumber: true) switch
    {
        Break.MissingRequired => row with { Name = "" },
        Break.BadNumber => row with { EmployeeCount = rng.Pick(BadNumbers) },
        _ => row with { CreatedAt = rng.Pick(BadTimestamps) },
    };

    public ContactRow Maybe(ContactRow row) => !rng.Chance(ContactRate) ? row : Pick(withNumber: false) switch
    {
        Break.MissingRequired => row with { Email = "" },
        _ => row with { CreatedAt = rng.Pick(BadTimestamps) },
    };

    public ActivityRow Maybe(ActivityRow row) => !rng.Chance(ActivityRate) ? row : Pick(withNumber: false) switch
    {
        Break.MissingRequired => row with { Type = "" },
        _ => row with { OccurredAt = rng.Pick(BadTimestamps) },
    };

    public ReferralRow Maybe(ReferralRow row) => !rng.Chance(ReferralRate) ? row : Pick(withNumber: true) switch
    {
        Break.MissingRequired => row with { CompanyName = "" },
        Break.BadNumber => row with { EmployeeCount = rng.Pick(BadNumbers) },
        _ => row with { SubmittedAt = rng.Pick(BadTimestamps) },
    };

    /// <summary>rules.md §11 future_timestamp: a year typed as 2027, on rows that matter to no attribution.</summary>
    public DateTime MaybeFutureTypo(DateTime instant, double rate) => rng.Chance(rate) ? instant.AddYears(2027 - instant.Year) : instant;

    private Break Pick(bool withNumber) => (Break)rng.Int(0, 3) is var b && (b != Break.BadNumber || withNumber) ? b : Break.BadTimestamp;
}

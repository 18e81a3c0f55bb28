using System.Globalization;
using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Tests;

/// <summary>The contract's value rules (data-contract.md) as ContractChecks evaluates them in DuckDB.</summary>
public sealed class ContractChecksTests : IDisposable
{
    private readonly DuckDBConnection _db = new("DataSource=:memory:");

    public ContractChecksTests()
    {
        _db.Open();
        using var command = _db.CreateCommand();
        command.CommandText = "SET TimeZone = 'UTC'";
        command.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();

    private (object? Value, string? Problem) Check(string? text, ColumnType type, bool required = false, params string[] accepted) =>
        Check(text, new ContractColumn("v", type, required, accepted.Length == 0 ? null : accepted));

    private (object? Value, string? Problem) Check(string? text, ContractColumn column)
    {
        using var command = _db.CreateCommand();
        command.CommandText = $"SELECT {ContractChecks.Value(column)}, {ContractChecks.Problem(column)} FROM (SELECT CAST($t AS VARCHAR) AS v)";
        command.Parameters.Add(new DuckDBParameter("t", (object?)text ?? DBNull.Value));
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.IsDBNull(0) ? null : reader.GetValue(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    // data-contract.md: timestamps without an offset are UTC, dates are midnight UTC, offsets convert to UTC.
    [Theory]
    [InlineData("2025-03-01", "2025-03-01T00:00:00")]
    [InlineData("2025-03-01T10:11:12Z", "2025-03-01T10:11:12")]
    [InlineData("2025-03-01T10:11:12", "2025-03-01T10:11:12")]
    [InlineData("2025-03-01 10:11:12", "2025-03-01T10:11:12")]
    [InlineData("2025-03-01T01:00:00+02:00", "2025-02-28T23:00:00")]
    [InlineData("2025-03-01T10:11:12.5Z", "2025-03-01T10:11:12.5")]
    [InlineData(" 2025-03-01T10:11 ", "2025-03-01T10:11:00")]
    public void Timestamp_IsoTexts_AreUtc(string text, string expected)
    {
        var (value, problem) = Check(text, ColumnType.Timestamp);
        Assert.Null(problem);
        Assert.Equal(DateTime.Parse(expected, CultureInfo.InvariantCulture), (DateTime)value!);
    }

    // Lenient culture formats are not ISO-8601 and must not land as some guessed date; nor may an impossible day.
    [Theory]
    [InlineData("03/01/2025")]
    [InlineData("1 March 2025")]
    [InlineData("2025-13-45")]
    [InlineData("2025-03-01T25:00:00Z")]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("2025-3-1")]
    [InlineData("yesterday")]
    public void Timestamp_NonIsoTexts_AreRejectedNamingTheField(string text) =>
        Assert.Equal($"field v: '{text}' is not an ISO-8601 date or timestamp", Check(text, ColumnType.Timestamp).Problem);

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("1", true)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    [InlineData(" false ", false)]
    public void Boolean_TheContractSpellings_AreAccepted(string text, bool expected) =>
        Assert.Equal(((object?)expected, (string?)null), Check(text, ColumnType.Boolean));

    [Fact]
    public void Boolean_OtherText_IsRejected() =>
        Assert.Equal("field v: 'maybe' is not a boolean (true/false/1/0/yes/no)", Check("maybe", ColumnType.Boolean).Problem);

    // Money must be exact: a thousands separator or a comma decimal is ambiguous and rejected, not misread.
    [Theory]
    [InlineData("1234.56", "1234.56", null)]
    [InlineData("-0.5", "-0.5", null)]
    [InlineData("+7.", "7", null)]
    [InlineData("0.1234560", "0.123456", null)]
    [InlineData("1,234.56", null, "field v: '1,234.56' is not a decimal number")]
    [InlineData("12,5x", null, "field v: '12,5x' is not a decimal number")]
    [InlineData("1e3", null, "field v: '1e3' is not a decimal number")]
    [InlineData("1000000000000", null, "field v: '1000000000000' is out of range (at most 12 integer digits)")]
    [InlineData("0.1234567", null, "field v: '0.1234567' has more than 6 decimal places")]
    public void Decimal_IsExactOrRejected(string text, string? expected, string? problem)
    {
        var (value, actualProblem) = Check(text, ColumnType.Decimal);
        Assert.Equal(problem, actualProblem);
        if (expected is not null) Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), (decimal)value!);
    }

    // DuckDB's own cast rounds '1.5' to 2 and reads '0x10' as 16: the contract takes only plain whole numbers.
    [Theory]
    [InlineData("1.5")]
    [InlineData("0x10")]
    [InlineData("1e3")]
    [InlineData("1_000")]
    [InlineData("99999999999999999999")]
    public void Integer_AnythingButAPlainWholeNumber_IsRejected(string text) =>
        Assert.Equal($"field v: '{text}' is not an integer", Check(text, ColumnType.Integer).Problem);

    [Fact]
    public void Integer_SignedWithSpaces_IsAccepted() => Assert.Equal(((object?)-42L, (string?)null), Check(" -42 ", ColumnType.Integer));

    // data-contract.md enums: a value outside the listed ones is quarantined naming the field and the accepted values;
    // case and surrounding spaces do not matter (staging lower-cases and trims).
    [Fact]
    public void Enum_ValueOutsideTheList_IsRejectedListingTheAcceptedValues()
    {
        Assert.Equal("field v: 'pending-forever' is not one of submitted, accepted, rejected",
            Check("pending-forever", ColumnType.Text, false, "submitted", "accepted", "rejected").Problem);
        Assert.Equal(((object?)" Accepted", (string?)null), Check(" Accepted", ColumnType.Text, false, "submitted", "accepted", "rejected"));
    }

    [Fact]
    public void EmptyText_IsNullForEveryType_AndAProblemOnlyWhenRequired()
    {
        foreach (var type in Enum.GetValues<ColumnType>())
        {
            Assert.Equal(((object?)null, (string?)null), Check("", type));
            Assert.Equal(((object?)null, (string?)"field v: required value is empty"), Check(null, type, required: true));
        }
    }

    // An fx rate must be above 0 (a rate of −1.27 once made 24 deals worth −$1.92M) and a dispute's resolution share
    // lie in 0..1: such rows are quarantined naming the field and the interval, never landed.
    [Theory]
    [InlineData("-1.27", "field v: '-1.27' is not above 0")]
    [InlineData("0", "field v: '0' is not above 0")]
    [InlineData("0.000001", null)]
    [InlineData("1.27", null)]
    public void FxRate_AtOrBelowZero_IsRejected(string text, string? problem) =>
        Assert.Equal(problem, Check(text, new ContractColumn("v", ColumnType.Decimal, true, Range: new DecimalRange(0, MinIncluded: false))).Problem);

    [Theory]
    [InlineData("1.5", "field v: '1.5' is not between 0 and 1")]
    [InlineData("-0.1", "field v: '-0.1' is not between 0 and 1")]
    [InlineData("0", null)]
    [InlineData("1.000", null)]
    public void Share_OutsideZeroToOne_IsRejected(string text, string? problem) =>
        Assert.Equal(problem, Check(text, new ContractColumn("v", ColumnType.Decimal, false, Range: new DecimalRange(0, MinIncluded: true, Max: 1))).Problem);

    // A required value made only of spaces (a company_name of "   ") is as empty as no value.
    [Fact]
    public void RequiredText_OfSpacesOnly_IsEmpty() =>
        Assert.Equal("field v: required value is empty", Check("   ", ColumnType.Text, required: true).Problem);

    // The contract itself declares those intervals.
    [Fact]
    public void Contract_RangesFxRatesAndResolutionShares()
    {
        var ranged = Contract.Entities.SelectMany(e => e.Columns.Where(c => c.Range is not null).Select(c => $"{e.QualifiedName}.{c.Name} {c.Range}"));
        Assert.Equal(["crm/fx_rates.rate above 0", "portal/disputes.resolution_share between 0 and 1"], ranged);
    }
}

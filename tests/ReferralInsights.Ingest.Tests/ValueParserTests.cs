using ReferralInsights.Ingest;

namespace ReferralInsights.Ingest.Tests;

public sealed class ValueParserTests
{
    // data-contract.md: timestamps without an offset are UTC, dates are midnight UTC, offsets convert to UTC.
    [Theory]
    [InlineData("2025-03-01", "2025-03-01T00:00:00")]
    [InlineData("2025-03-01T10:11:12Z", "2025-03-01T10:11:12")]
    [InlineData("2025-03-01T10:11:12", "2025-03-01T10:11:12")]
    [InlineData("2025-03-01 10:11:12", "2025-03-01T10:11:12")]
    [InlineData("2025-03-01T01:00:00+02:00", "2025-02-28T23:00:00")]
    [InlineData("2025-03-01T10:11:12.5Z", "2025-03-01T10:11:12.5")]
    public void TryParse_IsoTimestamps_AreUtc(string text, string expected)
    {
        Assert.Null(ValueParser.TryParse(text, ColumnType.Timestamp, out var value));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), (DateTime)value!);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)value!).Kind);
    }

    // Lenient culture formats are not ISO-8601 and must not land as some guessed date.
    [Theory]
    [InlineData("03/01/2025")]
    [InlineData("1 March 2025")]
    [InlineData("2025-13-45")]
    [InlineData("2025-03-01T25:00:00Z")]
    public void TryParse_NonIsoTimestamps_AreRejected(string text) =>
        Assert.NotNull(ValueParser.TryParse(text, ColumnType.Timestamp, out _));

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("1", true)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    public void TryParse_Booleans_AcceptTheContractSpellings(string text, bool expected)
    {
        Assert.Null(ValueParser.TryParse(text, ColumnType.Boolean, out var value));
        Assert.Equal(expected, value);
    }

    // Money must be exact: a thousands separator or a comma decimal is ambiguous and rejected, not misread.
    [Theory]
    [InlineData("1234.56", "1234.56", null)]
    [InlineData("-0.5", "-0.5", null)]
    [InlineData("1,234.56", null, "'1,234.56' is not a decimal number")]
    [InlineData("12,5x", null, "'12,5x' is not a decimal number")]
    [InlineData("1000000000000", null, "'1000000000000' is out of range (at most 12 integer digits)")]
    [InlineData("0.1234567", null, "'0.1234567' has more than 6 decimal places")]
    public void TryParse_Decimals_AreExactOrRejected(string text, string? expected, string? error)
    {
        Assert.Equal(error, ValueParser.TryParse(text, ColumnType.Decimal, out var value));
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void TryParse_EmptyText_IsNullForEveryType()
    {
        foreach (var type in Enum.GetValues<ColumnType>())
        {
            Assert.Null(ValueParser.TryParse("", type, out var value));
            Assert.Null(value);
        }
    }
}

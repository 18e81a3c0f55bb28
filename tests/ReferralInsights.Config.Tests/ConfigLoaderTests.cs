using static ReferralInsights.Config.Tests.TestFiles;

namespace ReferralInsights.Config.Tests;

public class ConfigLoaderTests
{
    // An empty pipeline.yaml is a valid one: every option keeps its rules.md default.
    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n...\n")]
    public void Parse_EmptyDocument_GivesAllDefaults(string yaml)
    {
        var c = Parse(yaml);
        var d = new PipelineConfig();

        Assert.Equal(d.Program.Name, c.Program.Name);
        Assert.Equal("USD", c.Program.Currency);
        Assert.Equal("data/crm", c.Sources.Crm.Path);
        Assert.Equal("files", c.Sources.Portal.Kind);
        Assert.Equal("UTC", c.Schedule.Timezone);
        Assert.Empty(c.Schedule.Jobs);
        Assert.Equal("out", c.Output.Dir);
        Assert.False(c.Output.Csv);
        Assert.Equal(new Dictionary<string, decimal> { ["USD"] = 1m }, c.Fx);
        Assert.Equal(90, c.Matching.DedupWindowDays);
        Assert.Equal(d.Matching.FreeMailDomains, c.Matching.FreeMailDomains);
        Assert.Equal(180, c.Attribution.RegistrationValidDays);
        Assert.Equal(0.6m, c.Attribution.PrimaryShare);
        Assert.Equal(30d, c.Attribution.HalfLifeDays);
        Assert.Equal(1, c.Funnel.FiscalYearStartMonth);
        Assert.Equal(0.75m, c.Economics.GrossMargin);
        Assert.Empty(c.ProgramCosts);
        Assert.Equal(90, c.Rewards.ClawbackDays);
        Assert.Null(c.Rewards.Caps.PerDeal);
        Assert.Empty(c.Rewards.Tiers);
        Assert.Equal(50, c.Compliance.ClickBurstThreshold);
        Assert.Equal(30, c.Reconciliation.PaymentLagDays);
        Assert.Equal(3, c.Quality.MaxStalenessDays);
        Assert.Equal(120, c.Model.LabelDays);
    }

    // A section given in part keeps the defaults of the keys it leaves out.
    [Fact]
    public void Parse_PartialSection_KeepsOtherDefaults()
    {
        var c = Parse("attribution:\n  primary_share: 0.7\n");

        Assert.Equal(0.7m, c.Attribution.PrimaryShare);
        Assert.Equal(180, c.Attribution.RegistrationValidDays);
        Assert.Equal("primary_share", c.Attribution.RewardModel);
    }

    // output.csv is an addition to the example's keys.
    [Fact]
    public void Parse_OutputCsv_IsAccepted()
    {
        var c = Parse("output:\n  dir: reports\n  csv: true\n");

        Assert.True(c.Output.Csv);
        Assert.Equal("reports", c.Output.Dir);
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_NamesLineAndKey()
    {
        var e = ParseFails("program:\n  name: X\nprogramme:\n  name: Y\n");

        Assert.Equal("pipeline.yaml", e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal(1, e.Column);
        Assert.Equal("programme", e.Key);
        Assert.StartsWith("pipeline.yaml:3:1: programme: unknown key; expected one of: program, sources, schedule,", e.Message);
    }

    [Fact]
    public void Parse_UnknownNestedKey_NamesDottedPathAndAllowedKeys()
    {
        var e = ParseFails("matching:\n  dedup_window_days: 30\n  dedupe_window: 10\n");

        Assert.Equal("pipeline.yaml:3:3: matching.dedupe_window: unknown key; expected one of: dedup_window_days, free_mail_domains", e.Message);
    }

    // A typo inside the second tier: the path carries the list index.
    [Fact]
    public void Parse_UnknownKeyInListItem_PathHasIndex()
    {
        var e = ParseFails(
            "rewards:\n  tiers:\n    - name: A\n      commission_rate: 0.05\n    - name: B\n      comission_rate: 0.08\n");

        Assert.Equal("rewards.tiers[1].comission_rate", e.Key);
        Assert.Equal(6, e.Line);
        Assert.Equal(7, e.Column);
        Assert.Contains("unknown key; expected one of: name, min_sourced_revenue", e.Message);
    }

    [Fact]
    public void Parse_WrongType_NamesLineKeyAndExpectation()
    {
        var e = ParseFails("program:\n  name: X\nmatching:\n  dedup_window_days: ninety\n");

        Assert.Equal("pipeline.yaml:4:3: matching.dedup_window_days: expected a whole number, got 'ninety'", e.Message);
        Assert.Equal(4, e.Line);
        Assert.Equal("matching.dedup_window_days", e.Key);
    }

    [Theory]
    // a boolean that YAML does not know
    [InlineData("output:\n  csv: maybe\n", "output.csv", 2, "expected true or false, got 'maybe'")]
    // a number inside a list item
    [InlineData("rewards:\n  tiers:\n    - name: A\n      commission_rate: five\n", "rewards.tiers[0].commission_rate", 4, "expected a number, got 'five'")]
    // a value inside a free mapping
    [InlineData("fx:\n  EUR: 1,08\n", "fx.EUR", 2, "expected a number, got '1,08'")]
    // a scalar where a list belongs
    [InlineData("matching:\n  free_mail_domains: gmail.com\n", "matching.free_mail_domains", 2, "expected a list, got 'gmail.com'")]
    // a scalar where a section belongs
    [InlineData("matching: 90\n", "matching", 1, "expected a section with keys dedup_window_days, free_mail_domains, got '90'")]
    // a list where text belongs
    [InlineData("program:\n  name: [a, b]\n", "program.name", 2, "expected text, got a list")]
    // a mapping (on the next lines) where text belongs: the key's line, not the value's
    [InlineData("program:\n  currency:\n    code: EUR\n", "program.currency", 2, "expected text, got a mapping")]
    // too large for a whole number
    [InlineData("attribution:\n  grace_days: 99999999999\n", "attribution.grace_days", 2, "expected a whole number, got '99999999999' (out of range)")]
    // a fraction where a whole number belongs
    [InlineData("quality:\n  max_staleness_days: 1.5\n", "quality.max_staleness_days", 2, "expected a whole number, got '1.5'")]
    public void Parse_WrongType_IsReportedAtTheKey(string yaml, string key, int line, string problem)
    {
        var error = Assert.Single(ParseFails(yaml).Errors);

        Assert.Equal(key, error.Key);
        Assert.Equal(line, error.Line);
        Assert.Equal(problem, error.Problem);
    }

    // The error points at the second occurrence and says where the first was.
    [Fact]
    public void Parse_DuplicateKey_NamesSecondOccurrence()
    {
        var e = ParseFails("matching:\n  dedup_window_days: 90\n  free_mail_domains: []\n  dedup_window_days: 60\n");

        Assert.Equal("pipeline.yaml:4:3: matching.dedup_window_days: duplicate key (first given on line 2)", e.Message);
    }

    [Theory]
    [InlineData("program:\n  name: A\nprogram:\n  name: B\n", "program", 3, 1)]
    [InlineData("fx:\n  USD: 1\n  EUR: 1.08\n  EUR: 1.09\n", "fx.EUR", 4, 3)]
    [InlineData("rewards:\n  tiers:\n    - name: A\n      name: B\n", "rewards.tiers[0].name", 4, 3)]
    [InlineData("schedule:\n  jobs: {build: \"0 0 * * * ?\", build: \"0 5 * * * ?\"}\n", "schedule.jobs.build", 2, 2)]
    public void Parse_DuplicateKeyAnywhere_IsAnError(string yaml, string key, int line, int firstLine)
    {
        var e = ParseFails(yaml);

        Assert.Equal(key, e.Key);
        Assert.Equal(line, e.Line);
        Assert.EndsWith($"duplicate key (first given on line {firstLine})", e.Message);
    }

    // A syntax error names the position and the key being read.
    [Fact]
    public void Parse_SyntaxError_NamesPositionAndKey()
    {
        var e = ParseFails("matching:\n  dedup_window_days: 90\n  free_mail_domains: [gmail.com, \"yahoo.com]\n");

        Assert.Equal("matching.free_mail_domains", e.Key);
        Assert.Equal(3, e.Line);
        Assert.StartsWith("pipeline.yaml:3:", e.Message);
        Assert.Contains("not valid YAML", e.Message);
    }

    // YamlDotNet's scanner fails on this one with an InvalidOperationException and no position;
    // it must still be a configuration error that points near the problem.
    [Fact]
    public void Parse_UnclosedFlowList_IsAConfigurationError()
    {
        var e = ParseFails("matching:\n  free_mail_domains: [gmail.com,\nattribution:\n  grace_days: 1\n");

        Assert.StartsWith("matching.free_mail_domains", e.Key);
        Assert.Equal(2, e.Line);
        Assert.Contains("not valid YAML after this point; check for an unclosed bracket or quote", e.Message);
    }

    [Fact]
    public void Parse_TabIndentation_IsAConfigurationError()
    {
        var e = ParseFails("program:\n  name: X\n\tcurrency: USD\n");

        Assert.Contains("not valid YAML", e.Message);
        Assert.True(e.Line is 2 or 3, e.Message);
    }

    [Fact]
    public void Parse_TwoDocuments_IsAnError()
    {
        var e = ParseFails("program:\n  name: A\n---\nprogram:\n  name: B\n");

        Assert.Equal("pipeline.yaml:3:1: the file must hold a single YAML document", e.Message);
    }

    // "key:" with nothing after it reads as an empty section, list or mapping.
    [Fact]
    public void Parse_EmptySectionOrList_ReadsAsEmpty()
    {
        var c = Parse("output:\nrewards:\n  caps:\nmatching:\n  free_mail_domains:\nschedule:\n  jobs:\n");

        Assert.Equal("out", c.Output.Dir);
        Assert.Null(c.Rewards.Caps.PerDeal);
        Assert.Empty(c.Matching.FreeMailDomains);
        Assert.Empty(c.Schedule.Jobs);
    }

    // A cap written as ~ means "no cap": the option is nullable.
    [Fact]
    public void Parse_NullForNullableOption_IsNull()
    {
        var c = Parse("rewards:\n  caps:\n    per_deal: ~\n    per_partner_per_year: 1000\n");

        Assert.Null(c.Rewards.Caps.PerDeal);
        Assert.Equal(1000m, c.Rewards.Caps.PerPartnerPerYear);
    }

    // ...but a key left without a value where a value is needed is an error, not a silent 0 or null.
    [Theory]
    [InlineData("matching:\n  dedup_window_days:\n", "matching.dedup_window_days", 2)]
    [InlineData("program:\n  name: ~\n", "program.name", 2)]
    [InlineData("fx:\n  EUR:\n", "fx.EUR", 2)]
    [InlineData("matching:\n  free_mail_domains: [gmail.com, ~]\n", "matching.free_mail_domains[1]", 2)]
    [InlineData("schedule:\n  jobs:\n    build:\n", "schedule.jobs.build", 3)]
    [InlineData("output:\n  csv:\n", "output.csv", 2)]
    public void Parse_MissingValue_IsAnError(string yaml, string key, int line)
    {
        var error = Assert.Single(ParseFails(yaml).Errors);

        Assert.Equal(key, error.Key);
        Assert.Equal(line, error.Line);
        Assert.Equal("a value is required (leave the key out to keep the default)", error.Problem);
    }

    // All value problems are reported at once, in file order, one line each; the exception's
    // File/Line/Column/Key describe the first.
    [Fact]
    public void Parse_SeveralImpossibleValues_AreAllReportedInFileOrder()
    {
        var e = ParseFails("economics:\n  gross_margin: 2\nattribution:\n  grace_days: -1\n  primary_share: 0\n");

        Assert.Equal(
            "pipeline.yaml:2:3: economics.gross_margin: must be between 0 and 1 (0.75 = 75 %)\n"
            + "pipeline.yaml:4:3: attribution.grace_days: must be 0 or more days\n"
            + "pipeline.yaml:5:3: attribution.primary_share: must be more than 0 and at most 1 (the primary partner's share of the credit)",
            e.Message);
        Assert.Equal(3, e.Errors.Count);
        Assert.Equal(("economics.gross_margin", 2, 3), (e.Key, e.Line, e.Column));
    }

    // The program currency is worth 1 of itself; the static fx table is about the program currency.
    [Fact]
    public void Parse_ProgramCurrencyWithoutFx_FxHoldsOnlyTheProgramCurrency()
    {
        var c = Parse("program:\n  currency: EUR\n");

        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 1m }, c.Fx);
    }

    [Fact]
    public void Parse_FxWithoutProgramCurrency_AddsItAtOne()
    {
        var c = Parse("program:\n  currency: EUR\nfx:\n  USD: 0.92\n");

        Assert.Equal(new Dictionary<string, decimal> { ["USD"] = 0.92m, ["EUR"] = 1m }, c.Fx);
    }
}

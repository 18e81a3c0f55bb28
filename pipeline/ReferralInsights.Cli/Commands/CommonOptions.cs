using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ReferralInsights.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string> Config() => new("--config", "-c")
    {
        Description = "The pipeline configuration file",
        DefaultValueFactory = _ => "pipeline.yaml",
    };

    public static Option<DateOnly> AsOf() => new("--as-of")
    {
        Description = "The run's \"now\" (YYYY-MM-DD, the end of that UTC day): nothing after it exists for the run. Default: today (UTC)",
        DefaultValueFactory = _ => DateOnly.FromDateTime(DateTime.UtcNow),
        CustomParser = ParseDate,
    };

    /// <summary>An <c>--as-of</c> without a default: null when not given.</summary>
    public static Option<DateOnly?> OptionalAsOf(string description) => new("--as-of")
    {
        Description = description,
        CustomParser = result => ParseDate(result),
    };

    private static DateOnly ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        result.AddError($"--as-of '{text}' is not a date in the form YYYY-MM-DD");
        return default;
    }
}

namespace ReferralInsights.Reports;

/// <summary>RFC 4180 CSV: a field with a comma, quote or line break is quoted, quotes doubled.</summary>
public static class Csv
{
    public static void WriteLine(TextWriter output, IEnumerable<string?> fields) =>
        output.WriteLine(string.Join(',', fields.Select(Field)));

    public static string Field(string? field) =>
        field is null ? "" : field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}

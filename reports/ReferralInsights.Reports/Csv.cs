namespace ReferralInsights.Reports;

/// <summary>CSV lines for the files people download (RFC 4180).</summary>
public static class Csv
{
    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field));

    /// <summary>A field with a comma, quote or line break is quoted, quotes doubled.</summary>
    public static string Field(string? field) =>
        field is null ? "" : field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}

using System.Globalization;
using CsvHelper;

namespace ReferralInsights.Reports;

/// <summary>The one CSV writer of every export (page tables, the payout file, the what-if deltas, mart CSVs): RFC 4180
/// through CsvHelper, quoted where needed, and safe to open in a spreadsheet: a text field starting with = + - @, tab or CR
/// (which Excel would run as a formula; partner-supplied names and notes can) gets a leading ' (OWASP's rule), while a
/// field that is a number (such as -50.00, a clawback) is written as it is. (CsvHelper's own injection option would
/// prefix negative numbers too.)</summary>
public sealed class Csv : IDisposable
{
    private static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = false };
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private readonly CsvWriter _csv;

    public Csv(TextWriter output, string newLine = "\n") =>
        _csv = CsvWriter.Create(output, Options with { NewLine = newLine }, leaveOpen: true);

    public void Row(IEnumerable<string?> fields)
    {
        foreach (var field in fields) _csv.WriteField(Inert(field));
        _csv.EndRecord();
    }

    /// <summary>Writes a whole file (UTF-8, no BOM).</summary>
    public static void WriteFile(string file, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, string newLine = "\n")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        using var writer = new StreamWriter(file, false, new System.Text.UTF8Encoding(false));
        using var csv = new Csv(writer, newLine);
        csv.Row(header);
        foreach (var row in rows) csv.Row(row);
    }

    /// <summary>The field with a leading ' when a spreadsheet would read it as a formula: it starts with a formula
    /// character and is not a number in the invariant culture (-50.00, -1.5e-05 are data).</summary>
    private static string? Inert(string? field) =>
        field is { Length: > 0 } && FormulaStarts.Contains(field[0]) && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + field
            : field;

    public void Dispose() => _csv.Dispose();
}

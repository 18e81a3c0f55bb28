using System.Text;

namespace ReferralInsights.SampleProgram.Tests;

/// <summary>A minimal RFC 4180 reader, independent of the generator's writer: quoted fields may hold commas, doubled
/// quotes and line breaks.</summary>
public sealed class CsvFile
{
    private CsvFile(IReadOnlyList<string> header, IReadOnlyList<string[]> records) => (Header, Records) = (header, records);

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Records { get; }

    public IEnumerable<string> Column(string name)
    {
        var index = Header.ToList().IndexOf(name);
        if (index < 0) throw new ArgumentException($"no column {name}");
        return Records.Select(r => r[index]);
    }

    public static CsvFile Read(string path)
    {
        var rows = Parse(File.ReadAllText(path, Encoding.UTF8)).ToList();
        return new CsvFile(rows[0], rows.Skip(1).ToList());
    }

    private static IEnumerable<string[]> Parse(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return fields.ToArray();
                fields.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); yield return fields.ToArray(); }
    }
}

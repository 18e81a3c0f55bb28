using CsvHelper;

namespace ReferralInsights.SampleProgram.Output;

/// <summary>A CSV file: header row, RFC 4180 quoting only where needed, UTF-8 without BOM, "\n" line ends.</summary>
internal sealed class CsvTable<TRow> : ITable<TRow> where TRow : IContractRow
{
    private readonly int _width;
    private readonly CsvWriter _csv;

    public CsvTable(string path, string entity, IReadOnlyList<string> header)
    {
        Entity = entity;
        _width = header.Count;
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _csv = CsvWriter.Create(file, new CsvWriterOptions { NewLine = "\n", WriteByteOrderMark = false }, leaveOpen: false);
        _csv.WriteHeader(header.ToArray());
    }

    public string Entity { get; }

    public long Rows { get; private set; }

    public void Write(TRow row)
    {
        var fields = row.Fields;
        if (fields.Length != _width) throw new InvalidOperationException($"{Entity}: a row of {fields.Length} fields for {_width} columns");
        _csv.WriteRecord(fields!);
        Rows++;
    }

    public void Dispose() => _csv.Dispose();
}

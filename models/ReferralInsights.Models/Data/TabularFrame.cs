namespace ReferralInsights.Models.Data;

/// <summary>A table as it came out of DuckDB: one typed array per column, in row order.</summary>
/// <remarks>Numbers (integers, decimals, floats, booleans as 0/1) are held as <see cref="double"/> with
/// <see cref="double.NaN"/> for NULL; text as <see cref="string"/> with <c>null</c> for NULL; dates and
/// timestamps as <see cref="DateTime"/> (UTC, <c>null</c> for NULL) — they are never features, but can
/// order rows or bound a training window.</remarks>
public sealed class TabularFrame
{
    public TabularFrame(IReadOnlyList<RawColumn> columns)
    {
        if (columns.Count == 0) throw new ArgumentException("a table needs at least one column", nameof(columns));
        var rows = columns[0].Length;
        foreach (var column in columns)
            if (column.Length != rows)
                throw new ArgumentException($"column '{column.Name}' has {column.Length} rows, '{columns[0].Name}' has {rows}");
        Columns = columns;
        RowCount = rows;
    }

    public IReadOnlyList<RawColumn> Columns { get; }
    public int RowCount { get; }

    public RawColumn this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no column '{name}'; the table has: {string.Join(", ", Columns.Select(c => c.Name))}");

    public bool Contains(string name) => Columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>SHA-256 of the column names, types and every value in row order (hex, lower case):
    /// the same data gives the same hash whatever file or query it came from.</summary>
    public string ContentHash()
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[8];
        foreach (var column in Columns)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{column.Name}\u0001{column.SourceType}\u0001"));
            switch (column)
            {
                case NumericRawColumn n:
                    foreach (var v in n.Values)
                    {
                        System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(buffer, double.IsNaN(v) ? double.NaN : v);
                        sha.AppendData(buffer);
                    }
                    break;
                case TextRawColumn t:
                    foreach (var v in t.Values)
                        sha.AppendData(v is null ? [0xFF] : System.Text.Encoding.UTF8.GetBytes(v + "\u0000"));
                    break;
                case TemporalRawColumn d:
                    foreach (var v in d.Values)
                    {
                        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(buffer, v?.Ticks ?? long.MinValue);
                        sha.AppendData(buffer);
                    }
                    break;
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

public abstract class RawColumn(string name, string sourceType)
{
    public string Name { get; } = name;
    /// <summary>The Arrow type DuckDB handed over (e.g. <c>Int64</c>, <c>Double</c>, <c>String</c>).</summary>
    public string SourceType { get; } = sourceType;
    public abstract int Length { get; }
    public abstract bool IsMissing(int row);
    /// <summary>The value as text, for labels and explanations (invariant culture; <c>null</c> when missing).</summary>
    public abstract string? Format(int row);
}

internal sealed class NumericRawColumn(string name, string sourceType, double[] values) : RawColumn(name, sourceType)
{
    public double[] Values { get; } = values;
    public override int Length => Values.Length;
    public override bool IsMissing(int row) => double.IsNaN(Values[row]);
    /// <summary>A BOOLEAN column (held as 1/0): formatted as <c>true</c>/<c>false</c>.</summary>
    public bool IsBoolean => SourceType == "bool";

    public override string? Format(int row) =>
        double.IsNaN(Values[row]) ? null
        : IsBoolean ? (Values[row] != 0 ? "true" : "false")
        : Values[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class TextRawColumn(string name, string sourceType, string?[] values) : RawColumn(name, sourceType)
{
    public string?[] Values { get; } = values;
    public override int Length => Values.Length;
    public override bool IsMissing(int row) => Values[row] is null;
    public override string? Format(int row) => Values[row];
}

internal sealed class TemporalRawColumn(string name, string sourceType, DateTime?[] values) : RawColumn(name, sourceType)
{
    public DateTime?[] Values { get; } = values;
    public override int Length => Values.Length;
    public override bool IsMissing(int row) => Values[row] is null;
    public override string? Format(int row) => Values[row]?.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}

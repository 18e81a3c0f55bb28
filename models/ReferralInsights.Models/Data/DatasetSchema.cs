using System.Globalization;
using System.Text.Json.Serialization;

namespace ReferralInsights.Models.Data;

public enum FeatureKind { Numeric, Categorical }

/// <summary>How a categorical column is turned into numbers.</summary>
public enum CategoricalEncoding { None, OneHot, Hash }

/// <summary>One model input: its source column, kind and the facts the featurizer needs.</summary>
public sealed record FeatureColumn
{
    public required string Name { get; init; }
    public required FeatureKind Kind { get; init; }
    /// <summary>A safe ML.NET column name (<c>n3</c>, <c>c0</c>), independent of the source spelling.</summary>
    public required string InternalName { get; init; }
    /// <summary>Whether the column had missing values when the schema was inferred (numeric columns then get a missing-value indicator).</summary>
    public bool HasMissing { get; init; }
    public int DistinctValues { get; init; }
    public CategoricalEncoding Encoding { get; init; }
    public int HashBits { get; init; }
    /// <summary>A numeric value that means "missing" in this column (e.g. <c>pdays = 999</c>).</summary>
    public double? MissingNumber { get; init; }
}

/// <summary>What a model reads: the label, the positive class and the features with their kinds.
/// Saved with each model so new data is prepared exactly as the training data was.</summary>
public sealed record DatasetSchema
{
    /// <summary>Categorical level used for a missing value (so "missing" is its own, learnable level).</summary>
    public const string MissingLevel = "(missing)";

    public required string Label { get; init; }
    public required string PositiveValue { get; init; }
    public required IReadOnlyList<string> MissingTokens { get; init; }
    public required IReadOnlyList<FeatureColumn> Features { get; init; }

    [JsonIgnore] public IEnumerable<FeatureColumn> Numeric => Features.Where(f => f.Kind == FeatureKind.Numeric);
    [JsonIgnore] public IEnumerable<FeatureColumn> Categorical => Features.Where(f => f.Kind == FeatureKind.Categorical);

    /// <summary>Turns a frame into model input. With <paramref name="requireLabel"/> rows whose label is
    /// missing are left out (listed in <see cref="ModelData.FrameRows"/>); without it the label is ignored.</summary>
    public ModelData Prepare(TabularFrame frame, bool requireLabel = true)
    {
        var tokens = new HashSet<string>(MissingTokens, StringComparer.OrdinalIgnoreCase);
        int[] rows;
        bool[]? labels = null;
        if (requireLabel)
        {
            var label = frame[Label];
            var kept = new List<int>(frame.RowCount);
            var values = new List<bool>(frame.RowCount);
            for (var r = 0; r < frame.RowCount; r++)
            {
                var text = Normalize(label.Format(r), tokens);
                if (text is null) continue;
                kept.Add(r);
                values.Add(SameValue(text, PositiveValue));
            }
            rows = kept.ToArray();
            labels = values.ToArray();
        }
        else rows = Enumerable.Range(0, frame.RowCount).ToArray();

        var numeric = new List<float[]>();
        var categorical = new List<ReadOnlyMemory<char>[]>();
        foreach (var feature in Features)
        {
            if (!frame.Contains(feature.Name))
                throw new InvalidDataException($"the data has no column '{feature.Name}', which the model needs");
            var column = frame[feature.Name];
            if (feature.Kind == FeatureKind.Numeric)
            {
                var values = new float[rows.Length];
                for (var i = 0; i < rows.Length; i++)
                    values[i] = (float)NumericValue(column, rows[i], tokens, feature.MissingNumber);
                numeric.Add(values);
            }
            else
            {
                var values = new ReadOnlyMemory<char>[rows.Length];
                var interned = new Dictionary<string, ReadOnlyMemory<char>>(StringComparer.Ordinal);
                for (var i = 0; i < rows.Length; i++)
                {
                    var text = CategoricalValue(column, rows[i], tokens, feature.MissingNumber);
                    if (!interned.TryGetValue(text, out var memory)) interned[text] = memory = text.AsMemory();
                    values[i] = memory;
                }
                categorical.Add(values);
            }
        }
        return new ModelData(this, numeric.ToArray(), categorical.ToArray(), labels, rows);
    }

    internal static string? Normalize(string? text, HashSet<string> missingTokens)
    {
        if (text is null) return null;
        var trimmed = text.Trim();
        return trimmed.Length == 0 || missingTokens.Contains(trimmed) ? null : trimmed;
    }

    internal static double NumericValue(RawColumn column, int row, HashSet<string> tokens, double? missingNumber)
    {
        double value;
        switch (column)
        {
            case NumericRawColumn n: value = n.Values[row]; break;
            case TextRawColumn t:
                var text = Normalize(t.Values[row], tokens);
                value = text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
                break;
            default: value = double.NaN; break;
        }
        return missingNumber is { } m && value == m ? double.NaN : value;
    }

    internal static string CategoricalValue(RawColumn column, int row, HashSet<string> tokens, double? missingNumber)
    {
        if (column is NumericRawColumn n)
        {
            var v = n.Values[row];
            return double.IsNaN(v) || (missingNumber is { } m && v == m) ? MissingLevel : v.ToString("R", CultureInfo.InvariantCulture);
        }
        return Normalize(column.Format(row), tokens) ?? MissingLevel;
    }

    /// <summary>Label comparison: case-insensitive text, numbers by value, and yes/y/true/t/1 ≡ and
    /// no/n/false/f/0 ≡ (DuckDB reads a yes/no column as BOOLEAN, which arrives as 1/0).</summary>
    internal static bool SameValue(string a, string b)
    {
        a = a.Trim();
        b = b.Trim();
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) return true;
        if (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)) return x == y;
        return Truth(a) is { } ta && Truth(b) is { } tb && ta == tb;
    }

    private static bool? Truth(string text) => text.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "y" or "t" => true,
        "0" or "false" or "no" or "n" or "f" => false,
        _ => null,
    };
}

/// <summary>Model input in columns: one float array per numeric feature (NaN = missing), one text array
/// per categorical feature, the label (when known) and which frame rows these are.</summary>
public sealed class ModelData(DatasetSchema schema, float[][] numeric, ReadOnlyMemory<char>[][] categorical, bool[]? labels, int[] frameRows)
{
    public DatasetSchema Schema { get; } = schema;
    public float[][] Numeric { get; } = numeric;
    public ReadOnlyMemory<char>[][] Categorical { get; } = categorical;
    public bool[]? Labels { get; } = labels;
    /// <summary>For each row here, its row number in the source frame.</summary>
    public int[] FrameRows { get; } = frameRows;
    public int RowCount => FrameRows.Length;
    public int Positives => Labels?.Count(l => l) ?? 0;

    /// <summary>No rows, no labels: the input schema a saved model expects.</summary>
    public static ModelData Empty(DatasetSchema schema) => new(schema,
        schema.Numeric.Select(_ => Array.Empty<float>()).ToArray(),
        schema.Categorical.Select(_ => Array.Empty<ReadOnlyMemory<char>>()).ToArray(), null, []);

    public bool[] RequireLabels() => Labels ?? throw new InvalidOperationException("this data was prepared without labels");

    /// <summary>An ML.NET view over all rows, or over <paramref name="rows"/> (indexes into this data, no copy).</summary>
    public Microsoft.ML.IDataView ToDataView(int[]? rows = null) => new ColumnarDataView(this, rows);

    /// <summary>The value of a feature at a row, as shown in an explanation.</summary>
    public string Display(FeatureColumn feature, int row)
    {
        var numericIndex = 0;
        var categoricalIndex = 0;
        foreach (var f in Schema.Features)
        {
            if (f == feature)
                return f.Kind == FeatureKind.Numeric
                    ? float.IsNaN(Numeric[numericIndex][row]) ? DatasetSchema.MissingLevel : Numeric[numericIndex][row].ToString("G6", CultureInfo.InvariantCulture)
                    : Categorical[categoricalIndex][row].ToString();
            if (f.Kind == FeatureKind.Numeric) numericIndex++; else categoricalIndex++;
        }
        throw new ArgumentException($"'{feature.Name}' is not a feature of this data");
    }
}

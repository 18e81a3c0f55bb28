using System.Globalization;

namespace ReferralInsights.Models.Data;

/// <summary>Options for deciding what each column is.</summary>
public sealed record InferenceOptions
{
    /// <summary>Text values (trimmed, case-insensitive) that mean "no value". Empty text always does.</summary>
    public static readonly IReadOnlyList<string> DefaultMissingTokens = ["NA", "N/A", "NaN", "null", "none", "?", "unknown", "Select"];

    public required string Label { get; init; }
    /// <summary>The label value that counts as positive; inferred for 1/0, true/false, yes/no when not given.</summary>
    public string? PositiveValue { get; init; }
    public IReadOnlyCollection<string> Exclude { get; init; } = [];
    public IReadOnlyList<string> MissingTokens { get; init; } = DefaultMissingTokens;
    /// <summary>Per numeric column, a sentinel that means missing (e.g. <c>pdays → 999</c>).</summary>
    public IReadOnlyDictionary<string, double> MissingNumbers { get; init; } = new Dictionary<string, double>();
    /// <summary>Numeric columns to treat as categories (codes rather than amounts).</summary>
    public IReadOnlyCollection<string> Categorical { get; init; } = [];
    /// <summary>Up to this many distinct values a categorical is one-hot encoded, above it hashed.</summary>
    public int MaxOneHotLevels { get; init; } = 100;
    /// <summary>Drop text or integer columns whose every value is distinct (ids carry no signal, only leakage or noise).</summary>
    public bool DropIdentifiers { get; init; } = true;
}

public enum ColumnRole { NumericFeature, CategoricalFeature, Label, Excluded, Identifier, Constant, Empty, Temporal }

/// <summary>What inference decided about one source column, and why.</summary>
public sealed record ColumnProfile(string Name, string SourceType, ColumnRole Role, int Missing, int Distinct, string Note);

public sealed record InferenceResult(DatasetSchema Schema, IReadOnlyList<ColumnProfile> Columns);

/// <summary>Decides per column: numeric vs categorical, missing values, and which columns are not features.</summary>
/// <remarks>
/// Rules, in order: the label and the excluded columns are set aside; dates/timestamps are never features;
/// a text column whose every non-missing value parses as a number (and none is a zero-padded code such as
/// <c>007</c>) is numeric; a column with no value is dropped as empty, one with a single value and no
/// missing as constant; text or integer columns whose every value is distinct are identifiers (dropped);
/// integers stay numeric (counts and ordinals dominate lead data and trees split them anyway) unless
/// listed in <see cref="InferenceOptions.Categorical"/>.
/// </remarks>
public static class ColumnInference
{
    private const int IdentifierMinimumRows = 50;

    public static InferenceResult Infer(TabularFrame frame, InferenceOptions options)
    {
        var tokens = new HashSet<string>(options.MissingTokens, StringComparer.OrdinalIgnoreCase);
        var exclude = new HashSet<string>(options.Exclude.Select(e => e.Trim()), StringComparer.OrdinalIgnoreCase);
        var forceCategorical = new HashSet<string>(options.Categorical, StringComparer.OrdinalIgnoreCase);
        foreach (var name in exclude.Concat(forceCategorical).Concat(options.MissingNumbers.Keys))
            if (!frame.Contains(name))
                throw new ArgumentException($"no column '{name}'; the table has: {string.Join(", ", frame.Columns.Select(c => c.Name))}");
        var labelColumn = frame[options.Label];
        var positive = options.PositiveValue ?? InferPositive(labelColumn, tokens);
        int positives = 0, labelled = 0;
        for (var r = 0; r < frame.RowCount; r++)
            if (DatasetSchema.Normalize(labelColumn.Format(r), tokens) is { } value) { labelled++; if (DatasetSchema.SameValue(value, positive)) positives++; }
        if (positives == 0 || positives == labelled)
            throw new InvalidDataException($"label '{labelColumn.Name}': {positives} of {labelled} labelled rows equal the positive value '{positive}'; both classes are needed");

        var profiles = new List<ColumnProfile>();
        var features = new List<FeatureColumn>();
        int numericCount = 0, categoricalCount = 0;
        foreach (var column in frame.Columns)
        {
            if (column == labelColumn)
            {
                profiles.Add(new(column.Name, column.SourceType, ColumnRole.Label, CountMissing(column, tokens), 2, $"positive = {positive}"));
                continue;
            }
            if (exclude.Contains(column.Name))
            {
                profiles.Add(new(column.Name, column.SourceType, ColumnRole.Excluded, 0, 0, "excluded by option"));
                continue;
            }
            if (column is TemporalRawColumn)
            {
                profiles.Add(new(column.Name, column.SourceType, ColumnRole.Temporal, CountMissing(column, tokens), 0, "dates and times are not features (order rows by them instead)"));
                continue;
            }
            double? sentinel = options.MissingNumbers.FirstOrDefault(kv => string.Equals(kv.Key, column.Name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } hit ? hit.Value : null;
            var numeric = column is NumericRawColumn || LooksNumeric((TextRawColumn)column, tokens);
            var categorical = !numeric || forceCategorical.Contains(column.Name);

            var distinct = new HashSet<string>(StringComparer.Ordinal);
            var missing = 0;
            var allIntegers = true;
            for (var r = 0; r < frame.RowCount; r++)
            {
                if (numeric)
                {
                    var v = DatasetSchema.NumericValue(column, r, tokens, sentinel);
                    if (double.IsNaN(v)) { missing++; continue; }
                    if (v != Math.Floor(v)) allIntegers = false;
                    distinct.Add(v.ToString("R", CultureInfo.InvariantCulture));
                }
                else
                {
                    var text = DatasetSchema.Normalize(column.Format(r), tokens);
                    if (text is null) { missing++; continue; }
                    distinct.Add(text);
                }
            }
            var present = frame.RowCount - missing;
            var note = sentinel is { } s ? $"{s.ToString(CultureInfo.InvariantCulture)} = missing; " : "";
            if (present == 0)
            {
                profiles.Add(new(column.Name, column.SourceType, ColumnRole.Empty, missing, 0, note + "no value"));
                continue;
            }
            if (distinct.Count == 1 && missing == 0)
            {
                profiles.Add(new(column.Name, column.SourceType, ColumnRole.Constant, 0, 1, note + "a single value"));
                continue;
            }
            if (options.DropIdentifiers && present >= IdentifierMinimumRows && distinct.Count == present
                && (!numeric || allIntegers) && !forceCategorical.Contains(column.Name))
            {
                profiles.Add(new(column.Name, column.SourceType, ColumnRole.Identifier, missing, distinct.Count, note + "every value distinct: an identifier"));
                continue;
            }
            if (categorical)
            {
                var hashed = distinct.Count > options.MaxOneHotLevels;
                var bits = hashed ? Math.Clamp((int)Math.Ceiling(Math.Log2(distinct.Count)) + 1, 8, 12) : 0;
                features.Add(new FeatureColumn
                {
                    Name = column.Name, Kind = FeatureKind.Categorical, InternalName = $"c{categoricalCount++}",
                    HasMissing = missing > 0, DistinctValues = distinct.Count,
                    Encoding = hashed ? CategoricalEncoding.Hash : CategoricalEncoding.OneHot, HashBits = bits, MissingNumber = sentinel,
                });
                profiles.Add(new(column.Name, column.SourceType, ColumnRole.CategoricalFeature, missing, distinct.Count,
                    note + (hashed ? $"hashed into 2^{bits} slots" : "one-hot") + (missing > 0 ? $"; missing is its own level {DatasetSchema.MissingLevel}" : "")));
            }
            else
            {
                features.Add(new FeatureColumn
                {
                    Name = column.Name, Kind = FeatureKind.Numeric, InternalName = $"n{numericCount++}",
                    HasMissing = missing > 0, DistinctValues = distinct.Count, MissingNumber = sentinel,
                });
                profiles.Add(new(column.Name, column.SourceType, ColumnRole.NumericFeature, missing, distinct.Count,
                    note + (column is TextRawColumn ? "numbers stored as text; " : "") + (missing > 0 ? "missing → mean + indicator" : "complete")));
            }
        }
        if (features.Count == 0) throw new InvalidDataException("no feature column left after inference");
        var schema = new DatasetSchema { Label = labelColumn.Name, PositiveValue = positive, MissingTokens = options.MissingTokens.ToArray(), Features = features };
        return new InferenceResult(schema, profiles);
    }

    private static int CountMissing(RawColumn column, HashSet<string> tokens)
    {
        var missing = 0;
        for (var r = 0; r < column.Length; r++)
            if (DatasetSchema.Normalize(column.Format(r), tokens) is null) missing++;
        return missing;
    }

    private static bool LooksNumeric(TextRawColumn column, HashSet<string> tokens)
    {
        var any = false;
        foreach (var raw in column.Values)
        {
            var text = DatasetSchema.Normalize(raw, tokens);
            if (text is null) continue;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return false;
            if (text.Length > 1 && text[0] == '0' && char.IsAsciiDigit(text[1])) return false; // zero-padded code
            any = true;
        }
        return any;
    }

    private static readonly string[] PositiveWords = ["1", "true", "yes", "y", "t", "converted", "won", "positive"];

    private static string InferPositive(RawColumn label, HashSet<string> tokens)
    {
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var r = 0; r < label.Length; r++)
            if (DatasetSchema.Normalize(label.Format(r), tokens) is { } v) values.Add(v);
        if (values.Count != 2)
            throw new InvalidDataException($"label '{label.Name}' has {values.Count} distinct values ({string.Join(", ", values.Take(10))}); a binary label needs exactly 2 (or give the positive value)");
        var positive = values.FirstOrDefault(v => PositiveWords.Any(w => DatasetSchema.SameValue(v, w)));
        return positive ?? throw new InvalidDataException($"cannot tell which label value is positive among {string.Join(", ", values)}: give it explicitly");
    }
}

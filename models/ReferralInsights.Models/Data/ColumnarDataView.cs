using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReferralInsights.Models.Data;

/// <summary>An <see cref="IDataView"/> straight over <see cref="ModelData"/>'s arrays (optionally a subset of
/// rows): no per-row objects, no copies. Columns: one <c>Single</c> per numeric feature, one text column
/// per categorical feature (named by <see cref="FeatureColumn.InternalName"/>), and <c>Label</c>
/// (<c>Boolean</c>) when the data has labels.</summary>
internal sealed class ColumnarDataView : IDataView
{
    public const string LabelColumn = "Label";

    private readonly ModelData _data;
    private readonly int[]? _rows;
    private readonly Delegate[] _sources; // per schema column: Func<int, T> reading a data row

    public ColumnarDataView(ModelData data, int[]? rows)
    {
        _data = data;
        _rows = rows;
        var builder = new DataViewSchema.Builder();
        var sources = new List<Delegate>();
        int n = 0, c = 0;
        foreach (var feature in data.Schema.Features)
        {
            if (feature.Kind == FeatureKind.Numeric)
            {
                var values = data.Numeric[n++];
                builder.AddColumn(feature.InternalName, NumberDataViewType.Single);
                sources.Add((Func<int, float>)(row => values[row]));
            }
            else
            {
                var values = data.Categorical[c++];
                builder.AddColumn(feature.InternalName, TextDataViewType.Instance);
                sources.Add((Func<int, ReadOnlyMemory<char>>)(row => values[row]));
            }
        }
        if (data.Labels is { } labels)
        {
            builder.AddColumn(LabelColumn, BooleanDataViewType.Instance);
            sources.Add((Func<int, bool>)(row => labels[row]));
        }
        Schema = builder.ToSchema();
        _sources = sources.ToArray();
    }

    public DataViewSchema Schema { get; }
    public bool CanShuffle => false;
    public long? GetRowCount() => _rows?.Length ?? _data.RowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = new bool[Schema.Count];
        foreach (var column in columnsNeeded) active[column.Index] = true;
        return new Cursor(this, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(ColumnarDataView view, bool[] active) : DataViewRowCursor
    {
        private readonly int _count = (int)view.GetRowCount()!.Value;
        private long _position = -1;
        private int _row = -1;

        public override DataViewSchema Schema => view.Schema;
        public override long Position => _position;
        public override long Batch => 0;
        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override bool MoveNext()
        {
            if (_position + 1 >= _count) { _position = _count; return false; }
            _position++;
            _row = view._rows is { } rows ? rows[_position] : (int)_position;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!active[column.Index]) throw new InvalidOperationException($"column '{column.Name}' is not active");
            if (view._sources[column.Index] is not Func<int, TValue> read)
                throw new InvalidOperationException($"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}");
            return (ref TValue value) => value = read(_row);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);
    }
}

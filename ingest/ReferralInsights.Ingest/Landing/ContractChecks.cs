namespace ReferralInsights.Ingest.Landing;

/// <summary>The contract's value rules as SQL over a <see cref="TextBatch"/>'s text columns (data-contract.md: empty =
/// null; integers and decimals in plain notation, decimals DECIMAL(18,6) exact; booleans true/false/1/0/yes/no in any case;
/// timestamps ISO-8601, no offset = UTC, a date = midnight UTC; enum columns only their listed values; ranged decimals
/// only their interval; a required value of spaces only is empty). For each column one
/// expression gives the typed value and one gives why the text breaks the contract (null when it does not).</summary>
public static class ContractChecks
{
    private const string IntegerShape = @"\s*[+-]?[0-9]+\s*";
    private const string DecimalShape = @"\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*";
    private const string TimestampShape = @"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?\s*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?)?";

    public static string LandedType(ColumnType type) => type switch
    {
        ColumnType.Text => "VARCHAR",
        ColumnType.Integer => "BIGINT",
        ColumnType.Decimal => "DECIMAL(18,6)",
        ColumnType.Boolean => "BOOLEAN",
        ColumnType.Timestamp => "TIMESTAMP",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The typed value of a column whose <see cref="Problem"/> is null.</summary>
    public static string Value(ContractColumn column)
    {
        var v = Sql.Name(column.Name);
        return column.Type switch
        {
            ColumnType.Text => $"nullif({v}, '')",
            ColumnType.Integer => $"TRY_CAST(trim({v}) AS BIGINT)",
            ColumnType.Decimal => $"TRY_CAST(trim({v}) AS DECIMAL(18,6))",
            ColumnType.Boolean => $"CASE WHEN lower(trim({v})) IN ('true', '1', 'yes') THEN true WHEN lower(trim({v})) IN ('false', '0', 'no') THEN false END",
            // DuckDB's TIMESTAMP cast reads "Z" but ignores a numeric offset: only those go through TIMESTAMPTZ (ICU, slower)
            ColumnType.Timestamp =>
                $"CASE WHEN length(trim({v})) = 10 THEN CAST(TRY_CAST(trim({v}) AS DATE) AS TIMESTAMP) " +
                $"WHEN regexp_matches(trim({v}), '[+-][0-9]{{2}}(:?[0-9]{{2}})?$') THEN CAST(timezone('UTC', TRY_CAST(trim({v}) AS TIMESTAMPTZ)) AS TIMESTAMP) " +
                $"ELSE TRY_CAST(trim({v}) AS TIMESTAMP) END",
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
    }

    /// <summary>Why the column's text breaks the contract (<c>field x: …</c>), or null.</summary>
    public static string Problem(ContractColumn column)
    {
        var v = Sql.Name(column.Name);
        var quoted = $"'''' || {v} || ''''";
        var field = $"'field {column.Name}: '";
        var broken = column.Type switch
        {
            ColumnType.Text when column.Accepted is { } accepted =>
                $"WHEN lower(trim({v})) NOT IN ({string.Join(", ", accepted.Select(a => Sql.Literal(a.ToLowerInvariant())))}) " +
                $"THEN {field} || {quoted} || ' is not one of {string.Join(", ", accepted)}'",
            ColumnType.Text => null,
            ColumnType.Integer =>
                $"WHEN NOT regexp_full_match({v}, '{IntegerShape}') OR TRY_CAST(trim({v}) AS BIGINT) IS NULL THEN {field} || {quoted} || ' is not an integer'",
            ColumnType.Decimal =>
                $"WHEN NOT regexp_full_match({v}, '{DecimalShape}') THEN {field} || {quoted} || ' is not a decimal number' " +
                $"WHEN length(ltrim(regexp_replace(split_part(ltrim(trim({v}), '+-'), '.', 1), '^0+', ''))) > 12 " +
                $"THEN {field} || {quoted} || ' is out of range (at most 12 integer digits)' " +
                $"WHEN length(rtrim(split_part(trim({v}), '.', 2), '0')) > 6 THEN {field} || {quoted} || ' has more than 6 decimal places'" +
                (column.Range is { } range ? $" WHEN NOT ({Within(range, Value(column))}) THEN {field} || {quoted} || ' is not {range}'" : ""),
            ColumnType.Boolean =>
                $"WHEN lower(trim({v})) NOT IN ('true', '1', 'yes', 'false', '0', 'no') THEN {field} || {quoted} || ' is not a boolean (true/false/1/0/yes/no)'",
            ColumnType.Timestamp =>
                $"WHEN NOT regexp_full_match(trim({v}), '{TimestampShape}') OR ({Value(column)}) IS NULL " +
                $"THEN {field} || {quoted} || ' is not an ISO-8601 date or timestamp'",
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
        var required = column.Required ? $"WHEN {v} IS NULL OR trim({v}) = '' THEN {field} || 'required value is empty' " : "";
        if (broken is null && required == "") return "CAST(NULL AS VARCHAR)";
        return $"CASE {required}WHEN {v} IS NULL OR {v} = '' THEN NULL {broken ?? ""} END";
    }

    private static string Within(DecimalRange range, string value) =>
        $"{value} {(range.MinIncluded ? ">=" : ">")} {range.Min.ToString(System.Globalization.CultureInfo.InvariantCulture)}" +
        (range.Max is { } max ? $" AND {value} <= {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "");

    /// <summary>Why a row breaks the contract: its read error, else every problem of its fields joined by "; ", else null.</summary>
    public static string Reason(ContractEntity entity) =>
        $"coalesce(_read_error, nullif(concat_ws('; ', {string.Join(", ", entity.Columns.Select(Problem))}), ''))";
}

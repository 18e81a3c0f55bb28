namespace ReferralInsights.Reports;

/// <summary>A number as <see cref="Format"/> writes it: the text a person reads (<see cref="Shown"/>: rounded, with
/// separators and symbols) and the value a machine reads (<see cref="Raw"/>: invariant digits at the marts' precision,
/// empty when missing) in <see cref="Unit"/> (a currency code, "ratio", "days"; null for a count). Wherever text is
/// expected it is its shown text.</summary>
public readonly record struct Number(string Shown, string Raw, string? Unit)
{
    public static implicit operator string(Number number) => number.Shown;

    public override string ToString() => Shown;
}

/// <summary>One cell of a page table: what the page shows, and what its CSV export holds — a number's raw value (its
/// unit named in the column's header), or the text itself.</summary>
public readonly record struct Cell(string Shown, string Raw, string? Unit)
{
    public static implicit operator Cell(string text) => new(text, text, null);

    public static implicit operator Cell(Number number) => new(number.Shown, number.Raw, number.Unit);
}

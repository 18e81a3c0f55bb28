namespace ReferralInsights.Models.Training;

/// <summary>One train/test split: row indexes into the data, each ascending.</summary>
internal sealed record Split(int Fold, int[] Train, int[] Test);

/// <summary>How rows are split for evaluation.</summary>
/// <remarks>
/// <para><b>Random</b> (default): stratified k-fold — positives and negatives are each shuffled with the
/// seed and dealt round-robin to the k folds, so every fold has the same positive rate (±1 row).</para>
/// <para><b>Time-ordered</b>: an expanding window in row order, as scikit-learn's <c>TimeSeriesSplit</c>:
/// the rows are cut into k + 1 consecutive equal blocks, fold i (1…k) trains on blocks 0…i−1 and
/// tests on block i — a model never sees a row later than the ones it is scored on. The first fold
/// trains on the least data, so its AUC is usually the weakest.</para>
/// <para>With k = 1 both modes are a single 80 % / 20 % hold-out: a stratified random one, or the first
/// 80 % of rows against the last 20 %.</para>
/// </remarks>
internal static class Folds
{
    public static IReadOnlyList<Split> Stratified(IReadOnlyList<bool> labels, int folds, int seed)
    {
        if (folds < 1) throw new ArgumentOutOfRangeException(nameof(folds), "at least one fold");
        var random = new Random(seed);
        var positives = Enumerable.Range(0, labels.Count).Where(i => labels[i]).ToArray();
        var negatives = Enumerable.Range(0, labels.Count).Where(i => !labels[i]).ToArray();
        random.Shuffle(positives);
        random.Shuffle(negatives);
        var assignment = new int[labels.Count];
        if (folds == 1)
        {
            // single hold-out: every 5th row of each shuffled class is a test row
            for (var i = 0; i < positives.Length; i++) assignment[positives[i]] = i % 5 == 0 ? 0 : -1;
            for (var i = 0; i < negatives.Length; i++) assignment[negatives[i]] = i % 5 == 0 ? 0 : -1;
        }
        else
        {
            var next = 0;
            foreach (var row in positives.Concat(negatives)) assignment[row] = next++ % folds;
        }
        if (Math.Min(positives.Length, negatives.Length) < folds)
            throw new InvalidDataException($"{positives.Length} positive and {negatives.Length} negative rows cannot fill {folds} folds");
        return Enumerable.Range(0, folds).Select(f => new Split(f + 1,
            Enumerable.Range(0, labels.Count).Where(i => assignment[i] != f).ToArray(),
            Enumerable.Range(0, labels.Count).Where(i => assignment[i] == f).ToArray())).ToArray();
    }

    public static IReadOnlyList<Split> TimeOrdered(int rows, int folds)
    {
        if (folds < 1) throw new ArgumentOutOfRangeException(nameof(folds), "at least one fold");
        if (folds == 1)
        {
            var cut = (int)Math.Round(rows * 0.8);
            return [new Split(1, Enumerable.Range(0, cut).ToArray(), Enumerable.Range(cut, rows - cut).ToArray())];
        }
        var blocks = folds + 1;
        int Start(int block) => (int)((long)rows * block / blocks);
        return Enumerable.Range(1, folds).Select(i => new Split(i,
            Enumerable.Range(0, Start(i)).ToArray(),
            Enumerable.Range(Start(i), Start(i + 1) - Start(i)).ToArray())).ToArray();
    }

    /// <summary>Holds back <paramref name="fraction"/> of <paramref name="train"/> for choosing and calibrating:
    /// the latest rows in time order, else a stratified random sample.</summary>
    public static (int[] Fit, int[] Validation) Inner(int[] train, IReadOnlyList<bool> labels, double fraction, bool timeOrdered, int seed)
    {
        if (timeOrdered)
        {
            var cut = train.Length - Math.Max(1, (int)Math.Round(train.Length * fraction));
            return (train[..cut], train[cut..]);
        }
        var random = new Random(seed ^ 0x5bd1e995);
        var validation = new HashSet<int>();
        foreach (var cls in new[] { true, false })
        {
            var rows = train.Where(r => labels[r] == cls).ToArray();
            random.Shuffle(rows);
            foreach (var r in rows.Take((int)Math.Round(rows.Length * fraction))) validation.Add(r);
        }
        return (train.Where(r => !validation.Contains(r)).ToArray(), train.Where(validation.Contains).ToArray());
    }

    /// <summary>At most <paramref name="max"/> of <paramref name="rows"/> (ascending row indexes, which are in time order
    /// when the data is): each class taken evenly spaced along its rows, in proportion to its size (a class is never left
    /// out). So the sample keeps the positive rate to a row and every period's share of the rows, and needs no seed.
    /// All of <paramref name="rows"/> when there are no more than <paramref name="max"/>.</summary>
    public static int[] TimeSpreadSample(int[] rows, IReadOnlyList<bool> labels, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (rows.Length <= max) return rows;
        var positives = rows.Where(r => labels[r]).ToArray();
        var negatives = rows.Where(r => !labels[r]).ToArray();
        var takePositives = Math.Clamp((int)Math.Round((double)max * positives.Length / rows.Length, MidpointRounding.AwayFromZero),
            Math.Min(1, positives.Length), positives.Length);
        var takeNegatives = Math.Min(negatives.Length, max - takePositives);
        return EvenlySpaced(positives, takePositives).Concat(EvenlySpaced(negatives, takeNegatives)).Order().ToArray();
    }

    // The middle row of each of `take` equal stretches of `rows`.
    private static IEnumerable<int> EvenlySpaced(int[] rows, int take) =>
        Enumerable.Range(0, take).Select(i => rows[(int)((2L * i + 1) * rows.Length / (2L * take))]);
}

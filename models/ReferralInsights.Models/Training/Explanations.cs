using ReferralInsights.Models.Data;
using ReferralInsights.Models.Evaluation;

namespace ReferralInsights.Models.Training;

/// <summary>Per-row probabilities and top factors from a candidate's per-slot contributions, summed over each source
/// column's slots. Shared by a freshly trained model and one loaded from the registry, so both explain the same way.
/// Rows are scored in blocks, the blocks in parallel; each row's result depends on that row alone, so the output is
/// the same on any number of cores.</summary>
internal static class Explanations
{
    /// <summary>Rows scored together: a block's contributions (rows × source columns doubles) stay a few MB.</summary>
    public const int BlockRows = 8_192;

    /// <param name="calibration">Platt scaling of the raw scores, or <c>null</c> for the trainer's own probabilities</param>
    public static IReadOnlyList<RowExplanation> Explain(IFittedCandidate candidate, PlattScaling? calibration,
        IReadOnlyList<FeatureSlots> slots, ModelData data, int top)
    {
        var features = data.Schema.Features;
        var slotCount = slots.Count == 0 ? 0 : slots[^1].Start + slots[^1].Length;
        var featureOfSlot = new int[slotCount];
        foreach (var s in slots)
            for (var k = s.Start; k < s.Start + s.Length; k++) featureOfSlot[k] = IndexOf(features, s.Source);
        var result = new RowExplanation[data.RowCount];
        Parallel.For(0, (data.RowCount + BlockRows - 1) / BlockRows, block =>
        {
            var first = block * BlockRows;
            var rows = Enumerable.Range(first, Math.Min(BlockRows, data.RowCount - first)).ToArray();
            var scores = new float[rows.Length];
            var contributions = new double[rows.Length * features.Count];
            candidate.ScoreAndContribute(data.ToDataView(rows), featureOfSlot, features.Count, scores, contributions);
            var probabilities = calibration?.Apply(scores) ?? Array.ConvertAll(scores, candidate.Probability);
            for (var i = 0; i < rows.Length; i++)
            {
                var at = i * features.Count;
                var factors = Largest(contributions.AsSpan(at, features.Count), top)
                    .Select(f => new Factor(features[f].Name, data.Display(features[f], rows[i]), contributions[at + f]))
                    .ToArray();
                result[rows[i]] = new RowExplanation(data.FrameRows[rows[i]], probabilities[i], factors);
            }
        });
        return result;
    }

    public static int IndexOf(IReadOnlyList<FeatureColumn> features, FeatureColumn feature)
    {
        for (var i = 0; i < features.Count; i++) if (ReferenceEquals(features[i], feature) || features[i] == feature) return i;
        throw new InvalidOperationException($"'{feature.Name}' is not a feature");
    }

    // The non-zero values with the largest magnitude, largest first; the lower index wins a tie.
    private static List<int> Largest(ReadOnlySpan<double> values, int top)
    {
        var chosen = new List<int>(top);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] == 0) continue;
            var at = chosen.Count;
            while (at > 0 && Math.Abs(values[chosen[at - 1]]) < Math.Abs(values[i])) at--;
            if (at >= top) continue;
            chosen.Insert(at, i);
            if (chosen.Count > top) chosen.RemoveAt(top);
        }
        return chosen;
    }
}

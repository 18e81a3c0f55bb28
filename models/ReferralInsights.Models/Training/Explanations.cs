using ReferralInsights.Models.Data;

namespace ReferralInsights.Models.Training;

/// <summary>Per-row top factors from a candidate's per-slot contributions, summed over each source column's slots.
/// Shared by a freshly trained model and one loaded from the registry, so both explain the same way.</summary>
internal static class Explanations
{
    public static IReadOnlyList<RowExplanation> Explain(IFittedCandidate candidate, IReadOnlyList<FeatureSlots> slots, ModelData data,
        float[] probabilities, int top)
    {
        var contributions = candidate.Contributions(data.ToDataView());
        var features = data.Schema.Features;
        var result = new RowExplanation[data.RowCount];
        var perFeature = new double[features.Count];
        var featureOfSlot = slots.Select(s => IndexOf(features, s.Source)).ToArray();
        for (var row = 0; row < data.RowCount; row++)
        {
            Array.Clear(perFeature);
            for (var s = 0; s < slots.Count; s++)
                for (var k = slots[s].Start; k < slots[s].Start + slots[s].Length; k++) perFeature[featureOfSlot[s]] += contributions[row][k];
            var factors = Enumerable.Range(0, features.Count)
                .Where(i => perFeature[i] != 0)
                .OrderByDescending(i => Math.Abs(perFeature[i])).ThenBy(i => i)
                .Take(top)
                .Select(i => new Factor(features[i].Name, data.Display(features[i], row), perFeature[i]))
                .ToArray();
            result[row] = new RowExplanation(data.FrameRows[row], probabilities[row], factors);
        }
        return result;
    }

    public static int IndexOf(IReadOnlyList<FeatureColumn> features, FeatureColumn feature)
    {
        for (var i = 0; i < features.Count; i++) if (ReferenceEquals(features[i], feature) || features[i] == feature) return i;
        throw new InvalidOperationException($"'{feature.Name}' is not a feature");
    }
}

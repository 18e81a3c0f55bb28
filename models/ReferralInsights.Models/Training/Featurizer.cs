using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using ReferralInsights.Models.Data;

namespace ReferralInsights.Models.Training;

/// <summary>A block of slots in the <c>Features</c> vector and the source column it comes from.</summary>
public sealed record FeatureSlots(FeatureColumn Source, string Part, int Start, int Length);

/// <summary>The one featurization pipeline: numerics get a missing-value indicator (when the column has
/// missing values) and mean replacement; categoricals are one-hot encoded (hashed when they have many
/// levels; a missing value is its own level); everything is concatenated into <c>Features</c>.
/// Normalization is not here: only the linear model needs it and it is appended to that trainer.</summary>
internal static class Featurizer
{
    public const string FeaturesColumn = "Features";

    public static IEstimator<ITransformer> Build(MLContext ml, DatasetSchema schema)
    {
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        var parts = new List<string>();
        foreach (var f in schema.Features)
        {
            var name = f.InternalName;
            if (f.Kind == FeatureKind.Numeric)
            {
                if (f.HasMissing)
                {
                    chain = chain.Append(ml.Transforms.IndicateMissingValues(name + "_isna", name))
                        .Append(ml.Transforms.Conversion.ConvertType(name + "_na", name + "_isna", DataKind.Single));
                }
                chain = chain.Append(ml.Transforms.ReplaceMissingValues(name + "_v", name, MissingValueReplacingEstimator.ReplacementMode.Mean));
                parts.Add(name + "_v");
                if (f.HasMissing) parts.Add(name + "_na");
            }
            else
            {
                chain = f.Encoding == CategoricalEncoding.Hash
                    ? chain.Append(ml.Transforms.Categorical.OneHotHashEncoding(name + "_v", name, numberOfBits: f.HashBits))
                    : chain.Append(ml.Transforms.Categorical.OneHotEncoding(name + "_v", name));
                parts.Add(name + "_v");
            }
        }
        return chain.Append(ml.Transforms.Concatenate(FeaturesColumn, parts.ToArray()));
    }

    /// <summary>Where each source column's slots are in <c>Features</c>, read from a featurized schema.</summary>
    public static IReadOnlyList<FeatureSlots> Slots(DatasetSchema schema, DataViewSchema featurized)
    {
        var slots = new List<FeatureSlots>();
        var start = 0;
        foreach (var f in schema.Features)
        {
            foreach (var (suffix, part) in f.Kind == FeatureKind.Numeric
                         ? f.HasMissing ? new[] { ("_v", "value"), ("_na", "missing") } : [("_v", "value")]
                         : [("_v", f.Encoding == CategoricalEncoding.Hash ? "hashed levels" : "levels")])
            {
                var column = featurized[f.InternalName + suffix];
                var length = column.Type is VectorDataViewType v ? v.Size : 1;
                slots.Add(new FeatureSlots(f, part, start, length));
                start += length;
            }
        }
        var total = ((VectorDataViewType)featurized[FeaturesColumn].Type).Size;
        if (total != start) throw new InvalidOperationException($"feature slots add up to {start}, the Features vector has {total}");
        return slots;
    }
}

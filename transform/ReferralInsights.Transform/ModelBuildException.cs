namespace ReferralInsights.Transform;

/// <summary>A model of the warehouse could not be built (its SQL failed): names the model, with DuckDB's error as the
/// inner exception. Nothing built by such a run may be published.</summary>
public sealed class ModelBuildException(string model, Exception inner) : Exception($"model {model} failed: {inner.Message}", inner)
{
    public string Model { get; } = model;
}

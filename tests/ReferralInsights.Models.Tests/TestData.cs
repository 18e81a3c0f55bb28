using ReferralInsights.Models.Data;

namespace ReferralInsights.Models.Tests;

/// <summary>Synthetic frames and the shared datasets folder.</summary>
internal static class TestData
{
    /// <summary><c>../shared/datasets</c> next to the repository root (the folder with ReferralInsights.sln), or null.</summary>
    public static string? SharedDatasets()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReferralInsights.sln")))
            {
                var datasets = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
                return Directory.Exists(datasets) ? datasets : null;
            }
        return null;
    }

    /// <summary>The label is 1 exactly when <c>signal</c> + small noise &gt; 0; <c>noise1..3</c> and <c>channel</c> carry nothing.</summary>
    public static TabularFrame Synthetic(int rows, int seed, bool withSignal = true)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var signal = new double[rows];
        var noise = new double[3][];
        for (var k = 0; k < 3; k++) noise[k] = new double[rows];
        var channel = new string?[rows];
        var label = new double[rows];
        string[] channels = ["web", "partner", "event", "email"];
        for (var i = 0; i < rows; i++)
        {
            signal[i] = Normal();
            for (var k = 0; k < 3; k++) noise[k][i] = Normal();
            channel[i] = i % 17 == 0 ? null : channels[random.Next(channels.Length)];
            label[i] = withSignal ? (signal[i] + 0.3 * Normal() > 0 ? 1 : 0) : random.Next(2);
        }
        return new TabularFrame([
            new NumericRawColumn("noise1", "Double", noise[0]),
            new NumericRawColumn("signal", "Double", signal),
            new NumericRawColumn("noise2", "Double", noise[1]),
            new TextRawColumn("channel", "String", channel),
            new NumericRawColumn("noise3", "Double", noise[2]),
            new NumericRawColumn("converted", "Int64", label),
        ]);
    }

    public static ModelData Prepare(TabularFrame frame) =>
        ColumnInference.Infer(frame, new InferenceOptions { Label = "converted" }).Schema.Prepare(frame);
}

using ReferralInsights.Models.Data;
using ReferralInsights.Models.Training;
using Xunit.Abstractions;

namespace ReferralInsights.Models.Tests.Benchmarks;

/// <summary>5-fold AUC on the two public lead datasets in <c>../shared/datasets</c> (never copied into the repo),
/// leaky columns excluded as their READMEs say, against scikit-learn gradient boosting's reference − 0.02.
/// Uses <see cref="TrainerSettings.Quick"/> (60 trees) to keep the test run short; the CLI's default
/// settings (300 trees) measure slightly higher on the bank file. When the folder is absent the tests
/// pass with a note in their output.</summary>
public class RealDataBenchmarkTests(ITestOutputHelper output)
{
    private const double BankReference = 0.803;
    private const double XEducationReference = 0.874;

    [Fact]
    public async Task BankMarketing_FiveFold_WithinTwoPointsOfReference()
    {
        var file = Locate("bank-marketing", "bank-additional-full.csv");
        if (file is null) return;
        var frame = await DuckDbTabularReader.ReadCsvAsync(file, ";");
        var schema = ColumnInference.Infer(frame, new InferenceOptions
        {
            Label = "y", PositiveValue = "yes", Exclude = ["duration"],
            MissingNumbers = new Dictionary<string, double> { ["pdays"] = 999 },
        }).Schema;
        Assert.DoesNotContain(schema.Features, f => f.Name == "duration");
        Run(schema.Prepare(frame), BankReference);
    }

    [Fact]
    public async Task XEducationLeads_FiveFold_WithinTwoPointsOfReference()
    {
        var file = Locate("x-education-leads", "Leads.csv");
        if (file is null) return;
        var frame = await DuckDbTabularReader.ReadCsvAsync(file, ",");
        var schema = ColumnInference.Infer(frame, new InferenceOptions
        {
            Label = "Converted",
            // identifiers, post-contact sales fields and the time-ambiguous "last activity" columns
            Exclude = ["Prospect ID", "Lead Number", "Tags", "Lead Quality", "Lead Profile", "Asymmetrique Activity Index",
                "Asymmetrique Profile Index", "Asymmetrique Activity Score", "Asymmetrique Profile Score",
                "Last Activity", "Last Notable Activity"],
        }).Schema;
        Run(schema.Prepare(frame), XEducationReference);
    }

    private void Run(ModelData data, double reference)
    {
        var report = LeadModelTrainer.CrossValidate(data, folds: 5, seed: 42, settings: TrainerSettings.Quick);
        foreach (var fold in report.Folds)
            output.WriteLine($"fold {fold.Fold}: AUC {fold.Auc:0.0000} ({fold.Winner}); candidates " +
                             string.Join(", ", fold.Candidates.Select(c => $"{c.Trainer} {c.TestAuc:0.0000}")) +
                             $"; ECE {fold.BeforeCalibration.Ece:0.0000} → {fold.Final.Ece:0.0000}; lift@10% {fold.Final.LiftTopDecile:0.00}");
        output.WriteLine($"mean AUC {report.MeanAuc:0.0000} ± {report.StdAuc:0.0000} (reference {reference:0.000}) in {report.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(5, report.Folds.Count);
        Assert.True(report.MeanAuc >= reference - 0.02, $"mean AUC {report.MeanAuc:0.0000} below {reference - 0.02:0.000}");
        Assert.True(report.MeanAuc < 0.95, $"mean AUC {report.MeanAuc:0.0000}: a leaky column slipped in");
    }

    private string? Locate(string folder, string file)
    {
        var datasets = TestData.SharedDatasets();
        var path = datasets is null ? null : Path.Combine(datasets, folder, file);
        if (path is not null && File.Exists(path)) return path;
        output.WriteLine($"SKIPPED (passes trivially): {folder}/{file} not found under ../shared/datasets next to the repository root");
        return null;
    }
}

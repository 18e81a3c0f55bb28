using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ReferralInsights.Models.Data;
using ReferralInsights.Models.Evaluation;
using ReferralInsights.Models.Training;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>model evaluate</c>: cross-validates the lead-scoring pipeline on any tabular leads file.
/// <c>model train</c> / <c>model score</c> are in <see cref="LeadModelCommands"/>.</summary>
internal static class ModelCommand
{
    public static Command Create() => new("model", "Lead-quality models") { LeadModelCommands.Train(), Evaluate(), LeadModelCommands.Score() };

    private static Command Evaluate()
    {
        var csv = new Option<string>("--csv") { Description = "The leads file (any delimited text; column types are inferred)", Required = true };
        var label = new Option<string>("--label") { Description = "The binary outcome column", Required = true };
        var positive = new Option<string?>("--positive") { Description = "The label value that counts as converted (default: 1 / true / yes)" };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Columns that are not features (leaky, identifiers), comma-separated or repeated",
            DefaultValueFactory = _ => [], AllowMultipleArgumentsPerToken = true,
        };
        var separator = new Option<string?>("--separator") { Description = "Field separator (default: detected; \\t for tab)" };
        var folds = new Option<int>("--folds") { Description = "Number of folds (1 = a single 80/20 hold-out)", DefaultValueFactory = _ => 5 };
        var timeOrder = new Option<bool>("--time-order")
        {
            Description = "Folds are consecutive blocks in row order; each trains only on the blocks before its test block (expanding window)",
        };
        var orderBy = new Option<string?>("--order-by") { Description = "Sort rows by this column first (e.g. a created-at or monotone id) — for --time-order" };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same folds and AUCs", DefaultValueFactory = _ => 42 };
        var missing = new Option<string?>("--missing")
        {
            Description = $"Comma-separated text values meaning \"missing\" (default: {string.Join(",", InferenceOptions.DefaultMissingTokens)})",
        };
        var sentinel = new Option<string[]>("--sentinel")
        {
            Description = "COLUMN=NUMBER: a number that means missing in that column (e.g. pdays=999); repeatable",
            DefaultValueFactory = _ => [],
        };
        var quick = new Option<bool>("--quick") { Description = "Smaller ensembles (60 trees): about 3× faster, slightly lower AUC" };

        var command = new Command("evaluate", "Train and cross-validate FastTree, LightGbm and logistic regression on a leads file; print per-fold AUC and the mean")
        {
            csv, label, positive, exclude, separator, folds, timeOrder, orderBy, seed, missing, sentinel, quick,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var clock = Stopwatch.StartNew();
                var path = parse.GetValue(csv)!;
                var frame = await DuckDbTabularReader.ReadCsvAsync(path, parse.GetValue(separator), parse.GetValue(orderBy), cancellationToken);
                output.WriteLine($"read {frame.RowCount:N0} rows × {frame.Columns.Count} columns from {Path.GetFileName(path)} in {clock.Elapsed.TotalSeconds:0.0} s");

                var options = new InferenceOptions
                {
                    Label = parse.GetValue(label)!,
                    PositiveValue = parse.GetValue(positive),
                    Exclude = SplitList(parse.GetValue(exclude)),
                    MissingTokens = parse.GetValue(missing) is { } tokens ? SplitList([tokens]) : InferenceOptions.DefaultMissingTokens,
                    MissingNumbers = ParseSentinels(parse.GetValue(sentinel)),
                };
                var inference = ColumnInference.Infer(frame, options);
                foreach (var column in inference.Columns)
                    output.WriteLine($"  {column.Name,-40} {column.SourceType,-8} {Role(column.Role),-12} missing {column.Missing,6:N0}  distinct {column.Distinct,6:N0}  {column.Note}");
                var data = inference.Schema.Prepare(frame);
                output.WriteLine($"{data.RowCount:N0} labelled rows, {data.Positives:N0} positive ({(double)data.Positives / data.RowCount:P1}); " +
                                 $"{inference.Schema.Numeric.Count()} numeric and {inference.Schema.Categorical.Count()} categorical features");

                var settings = parse.GetValue(quick) ? TrainerSettings.Quick : TrainerSettings.Default;
                var timeOrdered = parse.GetValue(timeOrder);
                var report = LeadModelTrainer.CrossValidate(data, parse.GetValue(folds), timeOrdered, parse.GetValue(seed), settings);
                output.WriteLine(timeOrdered
                    ? report.Folds.Count == 1 ? "split: first 80 % of rows train, last 20 % test" : $"split: {report.Folds.Count} expanding-window folds in row order"
                    : report.Folds.Count == 1 ? "split: stratified 80/20 hold-out" : $"split: stratified {report.Folds.Count}-fold");
                foreach (var fold in report.Folds)
                {
                    var candidates = string.Join(", ", fold.Candidates.Select(c => $"{c.Trainer} {F(c.TestAuc ?? double.NaN)}"));
                    var ece = fold.AfterCalibration is { } after ? $"ECE {F(fold.BeforeCalibration.Ece)} → {F(after.Ece)} (Platt)" : $"ECE {F(fold.BeforeCalibration.Ece)}";
                    output.WriteLine($"fold {fold.Fold}: AUC {F(fold.Auc)}  winner {fold.Winner,-8}  train {fold.TrainRows:N0} / test {fold.TestRows:N0}  " +
                                     $"log-loss {F(fold.Final.LogLoss)}  {ece}  lift@10% {fold.Final.LiftTopDecile:0.00}  [candidates: {candidates}]  {fold.Elapsed.TotalSeconds:0.0} s");
                }
                output.WriteLine("mean test AUC per trainer (each fitted without the fold's validation rows): " +
                                 string.Join(", ", report.MeanAucByTrainer.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {F(kv.Value)}")));
                output.WriteLine($"calibration: mean ECE {F(report.MeanEceBefore)} with the trainers' own probabilities, {F(report.MeanEceAfter)} as scored " +
                                 $"(Platt scaling in {report.Folds.Count(f => f.Calibration is not null)} of {report.Folds.Count} folds)");
                output.WriteLine("reliability (all test rows): bin  count  mean predicted  observed");
                foreach (var bin in Pool(report.Folds.Select(f => f.Final.Calibration)))
                    output.WriteLine($"  [{bin.Lower:0.0}, {bin.Upper:0.0}{(bin.Upper >= 1 ? "]" : ")")}  {bin.Count,7:N0}  {F(bin.MeanPredicted),14}  {F(bin.ObservedRate),8}");
                output.WriteLine($"done in {clock.Elapsed.TotalSeconds:0.0} s (seed {report.Seed})");
                output.WriteLine($"mean AUC: {F(report.MeanAuc)}");
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or FileNotFoundException or KeyNotFoundException
                                          or DuckDB.NET.Data.DuckDBException)
            {
                await error.WriteLineAsync($"model evaluate: {e.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static string F(double value) => double.IsNaN(value) ? "–" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Role(ColumnRole role) => role switch
    {
        ColumnRole.NumericFeature => "numeric",
        ColumnRole.CategoricalFeature => "categorical",
        _ => role.ToString().ToLowerInvariant(),
    };

    private static string[] SplitList(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();

    private static Dictionary<string, double> ParseSentinels(string[]? values)
    {
        var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in SplitList(values))
        {
            var at = item.LastIndexOf('=');
            if (at <= 0 || !double.TryParse(item[(at + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                throw new ArgumentException($"--sentinel '{item}' is not COLUMN=NUMBER");
            result[item[..at].Trim()] = number;
        }
        return result;
    }

    private static IEnumerable<CalibrationBin> Pool(IEnumerable<IReadOnlyList<CalibrationBin>> perFold)
    {
        var folds = perFold.ToArray();
        for (var b = 0; b < folds[0].Count; b++)
        {
            var bins = folds.Select(f => f[b]).Where(x => x.Count > 0).ToArray();
            var count = bins.Sum(x => x.Count);
            yield return new CalibrationBin(folds[0][b].Lower, folds[0][b].Upper, count,
                count == 0 ? double.NaN : bins.Sum(x => x.MeanPredicted * x.Count) / count,
                count == 0 ? double.NaN : bins.Sum(x => x.ObservedRate * x.Count) / count);
        }
    }
}

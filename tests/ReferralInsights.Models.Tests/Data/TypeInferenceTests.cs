using System.Globalization;
using System.Text;
using ReferralInsights.Models.Data;

namespace ReferralInsights.Models.Tests.Data;

public class TypeInferenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ri-models-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // 60 rows, ';'-separated. Each column exercises one rule:
    //   lead_id   unique integers                      → identifier (dropped)
    //   visits    integers, with 'Select' and empty     → DuckDB reads VARCHAR; all the rest parse → numeric, 2 + 3 missing
    //   amount    decimals with 'unknown'               → numeric, 6 missing
    //   source    text with 'Select'                    → categorical, 'Select' is missing (4)
    //   region    zero-padded codes '007'…              → categorical (a code, not a number)
    //   country   one value everywhere                  → constant (dropped)
    //   pdays     999 = never contacted                 → numeric with the sentinel as missing (20)
    //   note      free text excluded by option          → excluded
    //   won       yes/no                                → DuckDB reads BOOLEAN; label, positive "true" inferred
    private string WriteCsv()
    {
        var csv = new StringBuilder("lead_id;visits;amount;source;region;country;pdays;note;won\n");
        string[] sources = ["web", "partner", "event"];
        for (var i = 0; i < 60; i++)
        {
            var visits = i % 30 == 0 ? "Select" : i % 20 == 5 ? "" : (i % 7).ToString(CultureInfo.InvariantCulture);
            var amount = i % 10 == 3 ? "unknown" : (i * 1.25).ToString(CultureInfo.InvariantCulture);
            var source = i % 15 == 1 ? "Select" : sources[i % 3];
            var region = $"00{i % 4}";
            var pdays = i % 3 == 0 ? "999" : (i % 9).ToString(CultureInfo.InvariantCulture);
            csv.Append($"{1000 + i};{visits};{amount};{source};{region};PT;{pdays};free text {i};{(i % 4 == 0 ? "yes" : "no")}\n");
        }
        var path = Path.Combine(_folder, "leads.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Fact]
    public async Task Infer_SmallCsv_NumericCategoricalMissingAndDroppedColumns()
    {
        var frame = await DuckDbTabularReader.ReadCsvAsync(WriteCsv(), ";");
        var result = ColumnInference.Infer(frame, new InferenceOptions
        {
            Label = "won", Exclude = ["note"], MissingNumbers = new Dictionary<string, double> { ["pdays"] = 999 },
        });
        var roles = result.Columns.ToDictionary(c => c.Name);

        Assert.Equal(60, frame.RowCount);
        Assert.Equal(ColumnRole.Identifier, roles["lead_id"].Role);
        Assert.Equal(ColumnRole.NumericFeature, roles["visits"].Role);
        Assert.Equal(5, roles["visits"].Missing);
        Assert.Equal(ColumnRole.NumericFeature, roles["amount"].Role);
        Assert.Equal(6, roles["amount"].Missing);
        Assert.Equal(ColumnRole.CategoricalFeature, roles["source"].Role);
        Assert.Equal(4, roles["source"].Missing);
        Assert.Equal(3, roles["source"].Distinct);
        Assert.Equal(ColumnRole.CategoricalFeature, roles["region"].Role);
        Assert.Equal(ColumnRole.Constant, roles["country"].Role);
        Assert.Equal(ColumnRole.NumericFeature, roles["pdays"].Role);
        Assert.Equal(20, roles["pdays"].Missing);
        Assert.Equal(ColumnRole.Excluded, roles["note"].Role);
        Assert.Equal(ColumnRole.Label, roles["won"].Role);
        Assert.Equal("true", result.Schema.PositiveValue);

        var data = result.Schema.Prepare(frame);
        Assert.Equal(15, data.Positives);
        Assert.Equal(["visits", "amount", "source", "region", "pdays"], result.Schema.Features.Select(f => f.Name));
        var visits = data.Numeric[0];
        Assert.True(float.IsNaN(visits[0]));   // 'Select'
        Assert.True(float.IsNaN(visits[5]));   // empty
        Assert.Equal(1f, visits[1]);
        var source = data.Categorical[0];
        Assert.Equal(DatasetSchema.MissingLevel, source[1].ToString());
        Assert.Equal("partner", source[4].ToString());
        Assert.True(float.IsNaN(data.Numeric[2][0])); // pdays 999
    }

    // A label with values other than the usual positive words needs --positive.
    [Fact]
    public void Infer_UnrecognisedLabelValues_AsksForPositive()
    {
        var frame = new TabularFrame([
            new NumericRawColumn("x", "Double", [1, 2, 3, 4]),
            new TextRawColumn("outcome", "String", ["gold", "lead", "gold", "lead"]),
        ]);
        var error = Assert.Throws<InvalidDataException>(() => ColumnInference.Infer(frame, new InferenceOptions { Label = "outcome" }));
        Assert.Contains("give it explicitly", error.Message);
        var ok = ColumnInference.Infer(frame, new InferenceOptions { Label = "outcome", PositiveValue = "gold" });
        Assert.Equal(2, ok.Schema.Prepare(frame).Positives);
    }

    // Arrow types beyond CSV's: DECIMAL, BOOLEAN, DATE, ENUM (a dictionary array), NULLs.
    [Fact]
    public async Task ReadQuery_ArrowTypes_ConvertedPerColumn()
    {
        await using var connection = await DuckDbTabularReader.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TYPE tier AS ENUM ('bronze', 'silver', 'gold')";
            await create.ExecuteNonQueryAsync();
        }
        var frame = await DuckDbTabularReader.ReadQueryAsync(connection, """
            SELECT * FROM (VALUES
              (1.50::DECIMAL(10,2), true,  DATE '2024-03-01', 'gold'::tier, 'a', 10::TINYINT),
              (NULL,                false, NULL,              NULL,         NULL, NULL),
              (-2.25::DECIMAL(10,2), NULL, DATE '2024-03-03', 'bronze'::tier, 'c', 30::TINYINT)
            ) t(amount, active, signed_on, tier, code, small)
            """);
        Assert.Equal(3, frame.RowCount);
        Assert.Equal([1.5, double.NaN, -2.25], ((NumericRawColumn)frame["amount"]).Values);
        Assert.Equal([1, 0, double.NaN], ((NumericRawColumn)frame["active"]).Values);
        Assert.Equal(new DateTime(2024, 3, 3), ((TemporalRawColumn)frame["signed_on"]).Values[2]);
        Assert.Equal(new string?[] { "gold", null, "bronze" }, ((TextRawColumn)frame["tier"]).Values);
        Assert.Equal([10, double.NaN, 30], ((NumericRawColumn)frame["small"]).Values);
        Assert.Equal(frame.ContentHash(), frame.ContentHash());
    }
}

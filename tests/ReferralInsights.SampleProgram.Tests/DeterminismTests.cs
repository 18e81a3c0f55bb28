namespace ReferralInsights.SampleProgram.Tests;

[Collection(SmallSampleCollection.Name)]
public sealed class DeterminismTests(SmallSample sample)
{
    // The pipeline's tests and demos rely on regenerating exactly the same program: no clock, no Guid, no hash order.
    [Fact]
    public void Generate_SameSeedAndScale_WritesByteIdenticalFiles()
    {
        var again = Directory.CreateTempSubdirectory("ri-sample-again-").FullName;
        try
        {
            SampleProgramGenerator.Generate(again, SmallSample.Seed, SampleScale.Small);
            var files = Files(sample.Dir);
            Assert.Equal(files, Files(again));
            Assert.Equal(16, files.Count); // 14 entity files, portal.db, ground_truth.csv
            foreach (var file in files)
                Assert.True(File.ReadAllBytes(Path.Combine(sample.Dir, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again, file))),
                    $"{file} differs between two runs of seed {SmallSample.Seed}");
        }
        finally { Directory.Delete(again, recursive: true); }
    }

    [Fact]
    public void Generate_AnotherSeed_WritesAnotherProgram()
    {
        var other = Directory.CreateTempSubdirectory("ri-sample-other-").FullName;
        try
        {
            SampleProgramGenerator.Generate(other, SmallSample.Seed + 1, SampleScale.Small);
            foreach (var file in new[] { "portal/partners.csv", "portal/referrals.csv", "crm/opportunities.csv", "ground_truth.csv" })
                Assert.False(File.ReadAllBytes(Path.Combine(sample.Dir, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(other, file))),
                    $"{file} is the same for seeds {SmallSample.Seed} and {SmallSample.Seed + 1}");
        }
        finally { Directory.Delete(other, recursive: true); }
    }

    private static List<string> Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToList();
}

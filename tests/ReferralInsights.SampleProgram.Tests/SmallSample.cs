using System.IO.Compression;
using System.Text.Json;

namespace ReferralInsights.SampleProgram.Tests;

/// <summary>The small sample program, seed 42, generated once into a temporary folder for the tests that read it.</summary>
public sealed class SmallSample : IDisposable
{
    public const int Seed = 42;

    public SmallSample()
    {
        Dir = Directory.CreateTempSubdirectory("ri-sample-").FullName;
        Summary = SampleProgramGenerator.Generate(Dir, Seed, SampleScale.Small, new Progress<string>(Progress.Add));
    }

    public string Dir { get; }
    public GenerationSummary Summary { get; }
    public List<string> Progress { get; } = [];

    public CsvFile Csv(string relativePath) => CsvFile.Read(Path.Combine(Dir, relativePath));

    public static IEnumerable<JsonElement> Ndjson(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) yield return JsonDocument.Parse(line).RootElement.Clone();
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>Every test class that reads the small sample shares one generation of it.</summary>
[CollectionDefinition(Name)]
public sealed class SmallSampleCollection : ICollectionFixture<SmallSample>
{
    public const string Name = "small sample";
}

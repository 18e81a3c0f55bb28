using ReferralInsights.Ingest.Files;

namespace ReferralInsights.Ingest.Tests.Corpus;

/// <summary>Each corpus file, dropped into its source beside header-only files of the source's other entities, lands and
/// quarantines exactly the rows its case says (or fails with its error, landing nothing), and rows in = landed +
/// quarantined, always.</summary>
public sealed class BadInputCorpusTests
{
    public static TheoryData<string> CaseNames => new(BadInputCorpus.Cases.Select(c => c.Name));

    [Fact]
    public void TheCorpus_HasAtLeastFortyCases_CoveringEveryEntity()
    {
        Assert.True(BadInputCorpus.Cases.Count >= 40);
        Assert.Equal(BadInputCorpus.Cases.Count, BadInputCorpus.Cases.Select(c => c.Name).Distinct().Count());
        Assert.Equal(Contract.Entities.Select(e => e.QualifiedName).Order(), BadInputCorpus.Cases.Select(c => c.Entity).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_HasItsExactOutcome(string name)
    {
        var c = BadInputCorpus.Cases.Single(k => k.Name == name);
        var entity = Contract.Entities.Single(e => e.QualifiedName == c.Entity);
        using var h = new IngestHarness();
        foreach (var other in Contract.OfSource(c.Source).Where(e => !e.Optional && e != entity))
            h.Write($"{other.Source}/{other.Name}.csv", string.Join(',', other.Columns.Where(col => col.Required).Select(col => col.Name)) + "\n");
        h.Write($"{c.Source}/{c.File}", c.Content);

        IReadOnlyList<EntityIngestResult> results;
        try
        {
            results = h.Run(c.Source, new FileDropConnector(h.Db, Path.Combine(h.In, c.Source), h.In));
        }
        catch (IngestException e)
        {
            AssertOutcome(c.Outcome, ["error: " + e.Message]);
            return;
        }

        var result = results.Single(r => r.Entity == entity.Name);
        var key = entity.Columns[0].Name;
        var quarantined = h.Query($"SELECT _line, _reason FROM {h.QuarantinedFiles(c.Entity)} ORDER BY _line")
            .Select(r => $"{r[0]} quarantined: {r[1]}").ToList();
        var landed = h.Query($"SELECT _line, {key} FROM {h.LandedFiles(c.Entity)} ORDER BY _line").Select(r => (Line: (long)r[0]!, Text: $"{r[0]} landed {r[1]}")).ToList();
        var actual = c.Summarised
            ? [$"{landed.Count} landed", .. quarantined]
            : landed.Select(l => l.Text).Concat(quarantined).OrderBy(l => long.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        AssertOutcome(c.Outcome, actual);
        Assert.Equal((result.RowsIn, result.Landed, result.Quarantined), (landed.Count + (long)quarantined.Count, landed.Count, (long)quarantined.Count));
        if (c.Check is not null)
            Assert.Equal(c.Checked, Convert.ToString(h.Query(c.Check.Replace("{landed}", h.LandedFiles(c.Entity))).Single()[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AssertOutcome(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var matched = actual.Select((line, i) => i < expected.Count && expected[i].EndsWith('*') && line.StartsWith(expected[i][..^1], StringComparison.Ordinal)
            ? expected[i] : line);
        Assert.Equal(expected, matched);
    }
}

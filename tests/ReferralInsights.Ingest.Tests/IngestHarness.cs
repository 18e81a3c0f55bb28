using System.IO.Compression;
using System.Text;
using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Tests;

/// <summary>A temp output folder with a raw zone, an ingest connection, and runs that publish their state like a run does.</summary>
public sealed class IngestHarness : IDisposable
{
    public IngestHarness()
    {
        Db.Open();
        Zone = new RawZone(Path.Combine(Root, "raw"), Path.Combine(Root, "quarantine"), Path.Combine(Root, "state"), Path.Combine(Root, "staged-state"),
            Path.Combine(Root, "history"));
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("ri-ingest-").FullName;
    public string In => Path.Combine(Root, "in");
    public DuckDBConnection Db { get; } = new("DataSource=:memory:");
    public RawZone Zone { get; }

    public static readonly DateTime IngestedAt = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    public string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(In, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Append(string relative, string text) => File.AppendAllText(Path.Combine(In, relative), text, new UTF8Encoding(false));

    public void WriteGzip(string relative, string text)
    {
        var path = Path.Combine(In, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Ingests a source, then publishes its state (the staged state replaces the published one).</summary>
    public IReadOnlyList<EntityIngestResult> Run(string source, ISourceConnector connector, bool fullRefresh = false, DateTime? at = null)
    {
        var results = new IngestSession(Db, Zone, at ?? IngestedAt, fullRefresh).IngestSource(source, connector);
        Publish();
        return results;
    }

    /// <summary>Ingests one entity ("portal/referrals"), then publishes its state.</summary>
    public EntityIngestResult RunEntity(string entity, ISourceConnector connector, bool fullRefresh = false, DateTime? at = null)
    {
        var result = new IngestSession(Db, Zone, at ?? IngestedAt, fullRefresh)
            .IngestEntity(connector, Contract.Entities.Single(e => e.QualifiedName == entity));
        Publish();
        return result;
    }

    public void Publish()
    {
        foreach (var staged in Directory.EnumerateFiles(Zone.StagedStateDir, "*.json", SearchOption.AllDirectories))
        {
            var published = Path.Combine(Zone.PublishedStateDir, Path.GetRelativePath(Zone.StagedStateDir, staged));
            Directory.CreateDirectory(Path.GetDirectoryName(published)!);
            File.Move(staged, published, overwrite: true);
        }
    }

    public string LandedFiles(string entity) => FileList(RawZone.LiveFiles(Zone.RawRoot, Zone.PublishedStateDir)[entity]);

    public string QuarantinedFiles(string entity)
    {
        var files = RawZone.LiveQuarantineFiles(Zone.QuarantineRoot, Zone.PublishedStateDir)[entity];
        return FileList(files);
    }

    private static string FileList(IReadOnlyList<string> files) =>
        "read_parquet([" + string.Join(", ", files.Select(f => $"'{f}'")) + "], union_by_name = true)";

    public List<object?[]> Query(string sql)
    {
        using var cmd = Db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public void Dispose()
    {
        Db.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

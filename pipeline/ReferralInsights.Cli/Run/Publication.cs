using System.Runtime.InteropServices;

namespace ReferralInsights.Cli.Run;

/// <summary>The published output is one publication, switched in by one atomic rename. Each published zone of a run is
/// a version folder <c>.zones/&lt;zone&gt;/&lt;run_id&gt;/</c>; a publication <c>.publications/&lt;run_id&gt;/</c> holds one
/// relative symlink per zone to the version it publishes (its own, or the one the previous publication had); the symlink
/// <c>current</c> names the publication, and <c>out/&lt;zone&gt;</c> are fixed symlinks to <c>current/&lt;zone&gt;</c>, so
/// readers keep using <c>out/marts/…</c>. Publishing builds the new publication beside the old one and renames a new
/// <c>current</c> over the old (rename(2) replaces atomically): a reader, or a process killed at any moment, sees the old
/// publication or the new one, whole. <see cref="Recover"/> removes what a killed publish left.</summary>
internal static class Publication
{
    public const string Current = "current";
    private const string BaselineLink = "baseline-marts";
    private const string Publications = ".publications";
    private const string Zones = ".zones";
    /// <summary>The version name given to zones found as plain folders (an output folder written before publications).</summary>
    private const string Legacy = "legacy";

    /// <summary>The run id of the current publication, or null when nothing was published.</summary>
    public static string? CurrentId(string outputRoot) =>
        new FileInfo(Path.Combine(outputRoot, Current)).LinkTarget is { } target ? Path.GetFileName(target) : null;

    /// <summary>The version of <paramref name="zone"/> the current publication has: the id of the run that wrote it
    /// (<c>legacy</c> for a zone adopted from an older output folder), or null when the zone was never published.</summary>
    public static string? ZoneVersion(string outputRoot, string zone) =>
        ZoneTargets(outputRoot).GetValueOrDefault(zone) is { } target ? Path.GetFileName(target) : null;

    /// <summary>Publishes the zones staged under <paramref name="stagingRoot"/> as publication <paramref name="runId"/>; the
    /// zones it did not stage stay as the current publication has them. <paramref name="baselineMarts"/> (a marts version
    /// folder) is what its pages compared with: it is linked as <c>baseline-marts</c> and kept while the publication is
    /// current.</summary>
    public static void Publish(string stagingRoot, string outputRoot, string runId, string? baselineMarts = null)
    {
        AdoptLegacyZones(outputRoot);
        var carried = ZoneTargets(outputRoot);
        var publication = Path.Combine(outputRoot, Publications, runId);
        if (Directory.Exists(publication)) Directory.Delete(publication, recursive: true);
        Directory.CreateDirectory(publication);
        foreach (var zone in OutputLayout.PublishedZones)
        {
            var incoming = Path.Combine(stagingRoot, zone);
            var target = carried.GetValueOrDefault(zone);
            if (Directory.Exists(incoming))
            {
                var version = Path.Combine(outputRoot, Zones, zone, runId);
                Directory.CreateDirectory(Path.GetDirectoryName(version)!);
                if (Directory.Exists(version)) Directory.Delete(version, recursive: true);
                Directory.Move(incoming, version);
                target = Path.Combine("..", "..", Zones, zone, runId);
            }
            FaultInjection.Hit("publish:zone-staged");
            if (target is not null) Directory.CreateSymbolicLink(Path.Combine(publication, zone), target);
        }
        if (baselineMarts is not null)
            Directory.CreateSymbolicLink(Path.Combine(publication, BaselineLink), Path.GetRelativePath(publication, baselineMarts));
        FaultInjection.Hit("publish:before-switch");
        Switch(outputRoot, runId);
        FaultInjection.Hit("publish:after-switch");
        EnsureZoneLinks(outputRoot);
        RemoveUnreferenced(outputRoot);
    }

    /// <summary>The marts version folder the current publication's marts are (null when none was published).</summary>
    public static string? CurrentMarts(string outputRoot) => Resolved(outputRoot, OutputLayout.MartsZone);

    /// <summary>The marts version folder the current publication's pages compared with, or null.</summary>
    public static string? CurrentBaselineMarts(string outputRoot) => Resolved(outputRoot, BaselineLink);

    private static string? Resolved(string outputRoot, string link) =>
        CurrentId(outputRoot) is { } id && new DirectoryInfo(Path.Combine(outputRoot, Publications, id, link)).LinkTarget is { } target
            ? Path.GetFullPath(Path.Combine(outputRoot, Publications, id, target))
            : null;

    /// <summary>Run by the holder of the output lock before it writes: drops a half-made switch, the publications and zone
    /// versions no publication uses (a publish killed before its switch), and the staging folders of runs that died.</summary>
    public static void Recover(string outputRoot)
    {
        File.Delete(Path.Combine(outputRoot, Current + ".new"));
        AdoptLegacyZones(outputRoot);
        EnsureZoneLinks(outputRoot);
        RemoveUnreferenced(outputRoot);
        var staging = new OutputLayout(outputRoot).StagingRoot;
        if (Directory.Exists(staging))
            foreach (var left in Directory.GetDirectories(staging)) Directory.Delete(left, recursive: true);
    }

    private static void Switch(string outputRoot, string runId)
    {
        var next = Path.Combine(outputRoot, Current + ".new");
        File.Delete(next);
        File.CreateSymbolicLink(next, Path.Combine(Publications, runId));
        Durability.FlushFileSystem(outputRoot);
        // rename(2) itself: File.Move resolves the link it is asked to move (and finds a folder, not a file)
        if (Rename(next, Path.Combine(outputRoot, Current)) != 0)
            throw new IOException($"cannot switch {Path.Combine(outputRoot, Current)} to publication {runId}: errno {Marshal.GetLastPInvokeError()}");
        Durability.FlushFolder(outputRoot);
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string from, string to);

    /// <summary>Zone → the relative target its link in the current publication has.</summary>
    private static Dictionary<string, string> ZoneTargets(string outputRoot)
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (CurrentId(outputRoot) is not { } id) return targets;
        foreach (var zone in OutputLayout.PublishedZones)
            if (new DirectoryInfo(Path.Combine(outputRoot, Publications, id, zone)).LinkTarget is { } target) targets[zone] = target;
        return targets;
    }

    private static void EnsureZoneLinks(string outputRoot)
    {
        foreach (var zone in OutputLayout.PublishedZones)
        {
            var link = new DirectoryInfo(Path.Combine(outputRoot, zone));
            if (link.LinkTarget is null && !link.Exists) Directory.CreateSymbolicLink(link.FullName, Path.Combine(Current, zone));
        }
    }

    /// <summary>An output folder from before publications has its zones as plain folders: they become the versions of a
    /// publication named <c>legacy</c>, made current. (The one moment in which a zone is neither: between its move and
    /// its link, once.)</summary>
    private static void AdoptLegacyZones(string outputRoot)
    {
        var plain = OutputLayout.PublishedZones.Where(zone =>
            new DirectoryInfo(Path.Combine(outputRoot, zone)) is { Exists: true, LinkTarget: null }).ToList();
        if (plain.Count == 0) return;
        var publication = Path.Combine(outputRoot, Publications, Legacy);
        Directory.CreateDirectory(publication);
        foreach (var zone in plain)
        {
            var version = Path.Combine(outputRoot, Zones, zone, Legacy);
            Directory.CreateDirectory(Path.GetDirectoryName(version)!);
            Directory.Move(Path.Combine(outputRoot, zone), version);
            Directory.CreateSymbolicLink(Path.Combine(publication, zone), Path.Combine("..", "..", Zones, zone, Legacy));
        }
        Switch(outputRoot, Legacy);
        EnsureZoneLinks(outputRoot);
    }

    private static void RemoveUnreferenced(string outputRoot)
    {
        var id = CurrentId(outputRoot);
        var used = ZoneTargets(outputRoot).Values.Select(t => Path.GetFullPath(Path.Combine(outputRoot, Publications, id!, t)))
            .ToHashSet(StringComparer.Ordinal);
        if (CurrentBaselineMarts(outputRoot) is { } baseline) used.Add(baseline);
        var publications = Path.Combine(outputRoot, Publications);
        if (Directory.Exists(publications))
            foreach (var publication in Directory.GetDirectories(publications).Where(p => Path.GetFileName(p) != id))
                Directory.Delete(publication, recursive: true);
        var zones = Path.Combine(outputRoot, Zones);
        if (!Directory.Exists(zones)) return;
        foreach (var version in Directory.GetDirectories(zones).SelectMany(Directory.GetDirectories))
            if (!used.Contains(Path.GetFullPath(version))) Directory.Delete(version, recursive: true);
    }
}

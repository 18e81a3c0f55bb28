namespace ReferralInsights.Cli.Run;

/// <summary>Replaces the published zones with a run's staged ones. Each zone is swapped by directory renames;
/// if a rename fails, the zones already swapped are put back, so readers see the old or the new output.</summary>
public static class Publisher
{
    public static void Publish(string stagingRoot, string outputRoot)
    {
        var previous = Path.Combine(stagingRoot, ".previous");
        Directory.CreateDirectory(previous);
        var swapped = new List<string>();
        try
        {
            foreach (var zone in OutputLayout.PublishedZones)
            {
                var incoming = Path.Combine(stagingRoot, zone);
                if (!Directory.Exists(incoming)) continue;
                var published = Path.Combine(outputRoot, zone);
                if (Directory.Exists(published)) Directory.Move(published, Path.Combine(previous, zone));
                Directory.Move(incoming, published);
                swapped.Add(zone);
            }
        }
        catch
        {
            foreach (var zone in swapped)
            {
                Directory.Move(Path.Combine(outputRoot, zone), Path.Combine(stagingRoot, zone));
                var old = Path.Combine(previous, zone);
                if (Directory.Exists(old)) Directory.Move(old, Path.Combine(outputRoot, zone));
            }
            throw;
        }
    }
}

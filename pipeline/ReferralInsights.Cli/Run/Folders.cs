namespace ReferralInsights.Cli.Run;

internal static class Folders
{
    /// <summary>Copies every file under <paramref name="from"/> (if it exists) to the same place under <paramref name="to"/>,
    /// which is created.</summary>
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from)) return;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

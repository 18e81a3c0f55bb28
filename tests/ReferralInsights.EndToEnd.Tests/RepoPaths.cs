namespace ReferralInsights.EndToEnd.Tests;

public static class RepoPaths
{
    /// <summary>The checkout's root: the first folder up from the test binaries holding ReferralInsights.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReferralInsights.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReferralInsights.sln not found above " + AppContext.BaseDirectory);
    }
}

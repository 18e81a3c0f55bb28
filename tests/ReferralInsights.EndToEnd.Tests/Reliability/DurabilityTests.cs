using ReferralInsights.Cli.Run;

namespace ReferralInsights.EndToEnd.Tests.Reliability;

/// <summary>The flushes around the publication switch run on a real folder and fail loudly (naming the folder and the
/// errno) rather than silently when they cannot. What they buy — surviving a power cut — needs a power cut to show.</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ri-durable-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Flushes_OnAFolderWithNewFiles_Succeed()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "page.html"), "<p>new</p>");

        Durability.FlushFileSystem(_dir.FullName);
        Durability.FlushFolder(_dir.FullName);
    }

    [Fact]
    public void Flush_OfAMissingFolder_FailsNamingItAndTheErrno()
    {
        var missing = Path.Combine(_dir.FullName, "gone");

        var error = Assert.Throws<IOException>(() => Durability.FlushFolder(missing));

        Assert.Equal($"cannot open {missing} to flush it: errno 2", error.Message);
    }
}

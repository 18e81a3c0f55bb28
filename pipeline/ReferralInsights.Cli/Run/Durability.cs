using System.Runtime.InteropServices;

namespace ReferralInsights.Cli.Run;

/// <summary>Makes a publication survive a power cut, not only a killed process: everything written is flushed to disk
/// before the <c>current</c> link is switched (so the link never points at files still in the page cache), and the
/// folder holding the link is flushed after it (so the switch itself is on disk). Linux calls: <c>syncfs</c> flushes the
/// file system the output folder is on in one call, cheaper than an fsync per page; <c>fsync</c> on the folder makes a
/// rename in it durable.</summary>
internal static class Durability
{
    private const int ReadOnly = 0, Directory = 0x10000; // O_RDONLY, O_DIRECTORY (Linux)

    /// <summary>Flushes every written file of the file system <paramref name="folder"/> is on.</summary>
    public static void FlushFileSystem(string folder) => WithFolder(folder, "syncfs", SyncFs);

    /// <summary>Flushes <paramref name="folder"/>'s entries (a rename or link made in it).</summary>
    public static void FlushFolder(string folder) => WithFolder(folder, "fsync", FSync);

    private static void WithFolder(string folder, string call, Func<int, int> flush)
    {
        var fd = Open(folder, ReadOnly | Directory);
        if (fd < 0) throw new IOException($"cannot open {folder} to flush it: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (flush(fd) != 0) throw new IOException($"{call} of {folder} failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static extern int SyncFs(int fd);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FSync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}

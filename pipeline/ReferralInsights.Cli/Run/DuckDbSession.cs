using System.Globalization;
using DuckDB.NET.Data;
using ReferralInsights.Config;

namespace ReferralInsights.Cli.Run;

/// <summary>An in-memory DuckDB database set up as <c>engine:</c> says: its memory limit (DuckDB's own default is 80 % of
/// RAM), its threads, and where it spills.</summary>
internal static class DuckDbSession
{
    /// <param name="runTemp">the run's own temp folder (in its staging folder): the spill folder unless
    /// <see cref="EngineOptions.TempDirectory"/> names another, which then gets a folder of this run's name</param>
    public static DuckDBConnection Open(string runTemp, EngineOptions engine)
    {
        var temp = engine.TempDirectory is { } shared ? Path.Combine(shared, Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(runTemp)))!) : runTemp;
        Directory.CreateDirectory(temp);
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var threads = engine.Threads > 0 ? string.Create(CultureInfo.InvariantCulture, $" SET threads = {engine.Threads};") : "";
        command.CommandText = $"SET memory_limit = '{engine.MemoryLimit}'; SET temp_directory = '{temp.Replace("'", "''")}'; " +
                              $"SET preserve_insertion_order = true;{threads}";
        command.ExecuteNonQuery();
        return connection;
    }
}

using DuckDB.NET.Data;

namespace ReferralInsights.Cli.Run;

/// <summary>An in-memory DuckDB database that spills to a temp folder, with a memory limit well below the
/// machine's (DuckDB's default is 80 % of RAM).</summary>
public static class DuckDbSession
{
    public static DuckDBConnection Open(string tempDir, string memoryLimit = "6GB")
    {
        Directory.CreateDirectory(tempDir);
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SET memory_limit='{memoryLimit}'; SET temp_directory='{tempDir.Replace("'", "''")}'; SET preserve_insertion_order=true;";
        command.ExecuteNonQuery();
        return connection;
    }
}

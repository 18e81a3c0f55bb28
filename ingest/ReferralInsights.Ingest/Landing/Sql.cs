using System.Globalization;
using DuckDB.NET.Data;

namespace ReferralInsights.Ingest.Landing;

/// <summary>Running SQL on the ingest connection, and quoting values into it.</summary>
internal static class Sql
{
    public static void Execute(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static T Scalar<T>(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    public static List<string?> Column(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string?>();
        while (reader.Read()) values.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture));
        return values;
    }

    /// <summary>A SQL string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>A SQL identifier in double quotes.</summary>
    public static string Name(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static string Path(string path) => Literal(System.IO.Path.GetFullPath(path));
}

using System.CommandLine;
using System.Globalization;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using ReferralInsights.Reports;
using ReferralInsights.Transform.Audit;
using Spectre.Console;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>query "SQL"</c>: runs a read-only SQL query over the published marts (each mart is a view by its name).</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var sql = new Argument<string>("sql")
        {
            Description = "A DuckDB query; the marts (and audit_log) are views, e.g. SELECT * FROM fct_partner_metrics LIMIT 5",
        };
        var command = new Command("query", "Query the published marts and the audit log with DuckDB SQL") { config, sql };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var layout = new OutputLayout(ConfigLoader.Load(parse.GetValue(config)!).OutputDir);
                if (!Directory.Exists(layout.Marts)) throw new DirectoryNotFoundException($"no published marts in {layout.Marts}: run `referral-insights run` first");
                using var reader = new MartReader(layout.Marts);
                var auditLog = new AuditLog(layout.AuditLog);
                if (auditLog.Exists) reader.AddView("audit_log", auditLog.TableSql);
                Print(reader.Query(parse.GetValue(sql)!), output);
                return 0;
            }
            catch (ConfigException e)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return ExitCodes.ConfigError;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or DuckDB.NET.Data.DuckDBException)
            {
                parse.InvocationConfiguration.Error.WriteLine(e.Message);
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static void Print(IReadOnlyList<Row> rows, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (Console.IsOutputRedirected || output != Console.Out) console.Profile.Width = 400; // a pipe or file has no width to wrap at
        if (rows.Count == 0)
        {
            output.WriteLine("(no rows)");
            return;
        }
        var table = new Table();
        foreach (var column in rows[0].Columns) table.AddColumn(Markup.Escape(column));
        foreach (var row in rows)
            table.AddRow(row.Columns.Select(c => Markup.Escape(Show(row[c]))).ToArray());
        console.Write(table);
        output.WriteLine($"{rows.Count:N0} rows");
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };
}

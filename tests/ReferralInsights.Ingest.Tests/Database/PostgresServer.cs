using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReferralInsights.Ingest.Tests.Database;

/// <summary>A real PostgreSQL for the portal connector's tests: <c>RI_TEST_POSTGRES</c> (a connection string) when set,
/// else a throw-away cluster (initdb + pg_ctl) in a temp folder on 127.0.0.1 and a free port, run as the
/// <c>postgres</c> user when the tests run as root (PostgreSQL refuses root), stopped and deleted afterwards.</summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string? _folder;
    private readonly string? _pgCtl;
    private readonly string? _user;

    public PostgresServer()
    {
        if (Environment.GetEnvironmentVariable("RI_TEST_POSTGRES") is { Length: > 0 } given)
        {
            ConnectionString = given;
            return;
        }
        var bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL's initdb was not found (PATH or /usr/lib/postgresql/*/bin): install the postgresql package (.ci/run does) or set RI_TEST_POSTGRES");
        _pgCtl = Path.Combine(bin, "pg_ctl");
        _folder = Directory.CreateTempSubdirectory("ri-pg-").FullName;
        _user = Environment.UserName == "root" ? "postgres" : null;
        if (_user is not null) Run("chown", $"-R {_user} {_folder}");
        var data = Path.Combine(_folder, "data");
        var port = FreePort();
        RunAs(Path.Combine(bin, "initdb"), $"-D {data} -A trust -U ri -E UTF8 --no-sync");
        RunAs(_pgCtl, $"-D {data} -l {Path.Combine(_folder, "log")} -w -t 60 " +
                      $"-o \"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off\" start");
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=ri;Database=postgres;Pooling=false";
    }

    public string ConnectionString { get; }

    private static string? FindBin()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
        if (onPath is not null) return onPath;
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Order().Select(v => Path.Combine(v, "bin")).LastOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void RunAs(string program, string arguments)
    {
        if (_user is null) Run(program, arguments);
        else Run("runuser", $"-u {_user} -- {program} {arguments}");
    }

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000)) throw new TimeoutException($"{program} {arguments} did not finish");
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {error}{output.Result}");
    }

    public void Dispose()
    {
        if (_folder is null) return;
        try
        {
            RunAs(_pgCtl!, $"-D {Path.Combine(_folder, "data")} -m immediate stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres server";
}

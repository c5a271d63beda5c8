using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SanLing.Bench.County;

/// <summary>
/// A throw-away PostgreSQL cluster from Debian's newest server binaries (/usr/lib/postgresql/*/bin), in a temp folder on
/// a free loopback port, as postgres when we are root (initdb refuses root); stopped and deleted on dispose.
/// </summary>
internal sealed class PostgreSqlCluster : IDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly string _data;

    private PostgreSqlCluster(string bin, string folder, string admin)
    {
        _bin = bin;
        _folder = folder;
        _data = Path.Combine(folder, "data");
        Admin = admin;
    }

    public string Admin { get; }

    public static string? BinDirectory => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
        : null;

    public static PostgreSqlCluster Start()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException("No /usr/lib/postgresql/*/bin/initdb: apt-get install postgresql, or pass --pg <connection string>.");
        var folder = Path.Combine(Path.GetTempPath(), $"sanling-county-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("777", 8));
        }
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var admin = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres" }.ToString();
        var cluster = new PostgreSqlCluster(bin, folder, admin);
        cluster.Run("initdb", "-D", cluster._data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync");
        // fsync off as in the tests: a throw-away cluster; commits still go through the WAL.
        cluster.Run("pg_ctl", "-D", cluster._data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off", "start");
        return cluster;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Run("pg_ctl", "-D", _data, "-m", "fast", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    private void Run(string tool, params string[] arguments)
    {
        var isRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(isRoot ? "runuser" : Path.Combine(_bin, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (isRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", Path.Combine(_bin, tool) })
            {
                start.ArgumentList.Add(prefix);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({(process.HasExited ? process.ExitCode : "timeout")}): {error.Result}{output.Result}");
        }
    }
}

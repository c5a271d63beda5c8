using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SanLing.Web.Tests.PostgreSql;

/// <summary>
/// A real PostgreSQL server for the tests: the one named by <c>SANLING_TEST_POSTGRES</c> (a connection string whose role
/// may create databases), or else a throw-away cluster started from Debian's binaries (/usr/lib/postgresql/*/bin) in a
/// temp folder on a free loopback port, once per test run, as the current user (as <c>postgres</c> when running as root:
/// initdb refuses root). Stopped and deleted when the test process ends.
/// </summary>
public static class PostgreSqlServer
{
    public const string ServerVariable = "SANLING_TEST_POSTGRES";

    /// <summary>Set by .ci/run: there a missing server fails the tests instead of skipping them.</summary>
    public const string RequiredVariable = "SANLING_REQUIRE_POSTGRES";

    private static readonly Lazy<string> Admin = new(StartOrConnect, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Debian's newest server binaries, or null.</summary>
    public static string? BinDirectory { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
        : null;

    public static bool Required =>
        Environment.GetEnvironmentVariable(RequiredVariable) is "1" or "true"
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can (or must).</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } || BinDirectory is not null || Required
            ? null
            : $"没有 PostgreSQL：未设置 {ServerVariable}，也没有 /usr/lib/postgresql/*/bin/initdb（apt-get install postgresql 后即可运行；CI 中缺少服务器时这些测试失败而不是跳过）";

    /// <summary>A fresh, empty database on the server; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Admin.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Admin.Value) { Database = name }.ToString();
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Admin.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string StartOrConnect()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            return new NpgsqlConnectionStringBuilder(given) { Database = "postgres" }.ToString();
        }
        var bin = BinDirectory ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin) and {ServerVariable} not set: install Debian's postgresql package.");
        var folder = Path.Combine(Path.GetTempPath(), $"sanling-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        // The server runs as postgres when we are root, and needs to write its data, socket and log here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("777", 8));
        }
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        Run(bin, "initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync");
        Run(bin, "pg_ctl", "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run(bin, "pg_ctl", "-D", data, "-m", "immediate", "stop");
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // best effort: a temp cluster left behind is stopped with the machine
            }
        };
        return new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres" }.ToString();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void Run(string bin, string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(IsRoot ? "runuser" : Path.Combine(bin, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (IsRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", Path.Combine(bin, tool) })
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A test that needs a real PostgreSQL server: skipped where there is none, unless CI requires one.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (PostgreSqlServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

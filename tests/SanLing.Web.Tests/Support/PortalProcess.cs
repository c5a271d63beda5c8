using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace SanLing.Web.Tests.Support;

/// <summary>
/// The portal's executable as a deployed town runs it: environment Production, the shipped configuration, only the
/// database file (and the log folder) pointed elsewhere.
/// </summary>
public sealed class PortalProcess(string databasePath)
{
    public string DatabasePath { get; } = databasePath;

    /// <summary>Settings on top of the above (e.g. another provider's connection string).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>The directory the command is started in (by default the program's own folder).</summary>
    public string WorkingDirectory { get; init; } = AppContext.BaseDirectory;

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SanLing.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__SanLing"] = $"Data Source={DatabasePath}";
        start.Environment["DataProtection__KeyDirectory"] = SanLingFactory.KeyDirectoryFor(DatabasePath);
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(Path.GetTempPath(), "sanling-tests", "cli-logs", "log-.txt");
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Rows per table of the database file (read directly, not through the portal).</summary>
    public static SortedDictionary<string, long> RowCounts(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)count.ExecuteScalar()!;
        }
        return counts;
    }

    public static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The sample workbooks of a real town, in the clone's sibling folder <c>shared/samples/town-2024</c>.</summary>
    public static string SamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "samples", "town-2024");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/samples/town-2024 not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The repository's own folder (the one holding SanLing.sln).</summary>
    public static string RepositoryFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SanLing.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("SanLing.sln not found above " + AppContext.BaseDirectory);
    }

    public static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind is harmless
        }
    }
}

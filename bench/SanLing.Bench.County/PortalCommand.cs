using System.Diagnostics;

namespace SanLing.Bench.County;

/// <summary>
/// The portal's own command line (<c>dotnet SanLing.Web.dll backup|restore …</c>), run as an operator would, against the
/// bench database and its key folder; timed end to end (process start included).
/// </summary>
internal static class PortalCommand
{
    /// <summary>SanLing.Web.dll built beside this bench (same configuration), or the one given.</summary>
    public static string Locate(string? given)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SanLing.sln")))
        {
            directory = directory.Parent;
        }
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = directory is null ? null : Path.Combine(directory.FullName, "src", "SanLing.Web", "bin", configuration, "net10.0", "SanLing.Web.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException("SanLing.Web.dll not found beside the bench; build the solution or pass --web <path to SanLing.Web.dll>.");
    }

    public static TimeSpan Run(string dll, CountyDatabase database, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The content root: appsettings.json is read from there.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__SanLing"] = database.ConnectionString;
        start.Environment["DataProtection__KeyDirectory"] = database.KeyDirectory;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"SanLing.Web {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
        Console.Error.WriteLine($"  SanLing.Web {arguments[0]}: {output.Result.Split('\n').FirstOrDefault(l => l.StartsWith('已'))?.Trim()}");
        return clock.Elapsed;
    }
}

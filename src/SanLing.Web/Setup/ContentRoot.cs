namespace SanLing.Web.Setup;

/// <summary>
/// Where the portal looks for appsettings.json and resolves App_Data (the default database, its keys and logs).
/// ASP.NET Core takes the current directory. A script or cron job that calls a command such as
/// <c>dotnet /srv/sanling/SanLing.Web.dll backup …</c> from another directory would then run without the shipped
/// configuration, on a new empty App_Data/sanling.db of its own directory. So: when the current directory holds no
/// appsettings.json and the program's folder does, the program's folder is the content root. A content root given
/// explicitly (<c>--contentRoot</c>, ASPNETCORE_CONTENTROOT / DOTNET_CONTENTROOT) is left to ASP.NET Core.
/// </summary>
public static class ContentRoot
{
    public const string SettingsFile = "appsettings.json";

    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Choose(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory,
            Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") ?? Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT")),
    };

    /// <summary>The program's folder, or null for ASP.NET Core's own choice.</summary>
    public static string? Choose(string[] args, string currentDirectory, string programFolder, string? contentRootFromEnvironment)
    {
        var given = contentRootFromEnvironment is not null
            || args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase));
        if (given || File.Exists(Path.Combine(currentDirectory, SettingsFile)) || !File.Exists(Path.Combine(programFolder, SettingsFile)))
        {
            return null;
        }
        return programFolder;
    }
}

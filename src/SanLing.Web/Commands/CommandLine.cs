namespace SanLing.Web.Commands;

/// <summary>One command of the portal's executable. Implementations are found by reflection: add a class, not a case.</summary>
public interface ICliCommand
{
    /// <summary>The word that selects it, e.g. <c>migrate</c>.</summary>
    string Name { get; }

    /// <summary>Its usage lines in Chinese, for <c>help</c>.</summary>
    string Usage { get; }

    /// <summary>Runs with the command's own words (configuration overrides removed); returns the exit code.</summary>
    Task<int> RunAsync(WebApplication app, string[] args);
}

/// <summary>
/// <c>dotnet run --project src/SanLing.Web -- &lt;command&gt; [args]</c>: the portal's executable runs one job with the
/// portal's configuration. Exit 0 on success; non-zero with a Chinese message on stderr when anything is refused.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;

    private static readonly IReadOnlyList<ICliCommand> Commands = typeof(ICliCommand).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(t))
        .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();

    public static bool IsCommand(string[] args) => args.Length > 0 && (args[0] == "help" || Commands.Any(c => c.Name == args[0]));

    /// <summary>Only <c>--Key=value</c> configuration overrides reach the host; the command's own words do not.</summary>
    public static string[] HostArguments(string[] args) => args.Skip(1).Where(IsConfigurationOverride).ToArray();

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var words = args.Where(a => !IsConfigurationOverride(a)).ToArray();
        var command = Commands.FirstOrDefault(c => c.Name == words[0]);
        if (command is null)
        {
            Console.WriteLine("用法: SanLing.Web <命令> [参数]\n" + string.Join("\n", Commands.Select(c => "  " + c.Usage.Replace("\n", "\n  ", StringComparison.Ordinal))));
            return Ok;
        }
        try
        {
            return await command.RunAsync(app, words[1..]);
        }
        catch (CommandException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }
        catch (Infrastructure.Security.KeyMaterialException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return Refused;
        }
    }

    private static bool IsConfigurationOverride(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal);
}

/// <summary>A refusal with the message for stderr and the exit code.</summary>
public sealed class CommandException(string message, int exitCode = CommandLine.Refused) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

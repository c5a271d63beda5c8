using SanLing.Infrastructure.Security;
using SanLing.Web.Commands;
using SanLing.Web.Setup;
using Serilog;

// The same executable serves the portal or runs one command (migrate, seed-demo, create-user …)
// with the same configuration, so towns can script their year-end.
var isCommand = CommandLine.IsCommand(args);
var builder = WebApplication.CreateBuilder(ContentRoot.Options(isCommand ? CommandLine.HostArguments(args) : args));
try
{
    builder.AddSanLing(isCommand);
}
catch (KeyMaterialException ex)
{
    // Before the log exists: configured key material is missing or unreadable, and keys never fall back to clear.
    await Console.Error.WriteLineAsync("SanLing 拒绝启动：" + ex.Message);
    return 1;
}
var app = builder.Build();

if (isCommand)
{
    return await CommandLine.RunAsync(app, args);
}

try
{
    await app.PrepareDatabaseAsync();
    app.UseSanLing();
    await app.RunAsync();
    return 0;
}
catch (KeyMaterialException ex)
{
    Log.Fatal("SanLing 拒绝启动：{Reason}", ex.Message);
    return 1;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "SanLing stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

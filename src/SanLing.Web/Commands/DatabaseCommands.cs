using SanLing.Web.Setup;

namespace SanLing.Web.Commands;

/// <summary><c>migrate</c>: applies the migrations of the configured provider.</summary>
public sealed class MigrateCommand : ICliCommand
{
    public string Name => "migrate";

    public string Usage => "migrate                                    应用数据库迁移";

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await DatabasePreparation.MigrateAsync(app.Services);
        Console.WriteLine("数据库迁移已完成。");
        return CommandLine.Ok;
    }
}

/// <summary><c>seed-demo</c>: the demo town and its accounts, into an empty database only.</summary>
public sealed class SeedDemoCommand : ICliCommand
{
    public string Name => "seed-demo";

    public string Usage => "seed-demo                                  向空数据库写入演示乡镇及演示账号";

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await DatabasePreparation.MigrateAsync(app.Services);
        if (!await DatabasePreparation.SeedDemoIfEmptyAsync(app.Services, app.Logger))
        {
            throw new CommandException("数据库中已有乡镇或账号，演示数据只能写入空数据库。");
        }
        Console.WriteLine($"演示乡镇已写入。演示账号: {string.Join("、", DemoAccounts.Accounts.Select(a => a.UserName))}，密码 {DemoAccounts.Password}");
        return CommandLine.Ok;
    }
}

using System.Globalization;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Seed;
using SanLing.Web.Setup;

namespace SanLing.Web.Commands;

/// <summary><c>setup &lt;town-code&gt; &lt;town-name&gt; --admin &lt;user&gt;</c>: a real town's first step, on an empty database only.</summary>
public sealed class SetupCommand : ICliCommand
{
    public string Name => "setup";

    public string Usage => """
        setup <乡镇编码> <乡镇名称> --admin <用户名> [--name 显示名] [--due-day 日]
                                                   空数据库上的第一步：创建乡镇（2020 年评定细则自 2020 年起生效）
                                                   和第一个系统管理员（密码从标准输入读取或提示输入两次）
        """;

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var positional = new List<string>();
        string? admin = null, displayName = null;
        var dueDay = TownRules.DefaultDueDay;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--admin": admin = Value(args, ++i, "--admin"); break;
                case "--name": displayName = Value(args, ++i, "--name"); break;
                case "--due-day":
                    var text = Value(args, ++i, "--due-day");
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out dueDay) || !TownRules.IsValidDueDay(dueDay))
                    {
                        throw new CommandException($"--due-day “{text}”无效，应为 {TownRules.FirstDueDay} 到 {TownRules.LastDueDay} 之间的整数。", CommandLine.Usage);
                    }
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new CommandException($"未知选项 {args[i]}。", CommandLine.Usage);
                    }
                    positional.Add(args[i]);
                    break;
            }
        }
        if (positional.Count != 2 || admin is null)
        {
            throw new CommandException("用法: setup <乡镇编码> <乡镇名称> --admin <用户名> [--name 显示名] [--due-day 日]", CommandLine.Usage);
        }

        await DatabasePreparation.MigrateAsync(app.Services);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        if (!await TownFounding.IsEmptyAsync(db))
        {
            throw new CommandException(RealTownSetup.NotEmpty + "要添加账号请用 create-user。");
        }
        var request = new NewTownRequest(positional[0], positional[1], dueDay, admin, displayName, Password: null);
        var refusals = (await RealTownSetup.ValidateAsync(scope.ServiceProvider, request)).Where(e => e.Field != nameof(request.Password)).ToList();
        if (refusals.Count > 0)
        {
            throw new CommandException("未设置：" + string.Join("；", refusals.Select(e => e.Message)));
        }
        request = request with { Password = CreateUserCommand.ReadPassword() };
        var errors = await RealTownSetup.CreateAsync(scope.ServiceProvider, request);
        if (errors.Count > 0)
        {
            throw new CommandException("未设置：" + string.Join("；", errors.Select(e => e.Message)));
        }
        Console.WriteLine($"已设置乡镇 {request.TownCode}（{positional[1].Trim()}），2020 年评定细则自 2020 年起生效；系统管理员 {admin} 已创建。");
        return CommandLine.Ok;
    }

    private static string Value(string[] args, int index, string option) =>
        index < args.Length ? args[index] : throw new CommandException($"选项 {option} 缺少值。", CommandLine.Usage);
}

using System.Globalization;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Seed;
using SanLing.Web.Setup;

namespace SanLing.Web.Commands;

/// <summary>
/// <c>setup &lt;town-code&gt; &lt;town-name&gt; --admin &lt;user&gt; [--county CODE --county-name NAME]</c>: a real town's first step on an
/// empty database (optionally in a new county), or a town added to a county of a running deployment.
/// </summary>
public sealed class SetupCommand : ICliCommand
{
    public string Name => "setup";

    public string Usage => """
        setup <乡镇编码> <乡镇名称> --admin <用户名> [--name 显示名] [--due-day 日] [--county 县编码 [--county-name 县名称]]
                                                   空数据库上的第一步：创建乡镇（2020 年评定细则自 2020 年起生效）
                                                   和第一个系统管理员（密码从标准输入读取或提示输入两次）；
                                                   给出 --county 与 --county-name 时同时建立县。已有乡镇时：向县添加乡镇
                                                   （只有一个县时可不写 --county），新乡镇取得县级评定细则（县未发布时用
                                                   2020 年细则）；仅有一个未入县的乡镇时，--county 与 --county-name 建立县并将其划入
        """;

    public async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var positional = new List<string>();
        string? admin = null, displayName = null, countyCode = null, countyName = null;
        var dueDay = TownRules.DefaultDueDay;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--admin": admin = Value(args, ++i, "--admin"); break;
                case "--name": displayName = Value(args, ++i, "--name"); break;
                case "--county": countyCode = Value(args, ++i, "--county"); break;
                case "--county-name": countyName = Value(args, ++i, "--county-name"); break;
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
            throw new CommandException("用法: setup <乡镇编码> <乡镇名称> --admin <用户名> [--name 显示名] [--due-day 日] [--county 县编码 [--county-name 县名称]]", CommandLine.Usage);
        }
        if (countyName is not null && countyCode is null)
        {
            throw new CommandException("--county-name 须与 --county 一起使用。", CommandLine.Usage);
        }

        await DatabasePreparation.MigrateAsync(app.Services);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var adding = !await TownFounding.IsEmptyAsync(db);
        if (adding && !await db.Towns.AnyAsync())
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
        var errors = await RealTownSetup.SetUpAsync(scope.ServiceProvider, request, countyCode, countyName);
        if (errors.Count > 0)
        {
            throw new CommandException((adding ? "未添加：" : "未设置：") + string.Join("；", errors.Select(e => e.Message)));
        }
        using var readScope = app.Services.CreateScope();
        var read = readScope.ServiceProvider.GetRequiredService<SanLingDbContext>();
        var town = await read.Towns.AsNoTracking().SingleAsync(t => t.Code == request.TownCode!.Trim());
        var county = await read.Counties.AsNoTracking().Where(c => c.Id == town.CountyId).Select(c => c.Name).FirstOrDefaultAsync();
        var ruleSet = await read.RuleSets.IgnoreQueryFilters().AsNoTracking().Where(r => r.TownId == town.Id)
            .OrderByDescending(r => r.Year).Select(r => r.Name).FirstAsync();
        Console.WriteLine(county is null
            ? $"已设置乡镇 {town.Code}（{town.Name}），2020 年评定细则自 2020 年起生效；系统管理员 {admin} 已创建。"
            : $"已{(adding ? "添加" : "设置")}乡镇 {town.Code}（{town.Name}），属 {county}，评定细则：{ruleSet}；系统管理员 {admin} 已创建。");
        return CommandLine.Ok;
    }

    private static string Value(string[] args, int index, string option) =>
        index < args.Length ? args[index] : throw new CommandException($"选项 {option} 缺少值。", CommandLine.Usage);
}

using Microsoft.AspNetCore.Identity;
using SanLing.Web.Features.Users;
using SanLing.Web.Setup;

namespace SanLing.Web.Commands;

/// <summary>
/// <c>create-user &lt;user&gt; &lt;role&gt; [--scope CODE] [--name 显示名] [--town CODE | --county CODE]</c>: an account for a real
/// deployment. A town role belongs to a town (the only one, or --town); a county role to a county (the only one,
/// --county, or the county of --town).
/// </summary>
public sealed class CreateUserCommand : ICliCommand
{
    public string Name => "create-user";

    public string Usage => """
        create-user <用户名> <角色> [--scope 编码] [--name 显示名] [--town 乡镇编码 | --county 县编码]
                                                   创建账号（密码从标准输入读取或提示输入）
          角色: admin(系统管理员) office(综治办) grid(网格员) liaison(单位联络员) leader(领导)
                county-center(县综治中心) county-leader(县领导)：属于 --county 所指的县（只有一个县时可不写），
                或 --town 所在的县
          网格员的 --scope 为网格编码或村/社区编码；单位联络员的 --scope 为企业/单位编码。
        """;

    public Task<int> RunAsync(WebApplication app, string[] args) => CreateUserAsync(app, args);

    private static async Task<int> CreateUserAsync(WebApplication app, string[] args)
    {
        var positional = new List<string>();
        string? scopeCode = null, displayName = null, townCode = null, countyCode = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scope": scopeCode = Value(args, ++i, "--scope"); break;
                case "--name": displayName = Value(args, ++i, "--name"); break;
                case "--town": townCode = Value(args, ++i, "--town"); break;
                case "--county": countyCode = Value(args, ++i, "--county"); break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new CommandException($"未知选项 {args[i]}。", CommandLine.Usage);
                    }
                    positional.Add(args[i]);
                    break;
            }
        }
        if (positional.Count != 2)
        {
            throw new CommandException("用法: create-user <用户名> <角色> [--scope 编码] [--name 显示名] [--town 乡镇编码 | --county 县编码]", CommandLine.Usage);
        }
        var userName = positional[0];
        var role = Roles.FromAlias(positional[1])
            ?? throw new CommandException($"未知角色“{positional[1]}”，可选: admin office grid liaison leader county-center county-leader。", CommandLine.Usage);
        if (countyCode is not null && (!Roles.IsCounty(role) || townCode is not null))
        {
            throw new CommandException("--county 只用于县级角色（county-center、county-leader），且不与 --town 同用。", CommandLine.Usage);
        }

        await DatabasePreparation.MigrateAsync(app.Services);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SanLingDbContext>();
        int? townId = null, countyId = null;
        if (Roles.IsCounty(role))
        {
            // A county account belongs to a county and to no town; its audit line belongs to no town either.
            countyId = await CountyOfAsync(db, countyCode, townCode);
            db.Actor.ActAsSystemAboveTowns("create-user");
        }
        else
        {
            var town = await CommandTown.ResolveAsync(db, townCode);
            townId = town.Id;
            db.Actor.ActAsSystem(town.Id, "create-user");
        }

        var choice = await AccountScopes.ResolveAsync(db, role, scopeCode);
        if (choice.Refusal is { } refusal)
        {
            throw Refused(refusal, role, scopeCode);
        }
        var password = ReadPassword();

        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new CommandException($"用户名“{userName}”已存在。");
        }
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = displayName ?? userName,
            TownId = townId,
            CountyId = countyId,
            ScopeSubjectId = choice.Subject?.Id,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new CommandException("账号未创建：" + string.Join("；", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        await AccountScopes.ApplyAsync(db, user, role, choice);
        await db.SaveChangesAsync();
        await AccountAudit.WriteAsync(db, services.GetRequiredService<TimeProvider>(), Domain.Auditing.AuditAction.Create, user, new Dictionary<string, object?[]>
        {
            ["DisplayName"] = [null, user.DisplayName],
            ["Role"] = [null, role],
            ["Scope"] = [null, choice.Grid?.Code ?? choice.Subject?.Code],
        }, CancellationToken.None);
        Console.WriteLine($"已创建账号 {userName}（{role}{(choice.Subject is null ? "" : "，范围 " + choice.Subject.Name)}）。");
        return CommandLine.Ok;
    }

    /// <summary>The county named, the county of the town named, or the only county.</summary>
    private static async Task<int> CountyOfAsync(SanLingDbContext db, string? countyCode, string? townCode)
    {
        if (countyCode is not null)
        {
            return await db.Counties.Where(c => c.Code == countyCode).Select(c => (int?)c.Id).SingleOrDefaultAsync()
                ?? throw new CommandException($"县编码“{countyCode}”不存在。");
        }
        if (townCode is not null)
        {
            var town = await db.Towns.Where(t => t.Code == townCode).Select(t => new { t.Code, t.CountyId }).SingleOrDefaultAsync()
                ?? throw new CommandException($"乡镇编码“{townCode}”不存在。");
            return town.CountyId ?? throw new CommandException($"乡镇“{town.Code}”不属于任何县：先用 setup … --county 建立县。");
        }
        var counties = await db.Counties.Select(c => c.Id).Take(2).ToListAsync();
        return counties.Count switch
        {
            1 => counties[0],
            0 => throw new CommandException("还没有县：先用 setup … --county 建立县。"),
            _ => throw new CommandException("数据库中有多个县，请用 --county 指定县编码。"),
        };
    }

    private static string Value(string[] args, int index, string option) =>
        index < args.Length ? args[index] : throw new CommandException($"选项 {option} 缺少值。", CommandLine.Usage);

    /// <summary>The command line's wording of a scope that does not fit the role (the rule is <see cref="AccountScopes"/>).</summary>
    private static CommandException Refused(ScopeRefusal refusal, string role, string? code) => refusal switch
    {
        ScopeRefusal.NotAllowed => new CommandException($"角色“{role}”不需要 --scope。", CommandLine.Usage),
        ScopeRefusal.Missing => new CommandException($"角色“{role}”必须用 --scope 指定所属单位编码。", CommandLine.Usage),
        ScopeRefusal.NotTerritoryOrGrid => new CommandException($"“{code}”不是村/社区编码或其网格编码。"),
        _ => new CommandException($"“{code}”不是企业或单位的编码。"),
    };

    /// <summary>From standard input when piped (scripts), otherwise typed twice without echo.</summary>
    internal static string ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine()?.TrimEnd('\r') is { Length: > 0 } piped ? piped : throw new CommandException("标准输入中没有密码。");
        }
        var first = Prompt("密码: ");
        var second = Prompt("再次输入密码: ");
        return first == second ? first : throw new CommandException("两次输入的密码不一致。");
    }

    private static string Prompt(string label)
    {
        Console.Write(label);
        var chars = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return chars.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (chars.Length > 0)
                {
                    chars.Length--;
                }
                continue;
            }
            chars.Append(key.KeyChar);
        }
    }

}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Setup;

namespace SanLing.Web.Commands;

/// <summary>
/// <c>dotnet run --project src/SanLing.Web -- &lt;command&gt; [args]</c>: the portal's executable runs one job with the
/// portal's configuration. Exit 0 on success; non-zero with a Chinese message on stderr when anything is refused.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;

    private static readonly string[] Commands = ["migrate", "seed-demo", "create-user", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    /// <summary>Only <c>--Key=value</c> configuration overrides reach the host; the command's own words do not.</summary>
    public static string[] HostArguments(string[] args) =>
        args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray();

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var words = args.Where(a => !(a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))).ToArray();
        try
        {
            return words[0] switch
            {
                "migrate" => await MigrateAsync(app),
                "seed-demo" => await SeedDemoAsync(app),
                "create-user" => await CreateUserAsync(app, words[1..]),
                _ => Help(),
            };
        }
        catch (CommandException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }
    }

    private static int Help()
    {
        Console.WriteLine("""
            用法: SanLing.Web <命令> [参数]
              migrate                                    应用数据库迁移
              seed-demo                                  向空数据库写入演示乡镇及演示账号
              create-user <用户名> <角色> [--scope 编码] [--name 显示名] [--town 乡镇编码]
                                                         创建账号（密码从标准输入读取或提示输入）
                角色: admin(系统管理员) office(综治办) grid(网格员) liaison(单位联络员) leader(领导)
                网格员的 --scope 为网格编码或村/社区编码；单位联络员的 --scope 为企业/单位编码。
            """);
        return Ok;
    }

    private static async Task<int> MigrateAsync(WebApplication app)
    {
        await DatabasePreparation.MigrateAsync(app.Services);
        Console.WriteLine("数据库迁移已完成。");
        return Ok;
    }

    private static async Task<int> SeedDemoAsync(WebApplication app)
    {
        await DatabasePreparation.MigrateAsync(app.Services);
        if (!await DatabasePreparation.SeedDemoIfEmptyAsync(app.Services, app.Logger))
        {
            throw new CommandException("数据库中已有乡镇数据，演示数据只能写入空数据库。");
        }
        Console.WriteLine($"演示乡镇已写入。演示账号: {string.Join("、", DemoAccounts.Accounts.Select(a => a.UserName))}，密码 {DemoAccounts.Password}");
        return Ok;
    }

    private static async Task<int> CreateUserAsync(WebApplication app, string[] args)
    {
        var positional = new List<string>();
        string? scopeCode = null, displayName = null, townCode = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scope": scopeCode = Value(args, ++i, "--scope"); break;
                case "--name": displayName = Value(args, ++i, "--name"); break;
                case "--town": townCode = Value(args, ++i, "--town"); break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new CommandException($"未知选项 {args[i]}。", Usage);
                    }
                    positional.Add(args[i]);
                    break;
            }
        }
        if (positional.Count != 2)
        {
            throw new CommandException("用法: create-user <用户名> <角色> [--scope 编码] [--name 显示名]", Usage);
        }
        var userName = positional[0];
        var role = Roles.FromAlias(positional[1])
            ?? throw new CommandException($"未知角色“{positional[1]}”，可选: admin office grid liaison leader。", Usage);

        await DatabasePreparation.MigrateAsync(app.Services);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SanLingDbContext>();
        var town = await TownOf(db, townCode);
        db.Actor.ActAsSystem(town.Id, "create-user");

        var (scopeSubject, grid) = await ResolveScopeAsync(db, role, scopeCode);
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
            TownId = town.Id,
            ScopeSubjectId = scopeSubject?.Id,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new CommandException("账号未创建：" + string.Join("；", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        if (grid is not null)
        {
            grid.WorkerUserId = user.Id;
            grid.WorkerName ??= user.DisplayName;
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"已创建账号 {userName}（{role}{(scopeSubject is null ? "" : "，范围 " + scopeSubject.Name)}）。");
        return Ok;
    }

    private static string Value(string[] args, int index, string option) =>
        index < args.Length ? args[index] : throw new CommandException($"选项 {option} 缺少值。", Usage);

    /// <summary>The town to work on: the only one, the one named by --town, or a new one in an empty database.</summary>
    private static async Task<Town> TownOf(SanLingDbContext db, string? code)
    {
        var towns = await db.Towns.ToListAsync();
        if (code is not null)
        {
            return towns.FirstOrDefault(t => t.Code == code) ?? throw new CommandException($"乡镇编码“{code}”不存在。");
        }
        switch (towns.Count)
        {
            case 1:
                return towns[0];
            case 0:
                var town = new Town { Code = "TOWN", Name = "本镇" };
                db.Towns.Add(town);
                await db.SaveChangesAsync();
                return town;
            default:
                throw new CommandException("数据库中有多个乡镇，请用 --town 指定乡镇编码。");
        }
    }

    private static async Task<(Subject? Subject, Grid? Grid)> ResolveScopeAsync(SanLingDbContext db, string role, string? code)
    {
        if (!Roles.NeedsScope(role))
        {
            return code is null ? (null, null) : throw new CommandException($"角色“{role}”不需要 --scope。", Usage);
        }
        if (code is null)
        {
            throw new CommandException($"角色“{role}”必须用 --scope 指定所属单位编码。", Usage);
        }
        if (role == Roles.GridWorker)
        {
            var grid = await db.Grids.Include(g => g.Subject).FirstOrDefaultAsync(g => g.Code == code);
            if (grid?.Subject is { } owner && owner.Kind.IsTerritory())
            {
                return (owner, grid);
            }
            var territory = await db.Subjects.FirstOrDefaultAsync(s => s.Code == code);
            return territory is not null && territory.Kind.IsTerritory()
                ? (territory, null)
                : throw new CommandException($"“{code}”不是村/社区编码或其网格编码。");
        }
        var subject = await db.Subjects.FirstOrDefaultAsync(s => s.Code == code);
        return subject is not null && !subject.Kind.IsTerritory()
            ? (subject, null)
            : throw new CommandException($"“{code}”不是企业或单位的编码。");
    }

    /// <summary>From standard input when piped (scripts), otherwise typed twice without echo.</summary>
    private static string ReadPassword()
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

/// <summary>A refusal with the message for stderr and the exit code.</summary>
public sealed class CommandException(string message, int exitCode = CommandLine.Refused) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

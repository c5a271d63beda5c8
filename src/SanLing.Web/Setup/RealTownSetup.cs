using Microsoft.AspNetCore.Identity;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Seed;

namespace SanLing.Web.Setup;

/// <summary>What a real town's first step asks for: the town and its first 系统管理员.</summary>
public sealed record NewTownRequest(
    string? TownCode, string? TownName, int InspectionDueDay, string? AdminUserName, string? AdminDisplayName, string? Password);

/// <summary>A refusal of one field of <see cref="NewTownRequest"/> (an empty field: the request as a whole).</summary>
/// <summary>A refused field: <see cref="Format"/> is the Chinese text (the key of the shared resource) with its arguments.</summary>
public sealed record SetupError(string Field, string Format, params object[] Args)
{
    /// <summary>The message in Chinese (the command line's language). Without arguments the text is taken as it is (an Identity description may hold braces).</summary>
    public string Message => Args.Length == 0 ? Format : string.Format(System.Globalization.CultureInfo.InvariantCulture, Format, Args);
}

/// <summary>
/// A real town's first step, shared by the setup page and the <c>setup</c> command: on an empty database only,
/// the town (with its default rule set, through <see cref="TownFounding"/>) and its first 系统管理员, all or nothing.
/// </summary>
public static class RealTownSetup
{
    public const string NotEmpty = "数据库中已有乡镇或账号，只能在空数据库上设置乡镇。";
    private const int DisplayNameMaxLength = 50;

    /// <summary>Every refusal of the request, without writing anything.</summary>
    public static async Task<IReadOnlyList<SetupError>> ValidateAsync(IServiceProvider services, NewTownRequest request) =>
        await ValidateAsync(services.GetRequiredService<UserManager<AppUser>>(), request, NewAdmin(services, request));

    /// <summary>Creates the town and its administrator, or returns why not (then nothing is written).</summary>
    public static async Task<IReadOnlyList<SetupError>> CreateAsync(IServiceProvider services, NewTownRequest request, CancellationToken cancellationToken = default)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<SanLingDbContext>();
        var admin = NewAdmin(services, request);
        var errors = await ValidateAsync(users, request, admin);
        if (errors.Count > 0)
        {
            return errors;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await TownFounding.IsEmptyAsync(db, cancellationToken))
        {
            return [new SetupError("", NotEmpty)];
        }
        var (town, _) = await TownFounding.CreateAsync(db, request.TownCode!, request.TownName!, request.InspectionDueDay, "setup", cancellationToken);
        admin.TownId = town.Id;
        var created = await users.CreateAsync(admin, request.Password!);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => new SetupError(nameof(request.AdminUserName), e.Description)).ToList();
        }
        var role = await users.AddToRoleAsync(admin, Roles.Admin);
        if (!role.Succeeded)
        {
            return role.Errors.Select(e => new SetupError("", e.Description)).ToList();
        }
        await Features.Users.AccountAudit.WriteAsync(db, services.GetRequiredService<TimeProvider>(), Domain.Auditing.AuditAction.Create, admin,
            new Dictionary<string, object?[]> { ["DisplayName"] = [null, admin.DisplayName], ["Role"] = [null, Roles.Admin], ["MustChangePassword"] = [null, admin.MustChangePassword] },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    private static AppUser NewAdmin(IServiceProvider services, NewTownRequest request) => new()
    {
        UserName = request.AdminUserName?.Trim(),
        DisplayName = string.IsNullOrWhiteSpace(request.AdminDisplayName) ? "系统管理员" : request.AdminDisplayName.Trim(),
        CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
    };

    /// <summary>Every field checked before anything is written; the password by the portal's own password policy.</summary>
    private static async Task<List<SetupError>> ValidateAsync(UserManager<AppUser> users, NewTownRequest request, AppUser admin)
    {
        var errors = new List<SetupError>();
        if (string.IsNullOrWhiteSpace(request.TownCode))
        {
            errors.Add(new(nameof(request.TownCode), "请填写乡镇编码"));
        }
        else if (!TownRules.IsValidCode(request.TownCode))
        {
            errors.Add(new(nameof(request.TownCode), "乡镇编码只能由字母、数字、“-”和“_”组成，不超过 {0} 个字符", TownRules.CodeMaxLength));
        }
        if (string.IsNullOrWhiteSpace(request.TownName))
        {
            errors.Add(new(nameof(request.TownName), "请填写乡镇名称"));
        }
        else if (!TownRules.IsValidName(request.TownName))
        {
            errors.Add(new(nameof(request.TownName), "乡镇名称不能超过 {0} 个字符", TownRules.NameMaxLength));
        }
        if (!TownRules.IsValidDueDay(request.InspectionDueDay))
        {
            errors.Add(new(nameof(request.InspectionDueDay), "月度排查截止日应在 {0} 到 {1} 之间", TownRules.FirstDueDay, TownRules.LastDueDay));
        }
        if (string.IsNullOrWhiteSpace(request.AdminUserName))
        {
            errors.Add(new(nameof(request.AdminUserName), "请填写管理员用户名"));
        }
        else
        {
            foreach (var validator in users.UserValidators)
            {
                var result = await validator.ValidateAsync(users, admin);
                errors.AddRange(result.Errors.Select(e => new SetupError(nameof(request.AdminUserName), e.Description)));
            }
        }
        if (admin.DisplayName.Length > DisplayNameMaxLength)
        {
            errors.Add(new(nameof(request.AdminDisplayName), "显示名不能超过 {0} 个字符", DisplayNameMaxLength));
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add(new(nameof(request.Password), "请填写密码"));
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, admin, request.Password);
                errors.AddRange(result.Errors.Select(e => new SetupError(nameof(request.Password), e.Description)));
            }
        }
        return errors;
    }
}

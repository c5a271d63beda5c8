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
/// A town and its first 系统管理员, all or nothing, through <see cref="TownFounding"/> (which gives the town its rule
/// sets): the first town of an empty database (the setup page, the <c>setup</c> command, optionally in a new county),
/// or a town added to a county of a running deployment (the <c>setup</c> command, the county center's 添加乡镇 page).
/// </summary>
public static class RealTownSetup
{
    public const string NotEmpty = "数据库中已有乡镇或账号，只能在空数据库上设置乡镇。";
    public const string NoCounty = "数据库中已有乡镇但还没有县；添加乡镇需用 --county <县编码> --county-name <县名称> 建立县（现有乡镇一并划入）。";
    public const string WhichCounty = "数据库中有多个县，请用 --county <县编码> 指明加入哪个县。";
    public const string UnknownCounty = "没有编码为 {0} 的县。";
    public const string CountyNameNeeded = "新建县 {0} 需用 --county-name 给出县名称。";
    public const string CountyNameDiffers = "县 {0} 已存在，名称为“{1}”，与 --county-name 不符。";
    public const string BadCounty = "县编码只能由字母、数字、“-”和“_”组成，县名称不超过 {0} 个字符。";
    public const string TownCodeTaken = "乡镇编码 {0} 已存在。";
    private const int DisplayNameMaxLength = 50;

    /// <summary>Every refusal of the request, without writing anything.</summary>
    public static async Task<IReadOnlyList<SetupError>> ValidateAsync(IServiceProvider services, NewTownRequest request) =>
        await ValidateAsync(services.GetRequiredService<UserManager<AppUser>>(), services.GetRequiredService<SanLingDbContext>(), request, NewAdmin(services, request));

    /// <summary>The first town of an empty database and its administrator, or why not (then nothing is written).</summary>
    public static Task<IReadOnlyList<SetupError>> CreateAsync(IServiceProvider services, NewTownRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(services, request, mustChangePassword: false, async db =>
            await TownFounding.IsEmptyAsync(db, cancellationToken) ? (null, null) : (null, new SetupError("", NotEmpty)), cancellationToken);

    /// <summary>
    /// The <c>setup</c> command: on an empty database the first town (in a new county when <paramref name="countyCode"/> is
    /// given); on a deployment with towns, a town added to the county named (or the only one). A deployment whose single
    /// town has no county gets the new county, the existing town and the new one in it.
    /// </summary>
    public static Task<IReadOnlyList<SetupError>> SetUpAsync(IServiceProvider services, NewTownRequest request, string? countyCode, string? countyName, CancellationToken cancellationToken = default) =>
        CreateAsync(services, request, mustChangePassword: false, db => PlaceAsync(db, services.GetRequiredService<TimeProvider>(), countyCode, countyName?.Trim(), cancellationToken), cancellationToken);

    /// <summary>The county center's 添加乡镇: a town of <paramref name="countyId"/>, its administrator to change the password first.</summary>
    public static Task<IReadOnlyList<SetupError>> AddToCountyAsync(IServiceProvider services, NewTownRequest request, int countyId, CancellationToken cancellationToken = default) =>
        CreateAsync(services, request, mustChangePassword: true, async db =>
            await db.Counties.AnyAsync(c => c.Id == countyId, cancellationToken) ? (countyId, null) : (null, new SetupError("", UnknownCounty, countyId)), cancellationToken);

    /// <summary>Which county the new town joins (created here when new), or why none; inside the caller's transaction.</summary>
    private static async Task<(int? CountyId, SetupError? Error)> PlaceAsync(SanLingDbContext db, TimeProvider clock, string? code, string? name, CancellationToken ct)
    {
        if (code is not null && (!TownRules.IsValidCode(code) || (name is not null && !TownRules.IsValidName(name))))
        {
            return (null, new SetupError("County", BadCounty, TownRules.NameMaxLength));
        }
        if (await TownFounding.IsEmptyAsync(db, ct))
        {
            if (code is null)
            {
                return (null, null);
            }
            return string.IsNullOrWhiteSpace(name) ? (null, new SetupError("County", CountyNameNeeded, code)) : (await NewCountyAsync(db, clock, code, name, ct), null);
        }
        var counties = await db.Counties.Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(ct);
        if (code is null)
        {
            return counties.Count switch
            {
                1 => (counties[0].Id, null),
                0 => (null, new SetupError("County", NoCounty)),
                _ => (null, new SetupError("County", WhichCounty)),
            };
        }
        if (counties.FirstOrDefault(c => c.Code == code) is { } existing)
        {
            return name is not null && name != existing.Name ? (null, new SetupError("County", CountyNameDiffers, code, existing.Name)) : (existing.Id, null);
        }
        var towns = await db.Towns.Select(t => new { t.Id, t.CountyId }).ToListAsync(ct);
        if (counties.Count > 0 || towns.Count != 1)
        {
            return (null, new SetupError("County", UnknownCounty, code));
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, new SetupError("County", CountyNameNeeded, code));
        }
        // The deployment's single town joins the new county; its rule sets stay its own until the county publishes one.
        var countyId = await NewCountyAsync(db, clock, code, name, ct);
        var town = await db.Towns.SingleAsync(t => t.Id == towns[0].Id, ct);
        town.CountyId = countyId;
        town.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        await AuditChain.AppendAsync(db, clock, Domain.Auditing.AuditAction.Update, nameof(Town), town.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?[]> { [nameof(Town.CountyId)] = [null, countyId] }, AuditJson), ct);
        return (countyId, null);
    }

    private static async Task<int> NewCountyAsync(SanLingDbContext db, TimeProvider clock, string code, string name, CancellationToken ct)
    {
        var county = new Domain.Common.County { Code = code, Name = name.Trim() };
        db.Counties.Add(county);
        await db.SaveChangesAsync(ct);
        await AuditChain.AppendAsync(db, clock, Domain.Auditing.AuditAction.Create, nameof(Domain.Common.County), county.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Json.JsonSerializer.Serialize(new { county.Code, county.Name }, AuditJson), ct);
        return county.Id;
    }

    private static async Task<IReadOnlyList<SetupError>> CreateAsync(IServiceProvider services, NewTownRequest request, bool mustChangePassword,
        Func<SanLingDbContext, Task<(int? CountyId, SetupError? Error)>> place, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<SanLingDbContext>();
        var admin = NewAdmin(services, request);
        admin.MustChangePassword = mustChangePassword;
        var errors = await ValidateAsync(users, db, request, admin);
        if (errors.Count > 0)
        {
            return errors;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (countyId, refused) = await place(db);
        if (refused is not null)
        {
            return [refused];
        }
        var actorName = db.Actor.UserName ?? "setup";
        var (town, _) = await TownFounding.CreateAsync(db, request.TownCode!.Trim(), request.TownName!, request.InspectionDueDay, actorName, countyId, cancellationToken);
        await AuditChain.AppendAsync(db, services.GetRequiredService<TimeProvider>(), Domain.Auditing.AuditAction.Create, nameof(Town),
            town.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Text.Json.JsonSerializer.Serialize(new { town.Code, town.Name, town.InspectionDueDay, town.CountyId }, AuditJson), cancellationToken);
        admin.TownId = town.Id;
        var created = await users.CreateAsync(admin, request.Password!);
        if (!created.Succeeded)
        {
            db.ChangeTracker.Clear();
            return created.Errors.Select(e => new SetupError(nameof(request.AdminUserName), e.Description)).ToList();
        }
        var role = await users.AddToRoleAsync(admin, Roles.Admin);
        if (!role.Succeeded)
        {
            db.ChangeTracker.Clear();
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

    private static readonly System.Text.Json.JsonSerializerOptions AuditJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every field checked before anything is written; the password by the portal's own password policy.</summary>
    private static async Task<List<SetupError>> ValidateAsync(UserManager<AppUser> users, SanLingDbContext db, NewTownRequest request, AppUser admin)
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
        else if (await db.Towns.AnyAsync(t => t.Code == request.TownCode.Trim()))
        {
            errors.Add(new(nameof(request.TownCode), TownCodeTaken, request.TownCode.Trim()));
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

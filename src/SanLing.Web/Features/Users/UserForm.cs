using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using SanLing.Web.Features.Account;

namespace SanLing.Web.Features.Users;

/// <summary>
/// What the create/edit form posts. The user name and the initial password are taken only when creating; the town,
/// the disabled flag and the grids are set by the server, never bound.
/// </summary>
public sealed class UserForm
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }

    /// <summary>One of <see cref="Roles.All"/>.</summary>
    public string? Role { get; set; }

    /// <summary>Picked from the town's villages/communities, their grids, or its enterprises/units (by code).</summary>
    public string? ScopeCode { get; set; }

    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }

    /// <summary>Let the system choose the temporary password and show it once.</summary>
    public bool GeneratePassword { get; set; }

    /// <summary>The account's concurrency stamp when the form was loaded; a stale one is refused on save.</summary>
    public string? ConcurrencyStamp { get; set; }
}

public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    /// <summary>Root context key: the id of the account being edited (absent when creating).</summary>
    public const string EditedUserIdKey = "EditedUserId";

    public UserFormValidator(SanLingDbContext db, UserManager<AppUser> users, IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.UserName)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["请输入用户名"])
            .MaximumLength(64).WithMessage(_ => l["用户名不能超过 64 个字符"])
            .Matches("^[A-Za-z0-9._@-]+$").WithMessage(_ => l["用户名只能包含字母、数字和 - . _ @"])
            .MustAsync(async (name, ct) =>
            {
                var normalized = users.NormalizeName(name!.Trim());
                return !await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct);
            }).WithMessage(_ => l["该用户名已被使用"])
            .When((_, context) => IsCreating(context));

        RuleFor(f => f.DisplayName)
            .NotEmpty().WithMessage(_ => l["请输入显示名"])
            .MaximumLength(50).WithMessage(_ => l["显示名不能超过 50 个字符"]);

        RuleFor(f => f.Role)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["请选择角色"])
            .Must(role => Roles.All.Contains(role!)).WithMessage(_ => l["角色无效"]);

        RuleFor(f => f.ScopeCode)
            .Cascade(CascadeMode.Stop)
            .MaximumLength(32).WithMessage(_ => l["范围编码无效"])
            .CustomAsync(async (code, context, ct) =>
            {
                var role = context.InstanceToValidate.Role;
                if (role is null || !Roles.All.Contains(role))
                {
                    return;
                }
                var choice = await AccountScopes.ResolveAsync(db, role, code, ct);
                if (choice.Refusal is { } refusal)
                {
                    context.AddFailure(nameof(UserForm.ScopeCode), ScopeMessage(l, refusal, role));
                }
            });

        RuleFor(f => f.Password)
            .NotEmpty().WithMessage(_ => l["请输入初始密码，或选择由系统生成"])
            .MaximumLength(PasswordRules.MaxLength).WithMessage(_ => l["密码过长"])
            .When((f, context) => IsCreating(context) && !f.GeneratePassword);
        RuleFor(f => f.ConfirmPassword)
            .Equal(f => f.Password).WithMessage(_ => l["两次输入的密码不一致"])
            .When((f, context) => IsCreating(context) && !f.GeneratePassword && !string.IsNullOrEmpty(f.Password));
    }

    private static bool IsCreating(ValidationContext<UserForm> context) =>
        !context.RootContextData.TryGetValue(EditedUserIdKey, out var id) || id is null;

    /// <summary>The page's wording of a scope that does not fit the role (the rule is <see cref="AccountScopes"/>).</summary>
    public static string ScopeMessage(IStringLocalizer l, ScopeRefusal refusal, string role) => refusal switch
    {
        ScopeRefusal.NotAllowed => l["该角色面向全镇，不选择范围"],
        ScopeRefusal.Missing when role == Roles.GridWorker => l["网格员必须选择所属村（社区）或网格"],
        ScopeRefusal.Missing => l["单位联络员必须选择所属企业或单位"],
        ScopeRefusal.NotTerritoryOrGrid => l["网格员的范围必须是村（社区）或其网格"],
        _ => l["单位联络员的范围必须是企业或单位"],
    };
}

/// <summary>An administrator's password reset: a temporary password typed twice, or one the system generates.</summary>
public sealed class ResetPasswordForm
{
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
    public bool GeneratePassword { get; set; }
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Password)
            .NotEmpty().WithMessage(_ => l["请输入临时密码，或选择由系统生成"])
            .MaximumLength(PasswordRules.MaxLength).WithMessage(_ => l["密码过长"])
            .When(f => !f.GeneratePassword);
        RuleFor(f => f.ConfirmPassword)
            .Equal(f => f.Password).WithMessage(_ => l["两次输入的密码不一致"])
            .When(f => !f.GeneratePassword && !string.IsNullOrEmpty(f.Password));
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace SanLing.Web.Security;

/// <summary>
/// Identity's messages in the reader's language: the Chinese text is the key of the shared resource. The command line
/// has no localizer and keeps the Chinese.
/// </summary>
public sealed class ChineseIdentityErrorDescriber(IStringLocalizer<SharedResource>? localizer = null) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "密码至少需要 {0} 个字符。", length);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "密码必须包含数字。");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "密码必须包含小写字母。");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "密码必须包含大写字母。");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "密码必须包含符号。");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "密码至少需要 {0} 个不同的字符。", uniqueChars);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "用户名“{0}”已被使用。", userName);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "用户名“{0}”无效，只能包含字母、数字和 - . _ @。", userName ?? "");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "密码不正确。");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "数据已被他人修改，请刷新后重试。");
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "操作失败。");
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "用户已属于角色“{0}”。", role);

    private IdentityError Error(string code, string format, params object[] args) => new()
    {
        Code = code,
        Description = localizer is not null
            ? localizer[format, args]
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args),
    };
}

/// <summary>Refuses common and local passwords (the town's name, 123456…), case-insensitively.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<Infrastructure.Identity.AppUser>
{
    private static readonly string[] Forbidden =
    [
        "123456", "654321", "111111", "000000", "888888", "666666", "abcdef", "qwerty", "password", "passw0rd", "admin", "sanling",
        "iloveyou", "woaini", "5201314", "abc123", "zhongguo", "china",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<Infrastructure.Identity.AppUser> manager, Infrastructure.Identity.AppUser user, string? password)
    {
        var value = (password ?? "").ToLowerInvariant();
        var userName = user.UserName?.ToLowerInvariant();
        if (Forbidden.Any(value.Contains) || (!string.IsNullOrEmpty(userName) && value.Contains(userName, StringComparison.Ordinal)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "密码过于常见或包含用户名、系统名称等易猜词语，请换一个。",
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }
}

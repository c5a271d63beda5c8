using Microsoft.AspNetCore.Identity;

namespace SanLing.Web.Security;

/// <summary>Identity's messages in Chinese.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 个字符。" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码必须包含数字。" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码必须包含小写字母。" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "密码必须包含大写字母。" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "密码必须包含符号。" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少需要 {uniqueChars} 个不同的字符。" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用。" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效，只能包含字母、数字和 - . _ @。" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码不正确。" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "数据已被他人修改，请刷新后重试。" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败。" };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"用户已属于角色“{role}”。" };
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

using Microsoft.Extensions.Localization;

namespace SanLing.Web.Features.Account;

/// <summary>A user's own password change: the current one, and the new one twice. Passwords are never shown back.</summary>
public sealed class ChangePasswordForm
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.CurrentPassword)
            .NotEmpty().WithMessage(_ => l["请输入当前密码"])
            .MaximumLength(PasswordRules.MaxLength).WithMessage(_ => l["密码过长"]);
        RuleFor(f => f.NewPassword)
            .NotEmpty().WithMessage(_ => l["请输入新密码"])
            .MaximumLength(PasswordRules.MaxLength).WithMessage(_ => l["密码过长"])
            .NotEqual(f => f.CurrentPassword).WithMessage(_ => l["新密码不能与当前密码相同"]);
        RuleFor(f => f.ConfirmPassword)
            .Equal(f => f.NewPassword).WithMessage(_ => l["两次输入的新密码不一致"])
            .When(f => !string.IsNullOrEmpty(f.NewPassword));
    }
}

/// <summary>What every password form checks before Identity applies the policy (length ≥ 12, digits, common words…).</summary>
public static class PasswordRules
{
    public const int MaxLength = 128;
}

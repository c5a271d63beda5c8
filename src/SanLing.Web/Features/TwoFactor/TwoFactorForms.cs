using FluentValidation;
using Microsoft.Extensions.Localization;

namespace SanLing.Web.Features.TwoFactor;

/// <summary>The 6-digit code from the authenticator app that confirms enrolment.</summary>
public sealed class EnrolForm
{
    public string? Code { get; set; }
}

/// <summary>The second step of sign-in: an authenticator code, or (when <see cref="Recovery"/>) a recovery code.</summary>
public sealed class VerifyForm
{
    public string? Code { get; set; }
    public bool Recovery { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class EnrolFormValidator : AbstractValidator<EnrolForm>
{
    public EnrolFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Code)
            .NotEmpty().WithMessage(_ => l["请输入验证码"])
            .Must(c => TwoFactorCodes.AuthenticatorCode(c) is not null).WithMessage(_ => l["验证码为 6 位数字"]);
    }
}

public sealed class VerifyFormValidator : AbstractValidator<VerifyForm>
{
    public VerifyFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Code)
            .NotEmpty().WithMessage(f => f.Recovery ? l["请输入恢复码"] : l["请输入验证码"])
            .MaximumLength(64).WithMessage(_ => l["验证码不正确。"]);
    }
}

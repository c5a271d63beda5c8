using Microsoft.Extensions.Localization;

namespace SanLing.Web.Features.Account;

public sealed class LoginForm
{
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string? ReturnUrl { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator(IStringLocalizer<SharedResource> localizer)
    {
        RuleFor(f => f.UserName).NotEmpty().WithMessage(_ => localizer["请输入用户名"]).MaximumLength(256).WithMessage(_ => localizer["用户名过长"]);
        RuleFor(f => f.Password).NotEmpty().WithMessage(_ => localizer["请输入密码"]).MaximumLength(200).WithMessage(_ => localizer["密码过长"]);
    }
}

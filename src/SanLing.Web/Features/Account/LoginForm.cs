using FluentValidation;

namespace SanLing.Web.Features.Account;

public sealed class LoginForm
{
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string? ReturnUrl { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator()
    {
        RuleFor(f => f.UserName).NotEmpty().WithMessage("请输入用户名").MaximumLength(256).WithMessage("用户名过长");
        RuleFor(f => f.Password).NotEmpty().WithMessage("请输入密码").MaximumLength(200).WithMessage("密码过长");
    }
}

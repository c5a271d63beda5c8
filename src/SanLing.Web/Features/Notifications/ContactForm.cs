using Microsoft.Extensions.Localization;
using SanLing.Domain.Notifications;

namespace SanLing.Web.Features.Notifications;

/// <summary>Where the user's own daily digest goes: an e-mail address and a phone number (for the SMS/WeChat gateway).</summary>
public sealed class ContactForm
{
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

public sealed class ContactFormValidator : AbstractValidator<ContactForm>
{
    public const int PhoneMaxLength = 20;

    public ContactFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Email)
            .MaximumLength(DeliveryRules.AddressMaxLength).WithMessage(_ => string.Format(l["邮箱不能超过 {0} 个字符"].Value, DeliveryRules.AddressMaxLength))
            .Must(e => MimeKit.MailboxAddress.TryParse(e!.Trim(), out var m) && m.Address.Contains('@', StringComparison.Ordinal) && m.Address == e.Trim())
            .When(f => !string.IsNullOrWhiteSpace(f.Email))
            .WithMessage(_ => l["邮箱格式不正确，如 zhangsan@example.cn"]);
        RuleFor(f => f.Phone)
            .Matches(@"^\+?[0-9][0-9 \-]{4,19}$").When(f => !string.IsNullOrWhiteSpace(f.Phone))
            .WithMessage(_ => l["手机号只能包含数字（可带 + 和空格），如 13800000000"]);
    }
}

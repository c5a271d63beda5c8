using Microsoft.Extensions.Localization;
using SanLing.Domain.Notifications;
using SanLing.Infrastructure.Notifications;

namespace SanLing.Web.Features.Settings;

/// <summary>通知设置: the SMTP server for e-mail digests and the digest's local hour. The password is never shown back.</summary>
public sealed class MailSettingsForm
{
    public string? SmtpHost { get; set; }
    public int? SmtpPort { get; set; }
    public SmtpSecurity SmtpSecurity { get; set; } = SmtpSecurity.StartTls;
    public string? SmtpUserName { get; set; }

    /// <summary>Blank keeps the stored password.</summary>
    public string? SmtpPassword { get; set; }

    public bool ClearPassword { get; set; }
    public string? MailFrom { get; set; }
    public int? DigestHour { get; set; }

    public static MailSettingsForm From(MailSettings s) => new()
    {
        SmtpHost = s.Host, SmtpPort = s.Port, SmtpSecurity = s.Security, SmtpUserName = s.UserName, MailFrom = s.From, DigestHour = s.DigestHour,
    };

    public MailSettings ToSettings() => new(
        string.IsNullOrWhiteSpace(SmtpHost) ? null : SmtpHost.Trim(), SmtpPort ?? 587, SmtpSecurity,
        string.IsNullOrWhiteSpace(SmtpUserName) ? null : SmtpUserName.Trim(), string.IsNullOrEmpty(SmtpPassword) ? null : SmtpPassword,
        string.IsNullOrWhiteSpace(MailFrom) ? null : MailFrom.Trim(), DigestHour ?? DeliveryRules.DefaultDigestHour);
}

public sealed class MailSettingsFormValidator : AbstractValidator<MailSettingsForm>
{
    public const int TextMaxLength = 200;

    public MailSettingsFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.SmtpHost).MaximumLength(TextMaxLength).WithMessage(_ => string.Format(l["邮件服务器不能超过 {0} 个字符"].Value, TextMaxLength))
            .Must(h => Uri.CheckHostName(h!.Trim()) != UriHostNameType.Unknown).When(f => !string.IsNullOrWhiteSpace(f.SmtpHost))
            .WithMessage(_ => l["邮件服务器应为主机名或 IP 地址，如 smtp.example.cn"]);
        RuleFor(f => f.SmtpPort).NotNull().WithMessage(_ => l["请填写端口"])
            .InclusiveBetween(1, 65535).When(f => f.SmtpPort is not null).WithMessage(_ => l["端口必须是 1 到 65535 之间的整数"]);
        RuleFor(f => f.SmtpSecurity).IsInEnum().WithMessage(_ => l["请选择加密方式"]);
        RuleFor(f => f.SmtpUserName).MaximumLength(TextMaxLength).WithMessage(_ => string.Format(l["用户名不能超过 {0} 个字符"].Value, TextMaxLength));
        RuleFor(f => f.SmtpPassword).MaximumLength(TextMaxLength).WithMessage(_ => string.Format(l["密码不能超过 {0} 个字符"].Value, TextMaxLength));
        RuleFor(f => f.MailFrom).NotEmpty().When(f => !string.IsNullOrWhiteSpace(f.SmtpHost)).WithMessage(_ => l["填写了邮件服务器时，请填写发件地址"])
            .Must(a => MimeKit.MailboxAddress.TryParse(a!.Trim(), out var m) && m.Address.Contains('@', StringComparison.Ordinal))
            .When(f => !string.IsNullOrWhiteSpace(f.MailFrom)).WithMessage(_ => l["发件地址格式不正确，如 sanling@example.cn"])
            .MaximumLength(TextMaxLength).WithMessage(_ => string.Format(l["发件地址不能超过 {0} 个字符"].Value, TextMaxLength));
        RuleFor(f => f.DigestHour).NotNull().WithMessage(_ => l["请填写每日汇总时间"])
            .Must(h => DeliveryRules.IsValidDigestHour(h!.Value)).When(f => f.DigestHour is not null).WithMessage(_ => l["每日汇总时间必须是 0 到 23 之间的整数"]);
    }
}

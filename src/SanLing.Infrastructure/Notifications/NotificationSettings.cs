using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using SanLing.Domain.Notifications;

namespace SanLing.Infrastructure.Notifications;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    None = 0,          // 不加密 (an intranet relay)
    StartTls = 1,      // STARTTLS (usually port 587)
    SslOnConnect = 2,  // SSL/TLS from the start (usually port 465)
}

/// <summary>The deployment's mail server and digest hour (镇设置 → 通知), kept in <see cref="SystemSetting"/>.</summary>
public sealed record MailSettings(string? Host, int Port, SmtpSecurity Security, string? UserName, string? Password, string? From, int DigestHour)
{
    public static MailSettings Default { get; } = new(null, 587, SmtpSecurity.StartTls, null, null, null, DeliveryRules.DefaultDigestHour);

    /// <summary>E-mail goes out only when a server and a sender address are set.</summary>
    public bool SendsMail => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

/// <summary>
/// Reads and writes <see cref="MailSettings"/>; the password is kept encrypted with the data-protection key ring (as the
/// other deployment secrets), never in clear text in the database.
/// </summary>
public sealed class MailSettingsStore(SanLingDbContext db, IDataProtectionProvider protection)
{
    public const string Key = "Notifications.Mail";
    private readonly IDataProtector _protector = protection.CreateProtector("SanLing.Notifications.SmtpPassword.v1");

    private sealed record Stored(string? Host, int Port, SmtpSecurity Security, string? UserName, string? ProtectedPassword, string? From, int DigestHour);

    public async Task<MailSettings> LoadAsync(CancellationToken ct)
    {
        var value = await db.SystemSettings.AsNoTracking().Where(s => s.Key == Key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        if (value is null)
        {
            return MailSettings.Default;
        }
        var stored = JsonSerializer.Deserialize<Stored>(value) ?? throw new InvalidOperationException("通知设置无法读取。");
        return new MailSettings(stored.Host, stored.Port, stored.Security, stored.UserName,
            stored.ProtectedPassword is null ? null : _protector.Unprotect(stored.ProtectedPassword), stored.From, stored.DigestHour);
    }

    /// <summary>Whether a password is stored (the page never shows it back).</summary>
    public async Task<bool> HasPasswordAsync(CancellationToken ct) => (await LoadAsync(ct)).Password is not null;

    /// <summary>Saves the settings; a null <see cref="MailSettings.Password"/> keeps the stored one unless <paramref name="clearPassword"/>.</summary>
    public async Task SaveAsync(MailSettings settings, bool clearPassword, CancellationToken ct)
    {
        var row = await db.SystemSettings.FirstOrDefaultAsync(s => s.Key == Key, ct);
        string? protectedPassword = null;
        if (!clearPassword)
        {
            protectedPassword = settings.Password is { Length: > 0 } password
                ? _protector.Protect(password)
                : row is null ? null : JsonSerializer.Deserialize<Stored>(row.Value)?.ProtectedPassword;
        }
        var value = JsonSerializer.Serialize(new Stored(settings.Host?.Trim(), settings.Port, settings.Security, settings.UserName?.Trim(),
            protectedPassword, settings.From?.Trim(), settings.DigestHour));
        if (row is null)
        {
            db.SystemSettings.Add(new SystemSetting { Key = Key, Value = value });
        }
        else
        {
            row.Value = value;
        }
        await db.SaveChangesAsync(ct);
    }
}

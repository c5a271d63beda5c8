using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using SanLing.Domain.Notifications;

namespace SanLing.Infrastructure.Notifications;

/// <summary>A message on its way out: to one address on one channel.</summary>
public sealed record OutgoingMessage(string Address, string Subject, string Body);

/// <summary>
/// Sends messages on one channel. The e-mail sender is built in; a town's SMS or WeChat gateway is another
/// implementation named in configuration (<c>Notifications:Gateway</c>), with nothing else changed. A failure throws.
/// </summary>
public interface IMessageSender
{
    Channel Channel { get; }

    /// <summary>False when the channel is not set up: nothing is written to the outbox for it.</summary>
    Task<bool> IsReadyAsync(CancellationToken ct);

    Task SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>E-mail through the SMTP server of the settings page (MailKit).</summary>
public sealed class SmtpMessageSender(MailSettingsStore settings) : IMessageSender
{
    /// <summary>A hung server must not hold the outbox: each step waits at most this long.</summary>
    private const int TimeoutMilliseconds = 30_000;

    public Channel Channel => Channel.Email;

    public async Task<bool> IsReadyAsync(CancellationToken ct) => (await settings.LoadAsync(ct)).SendsMail;

    public async Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var mail = await settings.LoadAsync(ct);
        if (!mail.SendsMail)
        {
            throw new InvalidOperationException("未配置邮件服务器。");
        }
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(mail.From!));
        mime.To.Add(MailboxAddress.Parse(message.Address));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient { Timeout = TimeoutMilliseconds };
        var security = mail.Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(mail.Host!, mail.Port, security, ct);
        if (!string.IsNullOrEmpty(mail.UserName))
        {
            await client.AuthenticateAsync(mail.UserName, mail.Password ?? "", ct);
        }
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>The default gateway: writes each message to the log instead of sending it (until a town plugs in its own).</summary>
public sealed class LoggingMessageSender(ILogger<LoggingMessageSender> logger) : IMessageSender
{
    public Channel Channel => Channel.Gateway;

    public Task<bool> IsReadyAsync(CancellationToken ct) => Task.FromResult(true);

    public Task SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        logger.LogInformation("Gateway message (log sender) to {Address}: {Subject} ({Length} characters)", message.Address, message.Subject, message.Body.Length);
        return Task.CompletedTask;
    }
}

public static class MessageSenderSetup
{
    /// <summary>
    /// The e-mail sender, and the gateway named by <c>Notifications:Gateway</c>: <c>Log</c> (default), <c>None</c>, or the
    /// assembly-qualified name of a class implementing <see cref="IMessageSender"/> (built with its dependencies from DI).
    /// </summary>
    public static IServiceCollection AddMessageSenders(this IServiceCollection services, IConfiguration configuration, bool background)
    {
        services.AddScoped<MailSettingsStore>();
        services.AddScoped<NotificationWriter>();
        services.AddScoped<IMessageSender, SmtpMessageSender>();
        var gateway = configuration["Notifications:Gateway"]?.Trim();
        if (string.IsNullOrEmpty(gateway) || gateway.Equals("Log", StringComparison.OrdinalIgnoreCase))
        {
            services.AddScoped<IMessageSender, LoggingMessageSender>();
        }
        else if (!gateway.Equals("None", StringComparison.OrdinalIgnoreCase))
        {
            var type = Type.GetType(gateway, throwOnError: false);
            if (type is null || !typeof(IMessageSender).IsAssignableFrom(type))
            {
                // Stops the start: a mistyped gateway must not silently send nothing.
                throw new InvalidOperationException($"Notifications:Gateway \"{gateway}\" is not a class implementing IMessageSender.");
            }
            services.AddScoped(typeof(IMessageSender), type);
        }
        services.AddScoped<ReminderGenerator>();
        services.AddScoped<DigestComposer>();
        services.AddScoped<OutboxSender>();
        services.AddSingleton<NotificationPump>();
        if (background && configuration.GetValue("Notifications:Pump", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<NotificationPump>());
        }
        return services;
    }
}

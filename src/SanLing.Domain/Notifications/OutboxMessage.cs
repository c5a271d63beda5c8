namespace SanLing.Domain.Notifications;

/// <summary>The ways a message leaves the portal.</summary>
public enum Channel
{
    Email = 1,    // 电子邮件 (SMTP)
    Gateway = 2,  // 短信/微信网关 (the town's gateway; logged by default)
}

public enum DeliveryStatus
{
    Pending = 1,  // 待发送 (also while retrying)
    Sent = 2,     // 已发送
    Failed = 3,   // 发送失败 (gave up after the maximum attempts)
}

/// <summary>
/// One daily digest for one person on one channel, written by the digest step and sent by the outbox sender with
/// retries. Unique per town, user, channel and day: a person never gets two digests a day on a channel.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }

    public int TownId { get; set; }

    public required string UserId { get; set; }

    public Channel Channel { get; set; }

    /// <summary>E-mail address or phone number at the time of writing.</summary>
    public required string Address { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>The town's day the digest is for.</summary>
    public DateOnly DigestDay { get; set; }

    /// <summary>How many notifications it carries.</summary>
    public int ItemCount { get; set; }

    public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>Not tried again before this instant (back-off after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

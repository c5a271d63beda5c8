namespace SanLing.Domain.Notifications;

/// <summary>What a notification is about; its text is <see cref="NotificationWording.Template"/> with its arguments.</summary>
public enum NotificationKind
{
    SupervisionIssued = 1,    // 新督办
    SupervisionReturned = 2,  // 督办回复被退回
    InspectionReturned = 3,   // 月度排查被退回
    CardYellow = 4,           // 督办黄牌
    CardRed = 5,              // 督办红牌
    Escalated = 6,            // 督办升级
    DueSoon = 7,              // 月度排查截止前提醒
    AppealUpheld = 8,         // 申诉已采纳
    AppealRejected = 9,       // 申诉未采纳
}

/// <summary>
/// One item of a user's notification list (the bell). Not an audited record: it is traffic about records, and reading
/// it changes nothing of the campaign's data. The text is stored as a kind and arguments and worded in the reader's
/// language when shown.
/// </summary>
public class Notification
{
    public long Id { get; set; }

    public int TownId { get; set; }

    /// <summary>The account it is for; nobody else reads it.</summary>
    public required string UserId { get; set; }

    public NotificationKind Kind { get; set; }

    /// <summary>The wording's arguments as a JSON array of strings (<see cref="NotificationArgs"/>).</summary>
    public required string Args { get; set; }

    /// <summary>The page it is about (a local path), or none.</summary>
    public string? Link { get; set; }

    /// <summary>Makes a reminder happen once: unique per town and user (e.g. <c>card:12:red:2026-11-30</c>).</summary>
    public string? DedupeKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Set when the item went into a daily digest (outbox); null while waiting for the next one.</summary>
    public DateTimeOffset? DigestedAt { get; set; }
}

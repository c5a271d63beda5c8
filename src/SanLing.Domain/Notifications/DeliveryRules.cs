namespace SanLing.Domain.Notifications;

/// <summary>The limits of notifying: retries, back-off, digest hour and the due-month reminders. One home for each.</summary>
public static class DeliveryRules
{
    /// <summary>A message is tried this many times, then reported as failed.</summary>
    public const int MaxAttempts = 5;

    /// <summary>First wait after a failure; each further failure doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>Longest error text kept on a message.</summary>
    public const int ErrorMaxLength = 500;

    public const int AddressMaxLength = 256;
    public const int SubjectMaxLength = 200;
    public const int LinkMaxLength = 300;
    public const int DedupeKeyMaxLength = 100;

    /// <summary>The local hour the daily digest goes out unless configured otherwise.</summary>
    public const int DefaultDigestHour = 8;

    /// <summary>Days before the due day the due month's missing inspection is reminded of.</summary>
    public static readonly IReadOnlyList<int> ReminderDaysBefore = [3, 1];

    public static bool IsValidDigestHour(int hour) => hour is >= 0 and <= 23;

    /// <summary>The wait before the next try after <paramref name="attempts"/> failed tries.</summary>
    public static TimeSpan BackoffAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        var wait = TimeSpan.FromTicks((long)(FirstBackoff.Ticks * factor));
        return wait > MaxBackoff ? MaxBackoff : wait;
    }

    /// <summary>After a failed try: tried again later, or given up.</summary>
    public static DeliveryStatus AfterFailure(int attempts) => attempts >= MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Pending;

    /// <summary>
    /// The reminder stage due on a day (3 or 1 days before the due day), or null. A day missed by the job (the
    /// portal was down) is caught up the next day: 2 days left still reminds the 3-day stage once.
    /// </summary>
    public static int? ReminderStage(int daysLeft)
    {
        if (daysLeft < 0)
        {
            return null;
        }
        foreach (var stage in ReminderDaysBefore.OrderBy(d => d))
        {
            if (daysLeft <= stage)
            {
                return stage;
            }
        }
        return null;
    }

    /// <summary>Whether the digest of <paramref name="localNow"/>'s day is due (at or after the configured hour).</summary>
    public static bool IsDigestTime(DateTime localNow, int digestHour) => localNow.Hour >= digestHour;
}

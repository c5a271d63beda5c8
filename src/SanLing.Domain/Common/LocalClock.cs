namespace SanLing.Domain.Common;

/// <summary>The town's calendar: "today" and clock times in the town's time zone, whatever zone the server runs in.</summary>
public static class LocalClock
{
    /// <summary>The zone a town runs on unless configured otherwise (China has one civil time zone, UTC+8).</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    /// <summary>Today in the clock's local time zone: what the town calls today.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>A stored instant as the town's wall-clock time, for display.</summary>
    public static DateTimeOffset InTownTime(this TimeProvider clock, DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, clock.LocalTimeZone);

    /// <summary>
    /// The zone named in configuration; a machine without time-zone data (a slim container) still gets China's UTC+8,
    /// so "today" never silently becomes the server's UTC date between midnight and 08:00.
    /// </summary>
    public static TimeZoneInfo ResolveZone(string? id)
    {
        var name = string.IsNullOrWhiteSpace(id) ? DefaultTimeZone : id.Trim();
        if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            return zone;
        }
        if (name == DefaultTimeZone)
        {
            return TimeZoneInfo.CreateCustomTimeZone(DefaultTimeZone, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
        throw new ArgumentException($"未知的时区 \"{name}\"（例如 Asia/Shanghai）。", nameof(id));
    }
}

/// <summary>The system clock, read in the town's time zone rather than the server's.</summary>
public sealed class TownTimeProvider(TimeZoneInfo zone) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => zone;
}

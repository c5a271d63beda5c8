namespace SanLing.Domain.Common;

/// <summary>The town's calendar day, read from the app's one clock (tests move it).</summary>
public static class LocalClock
{
    /// <summary>Today in the clock's local time zone: what the town calls today.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}

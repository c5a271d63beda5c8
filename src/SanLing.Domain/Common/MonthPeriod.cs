namespace SanLing.Domain.Common;

/// <summary>Helpers for the "month" of inspections, stored as the first day of that month.</summary>
public static class MonthPeriod
{
    public static DateOnly Of(int year, int month) => new(year, month, 1);

    public static DateOnly Of(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The last day a month's inspection counts as on time: <paramref name="dueDay"/> of the next month.</summary>
    public static DateOnly DueDate(DateOnly month, int dueDay)
    {
        var next = month.AddMonths(1);
        return new DateOnly(next.Year, next.Month, Math.Min(dueDay, DateTime.DaysInMonth(next.Year, next.Month)));
    }

    /// <summary>
    /// The latest month whose inspections are due before <paramref name="day"/> (its due date has passed); months after
    /// it are still open.
    /// </summary>
    public static DateOnly LastDueMonth(DateOnly day, int dueDay)
    {
        var month = Of(day);
        while (DueDate(month, dueDay) >= day)
        {
            month = month.AddMonths(-1);
        }
        return month;
    }

    /// <summary>
    /// The month whose inspection is due now: last month until its due date has passed (up to and including the due
    /// day), this month after it. The first month after <see cref="LastDueMonth"/>.
    /// </summary>
    public static DateOnly DueNow(DateOnly day, int dueDay) => LastDueMonth(day, dueDay).AddMonths(1);

    public static bool IsLate(DateOnly month, DateOnly submittedOn, int dueDay) => submittedOn > DueDate(month, dueDay);
}

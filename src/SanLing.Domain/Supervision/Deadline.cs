namespace SanLing.Domain.Supervision;

/// <summary>The card a time limit shows (督办 orders and each stage of an escalated dispute).</summary>
public enum Card
{
    None = 0,    // 在期限内
    Yellow = 1,  // 黄牌: near or at the limit
    Red = 2,     // 红牌: past the limit
}

/// <summary>The town's thresholds (镇设置): when a card turns yellow and when a red card escalates.</summary>
/// <param name="YellowWithinDays">Yellow when this many working days or fewer are left (0: only on the last day).</param>
/// <param name="EscalateAfterDays">A red card escalates once this many working days have passed since the limit.</param>
public readonly record struct CardThresholds(int YellowWithinDays, int EscalateAfterDays)
{
    public const int DefaultYellowWithinDays = 1;
    public const int DefaultEscalateAfterDays = 2;
    public const int MaxDays = 30;

    public static CardThresholds Default { get; } = new(DefaultYellowWithinDays, DefaultEscalateAfterDays);

    public static bool IsValidYellowWithin(int days) => days is >= 0 and <= MaxDays;

    public static bool IsValidEscalateAfter(int days) => days is >= 1 and <= MaxDays;
}

/// <summary>How a time limit stands on a day: the one rule for the cards of 督办 and of the dispute stages.</summary>
public static class Deadline
{
    /// <summary>Working days a time limit may have (1–60).</summary>
    public const int MinLimitDays = 1;
    public const int MaxLimitDays = 60;

    public static bool IsValidLimit(int days) => days is >= MinLimitDays and <= MaxLimitDays;

    /// <summary>
    /// The card on <paramref name="day"/> for a limit ending on <paramref name="dueOn"/>: red once the limit has passed,
    /// yellow when no more than <see cref="CardThresholds.YellowWithinDays"/> working days are left (the limit day
    /// itself included), none before.
    /// </summary>
    public static Card CardOn(DateOnly dueOn, DateOnly day, WorkingCalendar calendar, CardThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (day > dueOn)
        {
            return Card.Red;
        }
        return calendar.WorkingDaysBetween(day, dueOn) <= thresholds.YellowWithinDays ? Card.Yellow : Card.None;
    }

    /// <summary>Working days past the limit on <paramref name="day"/> (0 while in time).</summary>
    public static int WorkingDaysOverdue(DateOnly dueOn, DateOnly day, WorkingCalendar calendar) =>
        day > dueOn ? Math.Max(0, calendar.WorkingDaysBetween(dueOn, day)) : 0;

    /// <summary>A red card escalates (to the subject's 第一责任人) once it has stood for the threshold's working days.</summary>
    public static bool IsEscalatedOn(DateOnly dueOn, DateOnly day, WorkingCalendar calendar, CardThresholds thresholds) =>
        WorkingDaysOverdue(dueOn, day, calendar) >= thresholds.EscalateAfterDays;

    /// <summary>
    /// The same cards as plain date bounds for SQL: on <paramref name="today"/> a limit is red when due before
    /// <see cref="CardBounds.RedIfDueBefore"/>, yellow (or red) when due before <see cref="CardBounds.YellowIfDueBefore"/>,
    /// escalated when due before <see cref="CardBounds.EscalatedIfDueBefore"/>. Agrees with <see cref="CardOn"/> and
    /// <see cref="IsEscalatedOn"/> for every due date.
    /// </summary>
    public static CardBounds BoundsOn(DateOnly today, WorkingCalendar calendar, CardThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        // Escalated when at least N working days lie after the due date up to today: due before the N-th working day
        // counted back from today.
        var day = today;
        for (var counted = 0; counted < thresholds.EscalateAfterDays;)
        {
            if (calendar.IsWorkingDay(day))
            {
                counted++;
            }
            day = day.AddDays(-1);
        }
        return new CardBounds(today, calendar.AddWorkingDays(today, thresholds.YellowWithinDays + 1), day.AddDays(1));
    }
}

public readonly record struct CardBounds(DateOnly RedIfDueBefore, DateOnly YellowIfDueBefore, DateOnly EscalatedIfDueBefore);

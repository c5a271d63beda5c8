using SanLing.Domain.Common;
using SanLing.Domain.Inspections;

namespace SanLing.Domain.Evaluation;

/// <summary>
/// The year judged and its cut-off: 31 Dec for a finished year, or an as-of date inside the year (预警). Every date
/// is compared with the cut-off, so re-running later gives the same answer.
/// </summary>
public sealed record EvaluationPeriod
{
    public EvaluationPeriod(int year, DateOnly? asOf = null, int dueDay = TownRules.DefaultDueDay)
    {
        Year = year;
        YearStart = new DateOnly(year, 1, 1);
        YearEnd = new DateOnly(year, 12, 31);
        CutOff = asOf is { } a && a < YearEnd ? a : YearEnd;
        if (CutOff < YearStart)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), "评定截止日期必须在评定年度内。");
        }
        DueDay = dueDay;
    }

    public int Year { get; }
    public DateOnly YearStart { get; }
    public DateOnly YearEnd { get; }

    /// <summary>The day every "by year end" comparison uses: 31 Dec, or the as-of date of a current-year run.</summary>
    public DateOnly CutOff { get; }

    public int DueDay { get; }

    /// <summary>A whole year (cut-off 31 Dec): all twelve months are required.</summary>
    public bool IsFullYear => CutOff == YearEnd;

    /// <summary>
    /// The months a subject must have inspected: every month of a full year; as of a date, the months whose due date
    /// (the due day of the next month) is before it. Months before the month the subject was established are not required.
    /// </summary>
    public IReadOnlyList<DateOnly> RequiredMonths(DateOnly? establishedOn) =>
        Completeness.RequiredMonths(Year, IsFullYear ? MonthPeriod.Of(Year, 12) : MonthPeriod.LastDueMonth(CutOff, DueDay), establishedOn, null);

    /// <summary>In the year and not after the cut-off.</summary>
    public bool Contains(DateOnly day) => day >= YearStart && day <= CutOff;
}

using System.Linq.Expressions;
using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Inspections;

/// <summary>How one subject stands for one month of inspections.</summary>
public enum MonthState
{
    /// <summary>Before the subject was established, after it was dissolved, or in the future: nothing is expected.</summary>
    NotRequired = 0,

    /// <summary>Required but its due date has not passed; nothing counts against the subject yet.</summary>
    NotYetDue = 1,

    /// <summary>Every unit submitted, all on time.</summary>
    Complete = 2,

    /// <summary>Every unit submitted, at least one after the due date: complete, but not timely.</summary>
    CompleteLate = 3,

    /// <summary>Some units submitted, not all.</summary>
    Partial = 4,

    /// <summary>No unit submitted.</summary>
    Missing = 5,
}

/// <summary>What the database knows about one subject-month: its inspection units and how many of them submitted.</summary>
/// <param name="GridCount">The subject's grids (workshops/teams); 0 means the subject itself is the one unit.</param>
/// <param name="SubmittedGrids">Submitted inspections of the subject's grids that month.</param>
/// <param name="SubmittedWhole">Whether a submitted inspection of the subject itself (no grid) exists that month.</param>
/// <param name="LateUnits">How many of the counted submissions were late.</param>
public readonly record struct MonthSubmissions(int GridCount, int SubmittedGrids, bool SubmittedWhole, int LateUnits)
{
    /// <summary>Inspection units expected: every grid, or the subject itself when it has none.</summary>
    public int Expected => Math.Max(GridCount, 1);

    /// <summary>Units that submitted (a whole-subject inspection does not stand in for missing grids).</summary>
    public int Submitted => GridCount > 0 ? Math.Min(SubmittedGrids, GridCount) : SubmittedWhole ? 1 : 0;
}

/// <summary>
/// The completeness rule of the plan (§4): a month is complete for a subject when every one of its grids — or the
/// subject itself where it has none — has a submitted inspection; late ones count but are marked late
/// (completeness = submitted ÷ expected, timeliness = on time ÷ expected, as DHIS2 reports them).
/// </summary>
public static class Completeness
{
    /// <summary>
    /// Whether the subject must inspect <paramref name="month"/> at all: not before the month it was established,
    /// not from its dissolution on (a subject dissolved on the 1st owes nothing for that month).
    /// </summary>
    public static bool IsRequired(DateOnly month, DateOnly? establishedOn, DateOnly? dissolvedOn)
    {
        var first = MonthPeriod.Of(month);
        if (establishedOn is { } established && MonthPeriod.Of(established) > first)
        {
            return false;
        }
        return dissolvedOn is not { } dissolved || first < dissolved;
    }

    /// <summary><see cref="IsRequired"/> as a query predicate: the subjects that must inspect <paramref name="month"/>.</summary>
    public static Expression<Func<Subject, bool>> RequiredIn(DateOnly month)
    {
        var first = MonthPeriod.Of(month);
        var next = first.AddMonths(1);
        return s => (s.EstablishedOn == null || s.EstablishedOn < next) && (s.DissolvedOn == null || s.DissolvedOn > first);
    }

    /// <summary>
    /// The months of <paramref name="year"/>, up to and including <paramref name="through"/>, that a subject must inspect:
    /// the whole year when it is over, or the months already due (<see cref="MonthPeriod.LastDueMonth"/>).
    /// </summary>
    public static IReadOnlyList<DateOnly> RequiredMonths(int year, DateOnly through, DateOnly? establishedOn, DateOnly? dissolvedOn)
    {
        var months = new List<DateOnly>(12);
        for (var month = MonthPeriod.Of(year, 1); month <= through && month.Year == year; month = month.AddMonths(1))
        {
            if (IsRequired(month, establishedOn, dissolvedOn))
            {
                months.Add(month);
            }
        }
        return months;
    }

    /// <summary>Whether the month's due date has passed on <paramref name="today"/> (only then it counts in the rates).</summary>
    public static bool IsDue(DateOnly month, DateOnly today, int dueDay) => MonthPeriod.DueDate(month, dueDay) < today;

    public static MonthState StateOf(DateOnly month, DateOnly? establishedOn, DateOnly? dissolvedOn, DateOnly today, int dueDay, MonthSubmissions submissions)
    {
        if (MonthPeriod.Of(month) > MonthPeriod.Of(today) || !IsRequired(month, establishedOn, dissolvedOn))
        {
            return MonthState.NotRequired;
        }
        var complete = submissions.Submitted >= submissions.Expected;
        if (complete)
        {
            return submissions.LateUnits > 0 ? MonthState.CompleteLate : MonthState.Complete;
        }
        if (!IsDue(month, today, dueDay))
        {
            return MonthState.NotYetDue;
        }
        return submissions.Submitted > 0 ? MonthState.Partial : MonthState.Missing;
    }

    /// <summary>Counted in the rates' denominator: required and past its due date.</summary>
    public static bool IsExpected(MonthState state) => state is MonthState.Complete or MonthState.CompleteLate or MonthState.Partial or MonthState.Missing;

    public static bool IsComplete(MonthState state) => state is MonthState.Complete or MonthState.CompleteLate;
}

/// <summary>Completeness and timeliness of a set of subject-months: submitted ÷ expected, on time ÷ expected.</summary>
public readonly record struct ReportingRate(int Expected, int Complete, int OnTime)
{
    public decimal? CompletenessRate => Expected == 0 ? null : Math.Round(100m * Complete / Expected, 1);

    public decimal? TimelinessRate => Expected == 0 ? null : Math.Round(100m * OnTime / Expected, 1);

    /// <summary>Adds one subject-month; a month whose due date has not passed (<paramref name="due"/> false) is not counted yet, even when complete.</summary>
    public ReportingRate Add(MonthState state, bool due = true) => due && Completeness.IsExpected(state)
        ? new ReportingRate(Expected + 1, Complete + (Completeness.IsComplete(state) ? 1 : 0), OnTime + (state == MonthState.Complete ? 1 : 0))
        : this;
}

using System.Globalization;
using SanLing.Domain.Inspections;

namespace SanLing.Web.Features.Inspections;

/// <summary>What one monthly inspection covers: a grid (workshop/team) of a subject, or the subject itself when it has none.</summary>
public sealed record InspectionUnit(int SubjectId, string SubjectCode, string SubjectName, int? GridId, string? GridCode, string? GridName, string? WorkerName)
{
    public string Title => GridName is null ? SubjectName : $"{SubjectName} · {GridName}";
}

/// <summary>How a unit stands for the chosen month, as the grid worker sees it.</summary>
public enum UnitState
{
    NotStarted = 0,  // 未提交
    Draft = 1,       // 草稿
    Submitted = 2,   // 已提交
    Overdue = 3,     // 逾期
}

public sealed record UnitRow(InspectionUnit Unit, UnitState State, bool IsLate, int FindingCount);

public sealed record InspectionIndexPage(DateOnly Month, IReadOnlyList<DateOnly> Months, DateOnly DueDate, bool Locked, IReadOnlyList<UnitRow> Rows, int OpenFindings);

/// <param name="Carried">Open findings of earlier months (上月未办结), each with its one-tap follow-up.</param>
public sealed record InspectionEditor(InspectionUnit Unit, DateOnly Month, DateOnly DueDate, bool Locked, bool CanEditLocked, InspectionStatus? Status, bool IsLate, InspectionForm Form, IReadOnlyList<TodoItem> Carried, DateOnly Today)
{
    /// <summary>The saved inspection's id, version and review: the office's return (reason, who, when) shown to both sides.</summary>
    public ReturnNotice? Review { get; init; }

    /// <summary>The office may return this inspection now (submitted, month past its due day, not locked, not returned already).</summary>
    public bool CanReturn { get; init; }
}

/// <summary>An inspection's return by the office and its resubmission (sign-off).</summary>
public sealed record ReturnNotice(int InspectionId, Guid Version, ReviewState State, string? Reason, DateTimeOffset? ReturnedAt, string? ReturnedBy, DateTimeOffset? ResubmittedAt)
{
    public bool IsWaiting => State == ReviewState.Returned;
}

/// <summary>One open finding with its follow-up form; <paramref name="ReturnUrl"/> is where the follow-up comes back to.</summary>
public sealed record OpenFindingCard(TodoItem Item, DateOnly Today, string? ReturnUrl);

/// <summary>An open finding on the 待办 list.</summary>
public sealed record TodoItem(
    int Id,
    Guid Version,
    FindingType Type,
    DisputeCategory? DisputeCategory,
    HazardCategory? HazardCategory,
    string Description,
    string? Parties,
    bool RiskOfCriminalEscalation,
    bool RiskOfGroupIncident,
    RiskLevel? RiskLevel,
    DateOnly? RectifyBy,
    DateOnly FoundOn,
    string SubjectName,
    string? GridName)
{
    public bool IsOverdueOn(DateOnly day) => Type == FindingType.Hazard && RectifyBy is { } by && by < day;

    /// <summary>Its photos, 整改前 and 整改后.</summary>
    public IReadOnlyList<Photos.PhotoLink> Photos { get; init; } = [];
}

public sealed record TodoPage(IReadOnlyList<TodoItem> Items, DateOnly Today, Shared.PageInfo Paging);

/// <summary>Months as the URL carries them: <c>2026-11</c>.</summary>
public static class MonthText
{
    public static string Format(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"2026年11月" in Chinese, "Nov 2026" in English (the reader's UI culture).</summary>
    public static string Display(DateOnly month) => IsChinese ? Chinese(month) : month.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"2026年11月" whatever the reader's language: for text sent on to grid workers (the reminder).</summary>
    public static string Chinese(DateOnly month) => month.ToString("yyyy年M月", CultureInfo.InvariantCulture);

    /// <summary>A month of the year on its own: "11月" in Chinese, "Nov" in English.</summary>
    public static string MonthOfYear(int month) => IsChinese
        ? $"{month}月"
        : CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month);

    private static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>The month of <paramref name="text"/> (empty: the current month); null when malformed or in the future.</summary>
    public static DateOnly? Parse(string? text, DateOnly today)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        if (string.IsNullOrWhiteSpace(text))
        {
            return current;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return null;
        }
        return month > current || month.Year < 2000 ? null : month;
    }

    /// <summary>The months a user may pick: the current one and the 24 before it.</summary>
    public static IReadOnlyList<DateOnly> Choices(DateOnly today)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        return Enumerable.Range(0, 25).Select(i => current.AddMonths(-i)).ToList();
    }
}

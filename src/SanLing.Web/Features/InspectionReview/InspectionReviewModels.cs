using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.InspectionReview;

/// <summary>The matrix's filters, bound from the query string.</summary>
public sealed class MatrixFilter
{
    public int? Year { get; set; }
    public int? TerritoryId { get; set; }
    public SubjectKind? Kind { get; set; }
    public int? Page { get; set; }
}

public sealed record MatrixRow(int SubjectId, string Code, string Name, SubjectKind Kind, int? TerritoryId, int GridCount, IReadOnlyList<MonthState> Months);

public sealed record RateRow(string Label, int? TerritoryId, IReadOnlyList<ReportingRate> Months, ReportingRate Year);

public sealed record TerritoryOption(int Id, string Name);

public sealed record MatrixPage(
    MatrixFilter Filter,
    int Year,
    IReadOnlyList<int> Years,
    IReadOnlyList<MatrixRow> Rows,
    PageInfo Paging,
    RateRow Total,
    IReadOnlyList<RateRow> Territories,
    IReadOnlyList<bool> LockedMonths,
    IReadOnlyList<TerritoryOption> TerritoryChoices,
    bool ShowsWork)
{
    /// <summary>
    /// The completeness target: 100 %, because items 3.1 and 5.1 need every month complete. Between the village
    /// group's compliance target (90 %) and 100 % a rate is near; below 90 % it is below.
    /// </summary>
    public const decimal TargetRate = 100m;

    public const decimal NearRate = 90m;

    public static string RateClass(decimal? rate) => rate switch
    {
        null => "",
        >= TargetRate => "rate-met",
        >= NearRate => "rate-near",
        _ => "rate-below",
    };

    /// <summary>
    /// Where a cell leads (office): a subject without grids to its inspection of the month, a subject with grids to the
    /// month's grid list; nothing for a month not required.
    /// </summary>
    public string? CellLink(MatrixRow row, int month)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Months[month - 1] == MonthState.NotRequired)
        {
            return null;
        }
        var m = $"{Year:0000}-{month:00}";
        return row.GridCount > 0
            ? $"/InspectionReview/MonthGrids?subjectId={row.SubjectId}&month={m}"
            : $"/Inspections/Edit?subjectId={row.SubjectId}&month={m}";
    }
}

/// <summary>A grid of a subject in one month: whether its inspection was submitted, is a draft, or is missing.</summary>
public sealed record MonthGridRow(int GridId, string Code, string Name, string? WorkerName, InspectionStatus? Status, bool IsLate, DateTimeOffset? SubmittedAt);

public sealed record MonthGridsPage(int SubjectId, string SubjectName, DateOnly Month, DateOnly DueDate, IReadOnlyList<MonthGridRow> Grids);

/// <summary>A grid (or a subject without grids) that has not submitted the month's inspection.</summary>
public sealed record MissingRow(
    string? TerritoryName,
    int SubjectId,
    string SubjectCode,
    string SubjectName,
    SubjectKind Kind,
    int? GridId,
    string? GridCode,
    string? GridName,
    string? WorkerName,
    string? WorkerPhone,
    bool HasDraft);

public sealed record MissingPage(
    DateOnly Month,
    IReadOnlyList<DateOnly> Months,
    DateOnly DueDate,
    bool Locked,
    int? TerritoryId,
    IReadOnlyList<TerritoryOption> TerritoryChoices,
    IReadOnlyList<MissingRow> Rows,
    PageInfo Paging,
    string Reminder);

public sealed record OverdueHazard(int Id, string SubjectName, string? GridName, HazardCategory? Category, RiskLevel? RiskLevel, string Description, DateOnly FoundOn, DateOnly RectifyBy, int DaysOpen, int DaysOverdue)
{
    /// <summary>The grid's worker, or the contact of a subject without grids.</summary>
    public string? Responsible { get; init; }

    /// <summary>The open 督办 order about it, if any.</summary>
    public int? OrderId { get; init; }

    /// <summary>Its photos (整改前, and 整改后 if any were sent before it was marked rectified).</summary>
    public IReadOnlyList<Photos.PhotoLink> Photos { get; init; } = [];
}

public sealed record RiskyDispute(int Id, string SubjectName, string? GridName, DisputeCategory? Category, string Description, string? Parties, bool CriminalRisk, bool GroupRisk, DateOnly FoundOn, int DaysOpen)
{
    public string? Responsible { get; init; }

    public int? OrderId { get; init; }
}

/// <summary>A 积案 with its 包案领导 (or the subject's leader in charge) and its open 督办 order.</summary>
public sealed record BacklogPetition(int Id, string Number, string SubjectName, DateOnly FiledOn, string? Matter, string? Responsible, int? OrderId);

/// <summary>The work list; <see cref="Show"/> names the one list shown (all when null).</summary>
public sealed record WorkListPage(DateOnly Today, string? Show, IReadOnlyList<OverdueHazard> Hazards, IReadOnlyList<RiskyDispute> Disputes, IReadOnlyList<BacklogPetition> Backlog);

/// <summary>A work-list row's action: open its 督办 order, or issue one from it.</summary>
public sealed record WorkAction(string Source, int Id, int? OrderId);

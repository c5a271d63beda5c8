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
    bool ShowsWork);

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

public sealed record OverdueHazard(int Id, string SubjectName, string? GridName, HazardCategory? Category, RiskLevel? RiskLevel, string Description, DateOnly FoundOn, DateOnly RectifyBy, int DaysOpen, int DaysOverdue);

public sealed record RiskyDispute(int Id, string SubjectName, string? GridName, DisputeCategory? Category, string Description, string? Parties, bool CriminalRisk, bool GroupRisk, DateOnly FoundOn, int DaysOpen);

public sealed record WorkListPage(DateOnly Today, IReadOnlyList<OverdueHazard> Hazards, IReadOnlyList<RiskyDispute> Disputes);

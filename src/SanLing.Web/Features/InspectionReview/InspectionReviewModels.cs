using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Web.Features.Shared;

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

public sealed record OverdueHazard(int Id, string SubjectName, string? GridName, HazardCategory? Category, RiskLevel? RiskLevel, string Description, DateOnly FoundOn, DateOnly RectifyBy, int DaysOpen, int DaysOverdue)
{
    /// <summary>The grid's worker, or the contact of a subject without grids.</summary>
    public string? Responsible { get; init; }

    /// <summary>The open 督办 order about it, if any.</summary>
    public int? OrderId { get; init; }
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

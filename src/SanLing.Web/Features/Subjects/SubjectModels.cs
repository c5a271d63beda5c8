using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Subjects;

/// <summary>The list's filters, bound from the query string (so a URL keeps the selection).</summary>
public sealed class SubjectFilter
{
    public string? Q { get; set; }
    public SubjectKind? Kind { get; set; }
    public int? TerritoryId { get; set; }
    public string? Sort { get; set; }
    public int? Page { get; set; }
}

public sealed record SubjectListItem(
    int Id,
    string Code,
    string Name,
    SubjectKind Kind,
    string? TerritoryName,
    string? PrincipalName,
    string? LeaderInChargeName,
    string? Phone,
    int GridCount,
    bool IsActive);

public sealed record Option(int Id, string Text);

public sealed record SubjectListPage(
    SubjectFilter Filter,
    IReadOnlyList<SubjectListItem> Items,
    PageInfo Paging,
    IReadOnlyList<Option> Territories,
    bool CanEdit,
    bool ShowsPersonalData);

/// <summary>A grid on the subject's page; <paramref name="HasWorker"/> tells leadership that a worker is named without naming them.</summary>
public sealed record GridRow(string Code, string Name, string? WorkerName, string? WorkerPhone, bool HasWorker);

public sealed record SubjectDetails(
    int Id,
    string Code,
    string Name,
    SubjectKind Kind,
    int? TerritoryId,
    string? TerritoryName,
    string? PrincipalName,
    string? LeaderInChargeName,
    string? ContactPerson,
    string? Phone,
    string? Address,
    DateOnly? EstablishedOn,
    DateOnly? DissolvedOn,
    IReadOnlyList<GridRow> Grids,
    int Year,
    int PetitionsThisYear,
    int AccidentsThisYear,
    int CasesThisYear,
    int SubjectsInTerritory,
    bool CanEdit,
    bool ShowsPersonalData,
    bool HasPrincipal,
    bool HasLeaderInCharge)
{
    /// <summary>The history sections (<see cref="SubjectHistoryQueries"/>), filled in by the controller.</summary>
    public SubjectHistory? History { get; init; }
}

/// <summary>One answer of the subject picker: no personal data, only what names the subject.</summary>
public sealed record SubjectPick(int Id, string Code, string Name, SubjectKind Kind, string? TerritoryName);

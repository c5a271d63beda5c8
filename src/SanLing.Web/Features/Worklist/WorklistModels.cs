using SanLing.Domain.Inspections;
using SanLing.Web.Features.Inspections;

namespace SanLing.Web.Features.Worklist;

/// <summary>One unit's inspection of a month on the worklist: the month due now, or an earlier one still missing.</summary>
/// <param name="DaysLeft">Days to the due date: 0 on the due day, negative when overdue.</param>
public sealed record DueInspection(InspectionUnit Unit, DateOnly Month, DateOnly DueDate, int DaysLeft, InspectionStatus? Status)
{
    public bool IsSubmitted => Status == InspectionStatus.Submitted;

    public bool IsOverdue => !IsSubmitted && DaysLeft < 0;
}

/// <summary>An inspection the office returned with a reason: on top of the worklist until it is resubmitted.</summary>
public sealed record ReturnedInspection(InspectionUnit Unit, DateOnly Month, string? Reason, DateTimeOffset? ReturnedAt, string? ReturnedBy);

public sealed record OpenFindingItem(int Id, FindingType Type, string Description, DateOnly? RectifyBy, DateOnly FoundOn, string SubjectName, string? GridName, bool IsOverdue);

public sealed record UnvisitedPerson(int Id, string Number, string Name, string SubjectName);

public sealed record UnregisteredHouse(int Id, string Number, string Address, string SubjectName);

/// <summary>A shown part of a list and how many there are in all.</summary>
public sealed record Capped<T>(IReadOnlyList<T> Items, int Total)
{
    public bool IsCut => Total > Items.Count;
}

/// <summary>待办: what the grid worker or liaison has to do now, each item one tap from its form.</summary>
public sealed record WorklistPage(
    DateOnly Today,
    DateOnly DueMonth,
    IReadOnlyList<ReturnedInspection> Returned,
    IReadOnlyList<DueInspection> Inspections,
    Capped<OpenFindingItem> Findings,
    Capped<UnvisitedPerson>? UnvisitedPersons,
    Capped<UnregisteredHouse>? UnregisteredHouses);

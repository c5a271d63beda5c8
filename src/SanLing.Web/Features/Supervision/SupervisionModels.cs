using SanLing.Domain.Supervision;
using SanLing.Web.Features.InspectionReview;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Supervision;

/// <summary>The 督办 list's filters (query string). A card filter reads the orders still waiting for an answer.</summary>
public sealed class SupervisionFilter
{
    public SupervisionStatus? Status { get; set; }
    public Card? Card { get; set; }
    public SupervisionSource? Source { get; set; }
    public bool Escalated { get; set; }
    public int? TerritoryId { get; set; }
    public int? SubjectId { get; set; }
    public int? Page { get; set; }
}

public sealed record SupervisionRow(
    int Id,
    SupervisionSource Source,
    int SubjectId,
    string SubjectCode,
    string SubjectName,
    string? TerritoryName,
    string? GridName,
    string? Principal,
    AssigneeKind AssigneeKind,
    string AssigneeName,
    string Instruction,
    DateOnly IssuedOn,
    int LimitDays,
    DateOnly DueOn,
    SupervisionStatus Status,
    DateOnly? AnsweredOn,
    int ReturnCount)
{
    public Card Card { get; init; }
    public bool Escalated { get; init; }
}

public sealed record SupervisionListPage(
    SupervisionFilter Filter,
    IReadOnlyList<SupervisionRow> Rows,
    PageInfo Paging,
    IReadOnlyList<TerritoryOption> Territories,
    bool IsOffice);

/// <summary>One order with what it is about and the steps the reader may take.</summary>
public sealed record SupervisionDetails(
    SupervisionRow Order,
    Guid Version,
    string About,
    DateOnly? Month,
    string? Answer,
    string? AnsweredBy,
    string? ReturnReason,
    DateOnly? ClosedOn,
    bool MayAnswer,
    bool MayVerify,
    int? FindingId,
    int? PetitionId);

/// <summary>A person the office may address an order to: an account (grid worker, liaison) or the subject's leader.</summary>
public sealed record AssigneeChoice(string Value, string Name, AssigneeKind Kind);

/// <summary>What an order is issued about, resolved by the server from the source (never bound from the form).</summary>
public sealed record IssueContext(
    SupervisionSource Source,
    int SubjectId,
    string SubjectName,
    int? FindingId,
    int? PetitionId,
    int? GridId,
    string? GridName,
    DateOnly? Month,
    string About,
    IReadOnlyList<AssigneeChoice> Assignees,
    string? DefaultAssignee,
    int? OpenOrderId);

/// <summary>The issue form: which source (kind and id, or subject, grid and month of a missing inspection), to whom, what, how long.</summary>
public sealed class IssueForm
{
    public SupervisionSource Source { get; set; }
    public int? Id { get; set; }
    public int? SubjectId { get; set; }
    public int? GridId { get; set; }
    public string? Month { get; set; }
    public string? Assignee { get; set; }
    public string? Instruction { get; set; }
    public int? LimitDays { get; set; } = SupervisionRules.DefaultLimitDays;
}

public sealed record IssuePage(IssueContext Context, IssueForm Form, DateOnly Today, DateOnly DueOn);

public sealed class AnswerForm
{
    public string? Answer { get; set; }
    public Guid Version { get; set; }
}

public sealed class ReturnForm
{
    public string? Reason { get; set; }
    public Guid Version { get; set; }
}

using SanLing.Domain.Supervision;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Disputes;

/// <summary>One escalated dispute in the office's queue: waiting for 受理 (no stage yet) or somewhere in its flow.</summary>
public sealed record DisputeRow(
    int FindingId,
    string SubjectName,
    string? GridName,
    string? Responsible,
    string Description,
    string? Parties,
    DateOnly ReportedOn,
    DisputeStage? Stage,
    string? AssignedTo,
    DateOnly DueOn,
    DisputeOutcome? Outcome,
    Satisfaction? Satisfaction,
    int? OrderId)
{
    public Card Card { get; init; }
}

public sealed record DisputeListPage(string? Stage, IReadOnlyList<DisputeRow> Rows, PageInfo Paging);

public sealed record DisputeDetails(DisputeRow Dispute, Guid? Version, DateOnly? AcceptedOn, DateOnly? AssignedOn, int? LimitDays, string? ConclusionNote,
    DateOnly? ConcludedOn, string? VerificationNote, DateOnly? VerifiedOn, int ReturnCount, DateOnly Today)
{
    /// <summary>The photos taken when the dispute was found (decision 0014).</summary>
    public IReadOnlyList<Photos.PhotoLink> Photos { get; init; } = [];
}

public sealed class AssignForm
{
    public string? AssignedTo { get; set; }
    public int? LimitDays { get; set; } = EscalatedDisputeRules.DefaultHandlingDays;
    public Guid Version { get; set; }
}

public sealed class ConcludeForm
{
    public DisputeOutcome? Outcome { get; set; }
    public string? Note { get; set; }
    public Guid Version { get; set; }
}

public sealed class VerifyForm
{
    public Satisfaction? Satisfaction { get; set; }
    public string? Note { get; set; }

    /// <summary>Send the result back to the handler instead of closing the flow.</summary>
    public bool SendBack { get; set; }

    public Guid Version { get; set; }
}

using SanLing.Domain.KeyPopulations;
using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.KeyPersons;

/// <summary>The key-person list's filters, bound from the query string.</summary>
public sealed class KeyPersonFilter
{
    /// <summary>Number or name (part of it).</summary>
    public string? Q { get; set; }
    public KeyPersonCategory? Category { get; set; }

    /// <summary>A subject's code or name (part of it).</summary>
    public string? Subject { get; set; }
    public int? TerritoryId { get; set; }

    /// <summary>True: 在管 (not delisted); false: 已解除.</summary>
    public bool? Active { get; set; }
    public bool? HasPlan { get; set; }
    public string? Sort { get; set; }
    public int? Page { get; set; }
}

/// <summary>One key person as lists show them: the ID number only masked.</summary>
public sealed record KeyPersonRow(
    int Id, string Number, string Name, string IdNumberMasked, KeyPersonCategory Category, string SubjectCode, string SubjectName,
    DateOnly ListedOn, DateOnly? DelistedOn, bool HasAssistancePlan, string? HelperName, DateOnly? LastVisitOn);

public sealed record FollowUpRow(DateOnly VisitedOn, string VisitedBy, string? Note);

public sealed record KeyPersonDetails(
    KeyPersonRow Row, int SubjectId, string? AssistancePlan, Guid Version, IReadOnlyList<FollowUpRow> FollowUps,
    KeyPersonRights Rights, FollowUpForm NewFollowUp, IReadOnlyList<AuditLine> History);

/// <summary>What the signed-in user may do on a key person's page.</summary>
public sealed record KeyPersonRights(bool CanEdit, bool CanFollowUp, bool CanReveal);

/// <summary>The full ID number, shown once after a deliberate, audited request.</summary>
public sealed record RevealedIdNumber(int Id, string Number, string Name, string IdNumber);

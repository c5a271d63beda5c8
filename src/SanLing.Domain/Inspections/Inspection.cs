using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Inspections;

public enum InspectionStatus
{
    Draft = 1,      // 草稿
    Submitted = 2,  // 已提交
}

/// <summary>
/// 月度排查: one grid's (or, for a subject without grids, the subject's) inspection of one month.
/// Key: (subject, grid, month).
/// </summary>
public class Inspection : Entity
{
    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }

    /// <summary>Empty where the subject has no grids or workshops.</summary>
    public int? GridId { get; set; }
    public Grid? Grid { get; set; }

    /// <summary>The month inspected, stored as its first day.</summary>
    public DateOnly Month { get; set; }

    /// <summary>排查日期.</summary>
    public DateOnly InspectedOn { get; set; }

    /// <summary>排查人.</summary>
    public string? Inspector { get; set; }

    public InspectionStatus Status { get; set; } = InspectionStatus.Draft;
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Submitted after the due day; it still counts towards completeness.</summary>
    public bool IsLate { get; set; }

    /// <summary>"Nothing found" is an explicit answer, not an empty form.</summary>
    public bool NothingFound { get; set; }

    public List<Finding> Findings { get; set; } = [];

    /// <summary>
    /// The key the form carried on its last accepted post (a draft sent again when the connection returns must not be
    /// stored twice); unique in the town where set.
    /// </summary>
    public string? SubmissionKey { get; set; }

    public const int SubmissionKeyMaxLength = 64;

    public bool Counts => Status == InspectionStatus.Submitted;
}

/// <summary>Office staff lock a reviewed month; afterwards only they may change that month's inspections.</summary>
public class MonthLock : Entity
{
    public DateOnly Month { get; set; }
    public DateTimeOffset LockedAt { get; set; }
    public string? LockedBy { get; set; }
}

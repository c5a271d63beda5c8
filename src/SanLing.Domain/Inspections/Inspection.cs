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
    /// The last accepted post: the form's key and what was done ("…:submit", "…:draft"), so that a post sent again (an
    /// offline queue when the connection returns, a double tap) is not stored twice, while a draft saved and then
    /// submitted from the same page still goes through. Unique in the town where set.
    /// </summary>
    public string? SubmissionKey { get; set; }

    public const int SubmissionKeyMaxLength = 64;

    /// <summary>The key a form may carry: room is left for the command.</summary>
    public const int FormKeyMaxLength = 48;

    public static string SubmissionKeyOf(string formKey, bool submit) => $"{formKey}:{(submit ? "submit" : "draft")}";

    /// <summary>Counts towards completeness and the evaluation: <see cref="SignOffRules.CountsAsSubmitted"/> (decision 0015).</summary>
    public bool Counts => SignOffRules.IsCounted(Status);

    /// <summary>Where the office's monthly review left it (sign-off, decision 0015).</summary>
    public ReviewState ReviewState { get; set; }

    /// <summary>The office's reason for the last return; kept after the resubmission so both sides see what was asked.</summary>
    public string? ReturnReason { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public string? ReturnedBy { get; set; }
    public DateTimeOffset? ResubmittedAt { get; set; }
}

/// <summary>The office's review of one inspection (the month's approval is a <see cref="MonthLock"/>).</summary>
public enum ReviewState
{
    None = 0,         // 未退回
    Returned = 1,     // 退回待更正
    Resubmitted = 2,  // 已重新提交
}

/// <summary>
/// Office staff lock a reviewed month; afterwards only they may change that month's inspections. Without a subject the
/// lock covers the whole town's month; with one it is that subject's approved month (sign-off). An unlocked row stays,
/// with who unlocked it and why; approving again re-locks the same row.
/// </summary>
public class MonthLock : Entity
{
    public DateOnly Month { get; set; }

    /// <summary>The approved subject; empty for the town-wide lock of the month.</summary>
    public int? SubjectId { get; set; }
    public Subject? Subject { get; set; }

    /// <summary>Locked (approved) when and by whom.</summary>
    public DateTimeOffset LockedAt { get; set; }
    public string? LockedBy { get; set; }

    public DateTimeOffset? UnlockedAt { get; set; }
    public string? UnlockedBy { get; set; }
    public string? UnlockReason { get; set; }

    public bool IsInForce => UnlockedAt is null;
}

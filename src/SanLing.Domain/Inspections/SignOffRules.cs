using System.Linq.Expressions;
using SanLing.Domain.Rules;

namespace SanLing.Domain.Inspections;

/// <summary>Why a sign-off step was refused (the web turns the code into a message).</summary>
public enum SignOffRefusal
{
    None = 0,
    NotOffice = 1,          // only the office reviews, approves, returns and unlocks
    NotYetDue = 2,          // the month's due day has not passed
    AlreadyApproved = 3,    // the subject's month is approved (locked) already
    Locked = 4,             // the month is locked: unlock it before returning an inspection
    NotSubmitted = 5,       // a draft cannot be returned
    AlreadyReturned = 6,    // returned and not yet resubmitted
    Incomplete = 7,         // some unit of the subject has not submitted the month
    PendingReturn = 8,      // an inspection of the month is still returned, waiting for the correction
    NotLocked = 9,          // nothing to unlock
    NotReturned = 10,       // only a returned inspection is resubmitted
}

/// <summary>
/// Monthly sign-off (BRIEF §9, decision 0015): after the due day the office approves a subject's month, which locks it
/// (<see cref="MonthLock"/>), or returns one inspection with a reason; the person who submits the unit corrects and
/// resubmits; an approved month is unlocked only with a reason. The one home of who may do which step when.
/// </summary>
public static class SignOffRules
{
    public const int ReasonMaxLength = 200;

    /// <summary>
    /// Counted as submitted (completeness, rates, the evaluation): a submitted inspection, whether or not it is returned
    /// for correction. A return asks to correct content; it does not undo the submission or its timeliness (decision 0015).
    /// </summary>
    public static Expression<Func<Inspection, bool>> CountsAsSubmitted { get; } = i => i.Status == InspectionStatus.Submitted;

    /// <summary><see cref="CountsAsSubmitted"/> in memory.</summary>
    public static bool IsCounted(InspectionStatus status) => status == InspectionStatus.Submitted;

    public static IReadOnlyList<RuleViolation> CheckReturnReason(string? reason) =>
        new RuleCheck().Text("Reason", "退回理由", reason, ReasonMaxLength, required: true).Violations;

    public static IReadOnlyList<RuleViolation> CheckUnlockReason(string? reason) =>
        new RuleCheck().Text("Reason", "解锁理由", reason, ReasonMaxLength, required: true).Violations;

    /// <summary>The office reviews a month only once its due date has passed (the day after the due day).</summary>
    public static bool IsReviewable(DateOnly month, DateOnly today, int dueDay) => Completeness.IsDue(month, today, dueDay);

    /// <summary>Locks in force that cover a unit of <paramref name="subjectId"/> in <paramref name="month"/>: the town's lock of the month or the subject's approval.</summary>
    public static Expression<Func<MonthLock, bool>> Covers(int subjectId, DateOnly month) =>
        m => m.Month == month && m.UnlockedAt == null && (m.SubjectId == null || m.SubjectId == subjectId);

    /// <summary>The town-wide lock of <paramref name="month"/>, in force.</summary>
    public static Expression<Func<MonthLock, bool>> TownLock(DateOnly month) =>
        m => m.Month == month && m.SubjectId == null && m.UnlockedAt == null;

    /// <summary>Whether an inspection may be returned: by the office, after the due day, submitted, not returned already, its month not locked.</summary>
    public static SignOffRefusal CanReturn(bool isOffice, DateOnly month, InspectionStatus status, ReviewState state, bool monthLocked, DateOnly today, int dueDay) =>
        !isOffice ? SignOffRefusal.NotOffice
        : !IsReviewable(month, today, dueDay) ? SignOffRefusal.NotYetDue
        : monthLocked ? SignOffRefusal.Locked
        : status != InspectionStatus.Submitted ? SignOffRefusal.NotSubmitted
        : state == ReviewState.Returned ? SignOffRefusal.AlreadyReturned
        : SignOffRefusal.None;

    /// <summary>Returns a submitted inspection with a reason (<see cref="CanReturn"/>).</summary>
    public static SignOffRefusal Return(Inspection inspection, bool isOffice, bool monthLocked, string reason, string by, DateTimeOffset now, DateOnly today, int dueDay)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var refusal = CanReturn(isOffice, inspection.Month, inspection.Status, inspection.ReviewState, monthLocked, today, dueDay);
        if (refusal != SignOffRefusal.None)
        {
            return refusal;
        }
        inspection.ReviewState = ReviewState.Returned;
        inspection.ReturnReason = reason.Trim();
        inspection.ReturnedAt = now;
        inspection.ReturnedBy = by;
        return SignOffRefusal.None;
    }

    /// <summary>
    /// The submitter's correction of a returned inspection, submitted again (whoever may submit the unit: its grid
    /// worker or liaison, or the office correcting in their place).
    /// </summary>
    public static SignOffRefusal Resubmit(Inspection inspection, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        if (inspection.ReviewState != ReviewState.Returned)
        {
            return SignOffRefusal.NotReturned;
        }
        inspection.ReviewState = ReviewState.Resubmitted;
        inspection.ResubmittedAt = now;
        return SignOffRefusal.None;
    }

    /// <summary>
    /// Whether a subject's month may be approved: by the office, after the due day, not approved already, every unit
    /// submitted (<see cref="Completeness.IsComplete"/>) and no inspection still returned.
    /// </summary>
    public static SignOffRefusal CanApprove(bool isOffice, DateOnly month, DateOnly today, int dueDay, bool approved, MonthState state, int returned) =>
        !isOffice ? SignOffRefusal.NotOffice
        : !IsReviewable(month, today, dueDay) ? SignOffRefusal.NotYetDue
        : approved ? SignOffRefusal.AlreadyApproved
        : returned > 0 ? SignOffRefusal.PendingReturn
        : !Completeness.IsComplete(state) ? SignOffRefusal.Incomplete
        : SignOffRefusal.None;

    /// <summary>
    /// Approves (locks) the subject's month (without a subject: the town's lock of the month), recording who and when: a new lock, or the unlocked one of an earlier
    /// approval locked again. Call after <see cref="CanApprove"/>.
    /// </summary>
    public static MonthLock Approve(MonthLock? earlier, int? subjectId, DateOnly month, string? by, DateTimeOffset now)
    {
        var entry = earlier ?? new MonthLock { SubjectId = subjectId, Month = month };
        entry.LockedAt = now;
        entry.LockedBy = by;
        entry.UnlockedAt = null;
        entry.UnlockedBy = null;
        entry.UnlockReason = null;
        return entry;
    }

    /// <summary>Unlocks an approved (or town-locked) month with a reason, which the audit line of the change carries.</summary>
    public static SignOffRefusal Unlock(MonthLock entry, bool isOffice, string reason, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!isOffice)
        {
            return SignOffRefusal.NotOffice;
        }
        if (!entry.IsInForce)
        {
            return SignOffRefusal.NotLocked;
        }
        entry.UnlockedAt = now;
        entry.UnlockedBy = by;
        entry.UnlockReason = reason.Trim();
        return SignOffRefusal.None;
    }

    /// <summary>The Chinese message of a refusal (a key of the web's resources).</summary>
    public static string Message(SignOffRefusal refusal) => refusal switch
    {
        SignOffRefusal.NotOffice => "只有综治办可以审核、退回或解锁月度排查。",
        SignOffRefusal.NotYetDue => "该月尚未过截止日，截止日之后才能审核。",
        SignOffRefusal.AlreadyApproved => "该单位本月已审核通过，无需再次审核。",
        SignOffRefusal.Locked => "该月已审核锁定，请先解锁再退回。",
        SignOffRefusal.NotSubmitted => "草稿尚未提交，不能退回。",
        SignOffRefusal.AlreadyReturned => "这份排查已退回，正等待重新提交。",
        SignOffRefusal.Incomplete => "该单位本月还有网格未提交排查，不能审核通过。",
        SignOffRefusal.PendingReturn => "该单位本月还有退回的排查未重新提交，不能审核通过。",
        SignOffRefusal.NotLocked => "该月并未锁定，无需解锁。",
        SignOffRefusal.NotReturned => "这份排查没有被退回。",
        _ => "",
    };
}

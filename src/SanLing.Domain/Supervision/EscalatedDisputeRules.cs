using SanLing.Domain.Rules;

namespace SanLing.Domain.Supervision;

/// <summary>The escalated-dispute flow: each stage's time limit in working days, and the transitions.</summary>
public static class EscalatedDisputeRules
{
    /// <summary>受理 within this many working days of the dispute reaching the office.</summary>
    public const int AcceptWithinDays = 2;

    /// <summary>交办 within this many working days of 受理.</summary>
    public const int AssignWithinDays = 3;

    /// <summary>验证 within this many working days of 办结.</summary>
    public const int VerifyWithinDays = 5;

    /// <summary>The handler's limit the office proposes at 交办 (it may choose 1–60).</summary>
    public const int DefaultHandlingDays = 15;

    public const int AssignedToMaxLength = 100;
    public const int NoteMaxLength = 1000;

    /// <summary>The limit of the queue's first stage: 受理 due this many working days after the report.</summary>
    public static DateOnly AcceptDueOn(DateOnly reportedOn, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(reportedOn, AcceptWithinDays);
    }

    public static EscalatedDispute Accept(int findingId, int subjectId, DateOnly reportedOn, string by, DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return new EscalatedDispute
        {
            FindingId = findingId,
            SubjectId = subjectId,
            ReportedOn = reportedOn,
            AcceptedOn = today,
            AcceptedBy = by,
            Stage = DisputeStage.Accepted,
            DueOn = calendar.AddWorkingDays(today, AssignWithinDays),
        };
    }

    public static IReadOnlyList<RuleViolation> CheckAssign(string? assignedTo, int? limitDays) =>
        new RuleCheck()
            .Text("AssignedTo", "交办对象", assignedTo, AssignedToMaxLength, required: true)
            .Range("LimitDays", "办理时限（工作日）", limitDays, Deadline.MinLimitDays, Deadline.MaxLimitDays)
            .Violations;

    public static IReadOnlyList<RuleViolation> CheckConclude(DisputeOutcome? outcome, string? note) =>
        new RuleCheck()
            .Choice("Outcome", "办结结果", outcome)
            .Text("Note", "办理情况", note, NoteMaxLength, required: true)
            .Violations;

    public static IReadOnlyList<RuleViolation> CheckVerify(Satisfaction? satisfaction, string? note, bool returned) =>
        new RuleCheck()
            .Choice("Satisfaction", "当事人满意度", satisfaction)
            .Text("Note", returned ? "退回理由" : "验证意见", note, NoteMaxLength, required: returned)
            .Violations;

    public static bool Assign(EscalatedDispute dispute, string assignedTo, string? userId, int limitDays, DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(calendar);
        if (dispute.Stage != DisputeStage.Accepted)
        {
            return false;
        }
        dispute.AssignedTo = assignedTo.Trim();
        dispute.AssignedToUserId = userId;
        dispute.AssignedOn = today;
        dispute.LimitDays = limitDays;
        dispute.DueOn = calendar.AddWorkingDays(today, limitDays);
        dispute.Stage = DisputeStage.Assigned;
        return true;
    }

    /// <summary>The office records the result; so may the handler's own account.</summary>
    public static bool MayConclude(EscalatedDispute dispute, string? userId, bool isOffice)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return isOffice || (userId is not null && dispute.AssignedToUserId == userId);
    }

    public static bool Conclude(EscalatedDispute dispute, DisputeOutcome outcome, string note, string by, DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(calendar);
        if (dispute.Stage != DisputeStage.Assigned)
        {
            return false;
        }
        dispute.Outcome = outcome;
        dispute.ConclusionNote = note.Trim();
        dispute.ConcludedOn = today;
        dispute.ConcludedBy = by;
        dispute.DueOn = calendar.AddWorkingDays(today, VerifyWithinDays);
        dispute.Stage = DisputeStage.Concluded;
        return true;
    }

    /// <summary>验证: the satisfaction is recorded either way; a result sent back returns to the handler with its limit again.</summary>
    public static bool Verify(EscalatedDispute dispute, Satisfaction satisfaction, string? note, bool sendBack, string by, DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(calendar);
        if (dispute.Stage != DisputeStage.Concluded)
        {
            return false;
        }
        dispute.Satisfaction = satisfaction;
        dispute.VerificationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        dispute.VerifiedBy = by;
        if (sendBack)
        {
            dispute.ReturnCount++;
            dispute.Stage = DisputeStage.Assigned;
            dispute.DueOn = calendar.AddWorkingDays(today, dispute.LimitDays ?? DefaultHandlingDays);
            dispute.VerifiedOn = null;
            return true;
        }
        dispute.VerifiedOn = today;
        dispute.Stage = DisputeStage.Verified;
        return true;
    }

    /// <summary>The stage's card on the day (none once verified).</summary>
    public static Card CardOf(EscalatedDispute dispute, DateOnly today, WorkingCalendar calendar, CardThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return dispute.Stage == DisputeStage.Verified ? Card.None : Deadline.CardOn(dispute.DueOn, today, calendar, thresholds);
    }
}

using System.Linq.Expressions;
using SanLing.Domain.Rules;

namespace SanLing.Domain.Supervision;

/// <summary>Why a 督办 step was refused (the web turns the code into a message).</summary>
public enum SupervisionRefusal
{
    None = 0,
    NotYours = 1,         // only the addressee (or the office) answers
    WrongStatus = 2,      // the step does not follow from the order's status
}

/// <summary>督办: limits of its texts, the card and escalation of an order, and its steps (issue, answer, close, return).</summary>
public static class SupervisionRules
{
    public const int InstructionMaxLength = 500;
    public const int AnswerMaxLength = 1000;
    public const int ReasonMaxLength = 500;
    public const int NameMaxLength = 50;
    public const int DefaultLimitDays = 5;

    public static IReadOnlyList<RuleViolation> CheckIssue(string? instruction, int? limitDays) =>
        new RuleCheck()
            .Text("Instruction", "督办事项", instruction, InstructionMaxLength, required: true)
            .Range("LimitDays", "办理时限（工作日）", limitDays, Deadline.MinLimitDays, Deadline.MaxLimitDays)
            .Violations;

    public static IReadOnlyList<RuleViolation> CheckAnswer(string? answer) =>
        new RuleCheck().Text("Answer", "办理情况", answer, AnswerMaxLength, required: true).Violations;

    public static IReadOnlyList<RuleViolation> CheckReturn(string? reason) =>
        new RuleCheck().Text("Reason", "退回理由", reason, ReasonMaxLength, required: true).Violations;

    public static SupervisionOrder Issue(SupervisionOrder order, DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(calendar);
        order.IssuedOn = today;
        order.DueOn = calendar.AddWorkingDays(today, order.LimitDays);
        order.Status = SupervisionStatus.Issued;
        return order;
    }

    /// <summary>
    /// The addressee's account answers; the office records the answer only for an addressee without an account (a
    /// subject's leader), never in place of a grid worker or liaison.
    /// </summary>
    public static SupervisionRefusal Answer(SupervisionOrder order, string? userId, bool isOffice, string answer, string by, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!MayAnswer(order.AssigneeUserId, userId, isOffice))
        {
            return SupervisionRefusal.NotYours;
        }
        if (!order.IsWaitingForAnswer)
        {
            return SupervisionRefusal.WrongStatus;
        }
        order.Answer = answer.Trim();
        order.AnsweredOn = today;
        order.AnsweredBy = by;
        order.Status = SupervisionStatus.Answered;
        return SupervisionRefusal.None;
    }

    public static bool MayAnswer(string? assigneeUserId, string? userId, bool isOffice) =>
        assigneeUserId is null ? isOffice : userId is not null && assigneeUserId == userId;

    public static SupervisionRefusal Close(SupervisionOrder order, string by, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status != SupervisionStatus.Answered)
        {
            return SupervisionRefusal.WrongStatus;
        }
        order.Status = SupervisionStatus.Closed;
        order.ClosedOn = today;
        order.ClosedBy = by;
        return SupervisionRefusal.None;
    }

    /// <summary>Sent back with a reason: the addressee gets the order's limit again, counted from today.</summary>
    public static SupervisionRefusal Return(SupervisionOrder order, string reason, DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(calendar);
        if (order.Status != SupervisionStatus.Answered)
        {
            return SupervisionRefusal.WrongStatus;
        }
        order.Status = SupervisionStatus.Returned;
        order.ReturnReason = reason.Trim();
        order.ReturnCount++;
        order.DueOn = calendar.AddWorkingDays(today, order.LimitDays);
        return SupervisionRefusal.None;
    }

    /// <summary>The day the card is read on: today while waiting for an answer, the answer's day once answered.</summary>
    public static DateOnly ClockDay(SupervisionStatus status, DateOnly? answeredOn, DateOnly today) =>
        status is SupervisionStatus.Issued or SupervisionStatus.Returned || answeredOn is null ? today : answeredOn.Value;

    public static Card CardOf(SupervisionOrder order, DateOnly today, WorkingCalendar calendar, CardThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Deadline.CardOn(order.DueOn, ClockDay(order.Status, order.AnsweredOn, today), calendar, thresholds);
    }

    /// <summary>Escalated to the subject's 第一责任人: still unanswered and red for the threshold's working days.</summary>
    public static bool IsEscalated(SupervisionOrder order, DateOnly today, WorkingCalendar calendar, CardThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.IsWaitingForAnswer && Deadline.IsEscalatedOn(order.DueOn, today, calendar, thresholds);
    }

    /// <summary>Orders still waiting for an answer, as an EF predicate.</summary>
    public static Expression<Func<SupervisionOrder, bool>> Waiting { get; } =
        o => o.Status == SupervisionStatus.Issued || o.Status == SupervisionStatus.Returned;

    /// <summary>Orders escalated on the day whose <paramref name="bounds"/> are given, as an EF predicate (agrees with <see cref="IsEscalated"/>).</summary>
    public static Expression<Func<SupervisionOrder, bool>> EscalatedBy(CardBounds bounds)
    {
        var before = bounds.EscalatedIfDueBefore;
        return o => (o.Status == SupervisionStatus.Issued || o.Status == SupervisionStatus.Returned) && o.DueOn < before;
    }
}

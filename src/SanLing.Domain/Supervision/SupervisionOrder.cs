using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Supervision;

/// <summary>What a 督办 order was issued about.</summary>
public enum SupervisionSource
{
    OverdueHazard = 1,      // 逾期未整改隐患
    RiskyDispute = 2,       // 高风险矛盾纠纷 (民转刑/群体性)
    EscalatedDispute = 3,   // 上报纠纷
    MissingInspection = 4,  // 未交月度排查
    Backlog = 5,            // 信访积案
}

/// <summary>Who the order is addressed to.</summary>
public enum AssigneeKind
{
    GridWorker = 1,       // 网格员
    Liaison = 2,          // 单位联络员
    SubjectLeader = 3,    // 主体的直接责任人 (no portal account: the office records the answer)
}

public enum SupervisionStatus
{
    Issued = 1,    // 待办理
    Answered = 2,  // 待验证
    Returned = 3,  // 退回重办
    Closed = 4,    // 已办结
}

/// <summary>
/// 督办单: the office orders the person responsible for a late task to act within a number of working days; they
/// answer what was done, the office closes the order or sends it back with a reason (BRIEF §9). Its card and
/// escalation follow from the dates (<see cref="SupervisionRules"/>); every step is an audited save.
/// </summary>
public class SupervisionOrder : Entity
{
    public SupervisionSource Source { get; set; }

    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }

    /// <summary>The hazard or dispute (overdue hazard, risky or escalated dispute).</summary>
    public int? FindingId { get; set; }
    public Finding? Finding { get; set; }

    /// <summary>The 积案 petition.</summary>
    public int? PetitionId { get; set; }
    public Petition? Petition { get; set; }

    /// <summary>The grid of a missing inspection (empty for a subject without grids).</summary>
    public int? GridId { get; set; }
    public Grid? Grid { get; set; }

    /// <summary>The month of a missing inspection.</summary>
    public DateOnly? Month { get; set; }

    public AssigneeKind AssigneeKind { get; set; }

    /// <summary>The account that answers (a grid worker or liaison); empty for a subject's leader without an account.</summary>
    public string? AssigneeUserId { get; set; }

    /// <summary>The responsible person's name as shown on the order.</summary>
    public required string AssigneeName { get; set; }

    /// <summary>督办事项: what the office asks for.</summary>
    public required string Instruction { get; set; }

    public DateOnly IssuedOn { get; set; }

    /// <summary>Time limit in working days, counted from <see cref="IssuedOn"/> (or from the last return).</summary>
    public int LimitDays { get; set; }

    /// <summary>The limit's last day, fixed when issued or returned (later holiday changes do not move it).</summary>
    public DateOnly DueOn { get; set; }

    public SupervisionStatus Status { get; set; } = SupervisionStatus.Issued;

    /// <summary>办理情况: what the responsible person did.</summary>
    public string? Answer { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? AnsweredBy { get; set; }

    /// <summary>The office's reason for sending the last answer back.</summary>
    public string? ReturnReason { get; set; }

    /// <summary>How many times the office sent an answer back.</summary>
    public int ReturnCount { get; set; }

    public DateOnly? ClosedOn { get; set; }
    public string? ClosedBy { get; set; }

    /// <summary>The clock stops when the person answers; a returned order runs again from the return.</summary>
    public bool IsWaitingForAnswer => Status is SupervisionStatus.Issued or SupervisionStatus.Returned;
}

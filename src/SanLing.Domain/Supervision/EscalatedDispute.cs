using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Supervision;

/// <summary>Where an escalated dispute stands. It arrives (待受理) when the grid worker's inspection with the 上报 dispute is submitted.</summary>
public enum DisputeStage
{
    Accepted = 2,   // 已受理，待交办
    Assigned = 3,   // 已交办，办理中
    Concluded = 4,  // 已办结，待验证
    Verified = 5,   // 已验证
}

/// <summary>办结: the handler's result.</summary>
public enum DisputeOutcome
{
    Substantive = 1,  // 实质性化解
    Procedural = 2,   // 程序性办结
    UnderWatch = 3,   // 稳控中
}

/// <summary>The party's satisfaction recorded at 验证.</summary>
public enum Satisfaction
{
    Satisfied = 1,         // 满意
    FairlySatisfied = 2,   // 基本满意
    Dissatisfied = 3,      // 不满意
}

/// <summary>
/// 上报纠纷的办理: a dispute a grid worker marked 上报 travels 受理 → 交办 → 办结 → 验证 in the office (BRIEF §9).
/// The row is created at 受理; before that the dispute waits in the office's queue. The finding itself stays 上报:
/// it is not resolved at village level, whatever the outcome (decision 0013).
/// </summary>
public class EscalatedDispute : Entity
{
    public int FindingId { get; set; }
    public Finding? Finding { get; set; }

    public int SubjectId { get; set; }
    public Subject? Subject { get; set; }

    public DisputeStage Stage { get; set; } = DisputeStage.Accepted;

    /// <summary>The day the dispute reached the office (its inspection's submission).</summary>
    public DateOnly ReportedOn { get; set; }

    public DateOnly AcceptedOn { get; set; }
    public string? AcceptedBy { get; set; }

    /// <summary>交办 to: a town department or a person, as the office writes it.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>The handler's account, when the office chose one: that account may record 办结.</summary>
    public string? AssignedToUserId { get; set; }

    public DateOnly? AssignedOn { get; set; }
    public int? LimitDays { get; set; }

    /// <summary>The current stage's last day: 交办 by it after 受理, 办结 by it after 交办, 验证 by it after 办结.</summary>
    public DateOnly DueOn { get; set; }

    public DisputeOutcome? Outcome { get; set; }
    public string? ConclusionNote { get; set; }
    public DateOnly? ConcludedOn { get; set; }
    public string? ConcludedBy { get; set; }

    public Satisfaction? Satisfaction { get; set; }
    public string? VerificationNote { get; set; }
    public DateOnly? VerifiedOn { get; set; }
    public string? VerifiedBy { get; set; }

    /// <summary>How often the office sent the result back to the handler at 验证.</summary>
    public int ReturnCount { get; set; }
}

using SanLing.Domain.Common;

namespace SanLing.Domain.Ledgers;

public enum PetitionKind
{
    Individual = 1,  // 个体访
    Collective = 2,  // 集体访 (≥ 5 people)
    Repeated = 3,    // 重复访
    SkipLevel = 4,   // 越级访
}

public enum PetitionStatus
{
    Received = 1,    // 受理
    Handling = 2,    // 办理中
    Resolved = 3,    // 已化解
    Escalated = 4,   // 上报
}

/// <summary>信访: a petition.</summary>
public class Petition : Incident
{
    public PetitionKind Kind { get; set; }
    public int PetitionerCount { get; set; } = 1;
    [Personal]
    public string? Matter { get; set; }

    /// <summary>包案领导.</summary>
    public string? LeaderInCharge { get; set; }

    public PetitionStatus Status { get; set; } = PetitionStatus.Received;
    public DateOnly? ResolvedOn { get; set; }

    /// <summary>已化解 by <paramref name="day"/> (<see cref="PetitionRules.ResolvedByRule"/>).</summary>
    public bool IsResolvedBy(DateOnly day) => PetitionRules.IsResolvedBy(Status, ResolvedOn, day);

    /// <summary>积案 on <paramref name="day"/> (<see cref="PetitionRules.BacklogRule"/>).</summary>
    public bool IsBacklogOn(DateOnly day) => PetitionRules.IsBacklogOn(OccurredOn, Status, ResolvedOn, day);
}

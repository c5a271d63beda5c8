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
    public string? Matter { get; set; }

    /// <summary>包案领导.</summary>
    public string? LeaderInCharge { get; set; }

    public PetitionStatus Status { get; set; } = PetitionStatus.Received;
    public DateOnly? ResolvedOn { get; set; }

    public bool IsResolvedBy(DateOnly day) => Status == PetitionStatus.Resolved && ResolvedOn is { } d && d <= day;

    /// <summary>
    /// 积案 on a day: filed in an earlier year and still unresolved. (A petition not resolved by the end of its own year
    /// becomes backlog; resolving it later clears it — BRIEF §3 and item 3.3.)
    /// </summary>
    public bool IsBacklogOn(DateOnly day) => OccurredOn.Year < day.Year && !IsResolvedBy(day);
}

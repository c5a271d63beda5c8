using SanLing.Domain.Common;

namespace SanLing.Domain.Inspections;

public enum FindingType
{
    Dispute = 1,  // 矛盾纠纷
    Hazard = 2,   // 安全隐患
}

public enum DisputeCategory
{
    Neighbour = 1,  // 邻里
    Family = 2,     // 婚姻家庭
    Land = 3,       // 土地
    Wages = 4,      // 劳资
    Property = 5,   // 物业
    Other = 9,      // 其他
}

public enum HazardCategory
{
    Fire = 1,                 // 消防
    RoadTraffic = 2,          // 道路交通
    HazardousChemicals = 3,   // 危化品
    WorkSafety = 4,           // 生产安全
    FoodDrug = 5,             // 食品药品
    Environment = 6,          // 环境
    Other = 9,                // 其他
}

public enum RiskLevel
{
    General = 1,  // 一般
    Larger = 2,   // 较大
    Major = 3,    // 重大
}

/// <summary>Dispute statuses 化解中/已化解/上报 and hazard statuses 整改中/已整改.</summary>
public enum FindingStatus
{
    Mediating = 1,   // 化解中
    Resolved = 2,    // 已化解
    Escalated = 3,   // 上报
    Rectifying = 4,  // 整改中
    Rectified = 5,   // 已整改
}

public enum ResolutionMethod
{
    Mediation = 1,               // 调解
    Arbitration = 2,             // 仲裁
    AdministrativeRuling = 3,    // 行政裁决
    AdministrativeReview = 4,    // 行政复议
    Litigation = 5,              // 诉讼
    Other = 9,                   // 其他
}

/// <summary>A dispute or hazard found by a monthly inspection.</summary>
public class Finding : Entity
{
    public int InspectionId { get; set; }
    public Inspection? Inspection { get; set; }

    public FindingType Type { get; set; }
    public DisputeCategory? DisputeCategory { get; set; }
    public HazardCategory? HazardCategory { get; set; }

    public required string Description { get; set; }

    /// <summary>当事人 (disputes).</summary>
    [Personal]
    public string? Parties { get; set; }

    /// <summary>民转刑 risk (disputes).</summary>
    public bool RiskOfCriminalEscalation { get; set; }

    /// <summary>群体性事件 risk (disputes).</summary>
    public bool RiskOfGroupIncident { get; set; }

    public RiskLevel? RiskLevel { get; set; }

    /// <summary>整改期限 (hazards).</summary>
    public DateOnly? RectifyBy { get; set; }

    public FindingStatus Status { get; set; }

    /// <summary>办结日期: resolved or rectified date.</summary>
    public DateOnly? ClosedOn { get; set; }

    public ResolutionMethod? ResolutionMethod { get; set; }

    /// <summary>已化解 or 已整改 with a date on or before <paramref name="day"/>; 上报 is not closed at this level.</summary>
    public bool IsClosedBy(DateOnly day) => FindingRules.IsClosedBy(Status, ClosedOn, day);

    public List<FindingPhoto> Photos { get; set; } = [];

    public bool IsOverdueOn(DateOnly day) => FindingRules.IsOverdueOn(Type, Status, RectifyBy, day);
}

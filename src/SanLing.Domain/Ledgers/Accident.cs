using SanLing.Domain.Common;

namespace SanLing.Domain.Ledgers;

public enum AccidentCategory
{
    RoadTraffic = 1,   // 道路交通
    Fire = 2,          // 消防
    FoodDrug = 3,      // 食品药品
    WorkSafety = 4,    // 生产安全
    Environment = 5,   // 环境生态
    Other = 9,         // 其他
}

/// <summary>事故: an accident.</summary>
public class Accident : Incident
{
    public AccidentCategory Category { get; set; }
    public int Deaths { get; set; }
    public int Injuries { get; set; }

    /// <summary>直接经济损失, in 万元.</summary>
    public decimal LossTenThousandYuan { get; set; }

    [Personal]
    public string? Summary { get; set; }
}

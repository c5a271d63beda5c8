namespace SanLing.Domain.Common;

/// <summary>A town (镇). A county may later run many towns in one deployment.</summary>
public class Town
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>The county the town belongs to, when the deployment has one (<see cref="County"/>).</summary>
    public int? CountyId { get; set; }

    /// <summary>Monthly inspections are due by this day of the following month (limits in <see cref="TownRules"/>).</summary>
    public int InspectionDueDay { get; set; } = TownRules.DefaultDueDay;

    /// <summary>督办 and dispute-stage cards turn yellow when this many working days or fewer are left (镇设置).</summary>
    public int CardYellowWithinDays { get; set; } = Supervision.CardThresholds.DefaultYellowWithinDays;

    /// <summary>A red card escalates to the subject's 第一责任人 after this many working days (镇设置).</summary>
    public int CardEscalateAfterDays { get; set; } = Supervision.CardThresholds.DefaultEscalateAfterDays;

    /// <summary>公示期: calendar days after publication during which a verdict may be appealed (镇设置; <see cref="Evaluation.AppealRules"/>).</summary>
    public int AppealPeriodDays { get; set; } = Evaluation.AppealRules.DefaultPeriodDays;

    public Supervision.CardThresholds CardThresholds => new(CardYellowWithinDays, CardEscalateAfterDays);

    public Guid Version { get; set; } = Guid.NewGuid();
}

namespace SanLing.Domain.Common;

/// <summary>A town (镇). A county may later run many towns in one deployment.</summary>
public class Town
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Monthly inspections are due by this day of the following month (limits in <see cref="TownRules"/>).</summary>
    public int InspectionDueDay { get; set; } = TownRules.DefaultDueDay;

    public Guid Version { get; set; } = Guid.NewGuid();
}

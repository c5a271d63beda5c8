namespace SanLing.Domain.Common;

/// <summary>A town (镇). A county may later run many towns in one deployment.</summary>
public class Town
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>The due day of a town that has not chosen one: the 5th of the following month.</summary>
    public const int DefaultInspectionDueDay = 5;

    /// <summary>Monthly inspections are due by this day of the following month.</summary>
    public int InspectionDueDay { get; set; } = DefaultInspectionDueDay;

    public Guid Version { get; set; } = Guid.NewGuid();
}

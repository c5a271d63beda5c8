namespace SanLing.Domain.Common;

/// <summary>A town (镇). A county may later run many towns in one deployment.</summary>
public class Town
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    public const int NameMaxLength = 100;

    /// <summary>The due day must exist in every month, February included.</summary>
    public const int LatestInspectionDueDay = 28;

    /// <summary>Monthly inspections are due by this day of the following month (default the 5th).</summary>
    public int InspectionDueDay { get; set; } = TownRules.DefaultDueDay;

    public static bool IsValidInspectionDueDay(int day) => day is >= 1 and <= LatestInspectionDueDay;

    public Guid Version { get; set; } = Guid.NewGuid();
}

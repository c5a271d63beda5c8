namespace SanLing.Domain.Common;

/// <summary>A day off on the town's calendar (法定节假日); time limits in working days skip it, as they skip weekends.</summary>
public class TownHoliday : Entity
{
    public DateOnly Date { get; set; }
    public string? Name { get; set; }

    public const int NameMaxLength = 50;
}

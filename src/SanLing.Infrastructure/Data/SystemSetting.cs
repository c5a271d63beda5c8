namespace SanLing.Infrastructure.Data;

/// <summary>A deployment-wide setting kept in the database (e.g. the protected key of the ID-number hash).</summary>
public class SystemSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}

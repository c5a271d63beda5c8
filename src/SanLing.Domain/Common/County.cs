namespace SanLing.Domain.Common;

/// <summary>
/// A county (县/区) above its towns, when one deployment runs many towns. Its code and name follow
/// <see cref="TownRules"/>. County users read every town of the county; town users stay in their own town.
/// </summary>
public class County
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Whether a town may use its own variant of the county's rule set for a year (the county decides).</summary>
    public bool AllowsTownVariants { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}

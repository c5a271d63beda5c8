namespace SanLing.Domain.Standards;

/// <summary>
/// What the choice of a year's rule set needs to know of one of the town's rule sets. <paramref name="CountyRevision"/>:
/// of a county set's copy, how many times the county corrected that year's set (0: as first published).
/// </summary>
public sealed record RuleSetKey(int Id, int Year, int? CountyRuleSetId, int? DerivedFromId, int CountyRevision = 0)
{
    /// <summary>The town's copy of a county rule set.</summary>
    public bool IsCountySet => CountyRuleSetId is not null;

    /// <summary>A set the town derived itself (its variant); the 2020 set a town starts with is not one.</summary>
    public bool IsTownVariant => CountyRuleSetId is null && DerivedFromId is not null;
}

/// <summary>
/// Which of a town's rule sets a year is judged by (the one home of this rule). A set is in force from its year on,
/// until a later one of the same origin; of a county year's revisions (修订) the newest is in force, the ones it
/// superseded never again. The county's set in force wins, unless the county allows town variants and the town has a
/// variant in force at least as recent (a variant of a year stays in force when the county revises that year: the town
/// chose it); a year no county set reaches keeps the town's own set (a town without a county, or years before the
/// county's first set).
/// </summary>
public static class RuleSetChoice
{
    public static RuleSetKey? For(IEnumerable<RuleSetKey> townSets, int year, bool townVariantsAllowed)
    {
        var inForce = townSets.Where(s => s.Year <= year).ToList();
        var county = inForce.Where(s => s.IsCountySet).MaxBy(s => (s.Year, s.CountyRevision));
        var own = inForce.Where(s => !s.IsCountySet).MaxBy(s => s.Year);
        if (county is null)
        {
            return own;
        }
        return townVariantsAllowed && own is { IsTownVariant: true } && own.Year >= county.Year ? own : county;
    }

    /// <summary>A town may derive a set of its own unless its county keeps every town on the county's sets.</summary>
    public static bool TownMayDerive(bool inCounty, bool countyAllowsVariants) => !inCounty || countyAllowsVariants;

    /// <summary>Why a town's derive is refused (also the key of the web's resource file).</summary>
    public const string VariantsNotAllowed = "县综治中心未允许乡镇自定评定细则，本镇使用县级评定细则。";
}

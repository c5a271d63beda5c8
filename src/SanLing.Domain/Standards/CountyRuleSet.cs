namespace SanLing.Domain.Standards;

/// <summary>
/// The county's rule set (县级评定细则) from a year on, published by the 县综治中心. It is stored once for the county and
/// copied into each of its towns as a <see cref="RuleSet"/> (<see cref="RuleSet.CountyRuleSetId"/>), so a town's
/// attestations and evaluations read their own rows as before; a town added later receives the county's sets too.
/// Which set a town's run uses: <see cref="RuleSetChoice"/>.
/// </summary>
public class CountyRuleSet
{
    public int Id { get; set; }
    public int CountyId { get; set; }

    /// <summary>The first year this rule set applies to.</summary>
    public int Year { get; set; }
    public required string Name { get; set; }
    public decimal VillageCommunityTarget { get; set; }
    public decimal EnterpriseUnitTarget { get; set; }

    /// <summary>The county set this one was derived from (null: derived from the 2020 catalogue).</summary>
    public int? DerivedFromId { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<CountyRuleSetItem> Items { get; set; } = [];

    /// <summary>The town's copy of this set: same year, name, targets and items, marked as the county's.</summary>
    public RuleSet CopyFor(int townId) => new()
    {
        TownId = townId,
        Year = Year,
        Name = Name,
        VillageCommunityTarget = VillageCommunityTarget,
        EnterpriseUnitTarget = EnterpriseUnitTarget,
        CountyRuleSetId = Id,
        Items = Items.OrderBy(i => i.SortOrder).Select(RuleSetItem.CopyOf).ToList(),
    };
}

/// <summary>One item of a county rule set.</summary>
public class CountyRuleSetItem : RuleItem
{
    public int Id { get; set; }
    public int CountyRuleSetId { get; set; }

    public static CountyRuleSetItem CopyOf(RuleItem source) => new()
    {
        Code = source.Code,
        Standard = source.Standard,
        Title = source.Title,
        JudgingForVillageCommunity = source.JudgingForVillageCommunity,
        JudgingForEnterpriseUnit = source.JudgingForEnterpriseUnit,
        AppliesTo = source.AppliesTo,
        AllowsNotApplicable = source.AllowsNotApplicable,
        SortOrder = source.SortOrder,
    };
}

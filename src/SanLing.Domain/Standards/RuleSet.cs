using SanLing.Domain.Common;

namespace SanLing.Domain.Standards;

/// <summary>
/// A versioned rule set (评定细则): the items, how each is judged and for which kinds, and the targets.
/// Provinces revise them, so each year's evaluation records the rule set it used.
/// </summary>
public class RuleSet : Entity
{
    /// <summary>The first year this rule set applies to.</summary>
    public int Year { get; set; }
    public required string Name { get; set; }

    /// <summary>Target compliance rate of 村（社区）, e.g. 0.90.</summary>
    public decimal VillageCommunityTarget { get; set; }

    /// <summary>Target compliance rate of 企业和单位, e.g. 0.95.</summary>
    public decimal EnterpriseUnitTarget { get; set; }

    /// <summary>The rule set this one was derived from, if any.</summary>
    public int? DerivedFromId { get; set; }

    public List<RuleSetItem> Items { get; set; } = [];
}

/// <summary>One item of a rule set. For enterprises/units an item may be judged differently (7.1: D for 村社区, A for 企业单位).</summary>
public class RuleSetItem
{
    public int Id { get; set; }
    public int RuleSetId { get; set; }
    public required string Code { get; set; }
    public int Standard { get; set; }
    public required string Title { get; set; }
    public ItemJudging JudgingForVillageCommunity { get; set; }
    public ItemJudging JudgingForEnterpriseUnit { get; set; }
    public KindSet AppliesTo { get; set; }
    public bool AllowsNotApplicable { get; set; }
    public int SortOrder { get; set; }
}

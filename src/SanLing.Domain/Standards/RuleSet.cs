using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

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

    /// <summary>The county rule set this one is the town's copy of (null: the town's own set).</summary>
    public int? CountyRuleSetId { get; set; }

    /// <summary>Of the town's copy of a county set: that set's <see cref="CountyRuleSet.Revision"/> (0 otherwise).</summary>
    public int CountyRevision { get; set; }

    public List<RuleSetItem> Items { get; set; } = [];

    /// <summary>What <see cref="RuleSetChoice"/> needs to know of this set.</summary>
    public RuleSetKey Key => new(Id, Year, CountyRuleSetId, DerivedFromId, CountyRevision);

    /// <summary>The items the office attests for subjects of <paramref name="kind"/>, in the rule set's order.</summary>
    public IReadOnlyList<RuleSetItem> AttestedItemsFor(SubjectKind kind) => RuleItem.AttestedFor(Items, kind);
}

/// <summary>One item of a town's rule set.</summary>
public class RuleSetItem : RuleItem
{
    public int Id { get; set; }
    public int RuleSetId { get; set; }

    /// <summary>A copy of <paramref name="source"/> (a county item, a derived item) for a town's rule set.</summary>
    public static RuleSetItem CopyOf(RuleItem source) => new()
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

/// <summary>
/// An item of a rule set (a town's or the county's): what it is, how it is judged, for which kinds. For
/// enterprises/units an item may be judged differently (7.1: D for 村社区, A for 企业单位).
/// </summary>
public abstract class RuleItem
{
    public required string Code { get; set; }
    public int Standard { get; set; }
    public required string Title { get; set; }
    public ItemJudging JudgingForVillageCommunity { get; set; }
    public ItemJudging JudgingForEnterpriseUnit { get; set; }
    public KindSet AppliesTo { get; set; }
    public bool AllowsNotApplicable { get; set; }
    public int SortOrder { get; set; }

    /// <summary>How this item is judged for a subject of <paramref name="kind"/> (its group's judging).</summary>
    public ItemJudging JudgingFor(SubjectKind kind) => kind.IsTerritory() ? JudgingForVillageCommunity : JudgingForEnterpriseUnit;

    /// <summary>The item applies to <paramref name="kind"/>; for other kinds it is 不适用.</summary>
    public bool AppliesToKind(SubjectKind kind) => AppliesTo.Includes(kind);

    /// <summary>The office attests this item for subjects of <paramref name="kind"/> (年度评定): it applies and is judged A or D+A.</summary>
    public bool IsAttestedFor(SubjectKind kind) => AppliesToKind(kind) && JudgingFor(kind).IsAttested();

    /// <summary>The items of <paramref name="items"/> attested for <paramref name="kind"/>, by sort order.</summary>
    public static IReadOnlyList<T> AttestedFor<T>(IEnumerable<T> items, SubjectKind kind) where T : RuleItem =>
        items.Where(i => i.IsAttestedFor(kind)).OrderBy(i => i.SortOrder).ToList();
}

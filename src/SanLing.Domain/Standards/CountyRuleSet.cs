namespace SanLing.Domain.Standards;

/// <summary>
/// The county's rule set (县级评定细则) from a year on, published by the 县综治中心. It is stored once for the county and
/// copied into each of its towns as a <see cref="RuleSet"/> (<see cref="RuleSet.CountyRuleSetId"/>), so a town's
/// attestations and evaluations read their own rows as before; a town added later receives the county's sets too.
/// Which set a town's run uses: <see cref="RuleSetChoice"/>. A published set is never changed: the county corrects a
/// year's set by publishing a revision (修订) of it, with a reason, which supersedes the one it was made from.
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

    /// <summary>How many times the county had corrected this year's set before this one (0: the year's first publication).</summary>
    public int Revision { get; set; }

    /// <summary>The revision this one corrects and supersedes (null: the year's first publication).</summary>
    public int? SupersedesId { get; set; }

    /// <summary>Why the county corrected the year's set (修订理由); every revision has one.</summary>
    public string? RevisionReason { get; set; }

    public const int RevisionReasonMaxLength = 200;

    public bool IsRevision => SupersedesId is not null;

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
        CountyRevision = Revision,
        Items = Items.OrderBy(i => i.SortOrder).Select(RuleSetItem.CopyOf).ToList(),
    };
}

/// <summary>
/// Whether a revision changes anything: its name, targets or any item's judging, kinds or 不适用 (a revision that
/// changes nothing would only hide the year's set behind an identical one).
/// </summary>
public static class CountyRuleSetRevision
{
    public static bool Changes(CountyRuleSet current, string name, decimal villageCommunityTarget, decimal enterpriseUnitTarget, IReadOnlyList<RuleItem> items)
    {
        if (current.Name != name || current.VillageCommunityTarget != villageCommunityTarget || current.EnterpriseUnitTarget != enterpriseUnitTarget
            || current.Items.Count != items.Count)
        {
            return true;
        }
        var before = current.Items.ToDictionary(i => i.Code, StringComparer.Ordinal);
        return items.Any(i => !before.TryGetValue(i.Code, out var b)
            || (b.JudgingForVillageCommunity, b.JudgingForEnterpriseUnit, b.AppliesTo, b.AllowsNotApplicable)
                != (i.JudgingForVillageCommunity, i.JudgingForEnterpriseUnit, i.AppliesTo, i.AllowsNotApplicable));
    }
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

using SanLing.Web.Features.RuleSets;

namespace SanLing.Web.Features.CountyRuleSets;

/// <summary>
/// A county rule set. <paramref name="Revision"/>: how many times the county corrected the year's set before this one
/// (0: as first published), with <paramref name="RevisionReason"/>; <paramref name="SupersededById"/>: the revision
/// that replaced it (null: the year's set in force).
/// </summary>
public sealed record CountyRuleSetRow(int Id, int Year, string Name, decimal VillageCommunityTarget, decimal EnterpriseUnitTarget,
    string? DerivedFromName, DateTimeOffset PublishedAt, string? PublishedBy,
    int Revision = 0, string? RevisionReason = null, int? SupersedesId = null, int? SupersededById = null)
{
    public bool IsCurrent => SupersededById is null;
}

/// <summary>
/// A town of the county and the rule set its evaluation of a year would use; <paramref name="CountySetName"/> and
/// <paramref name="CountySetRevision"/>: the county's set in force that year (null: none reaches it), which a town on a
/// variant of its own does not use.
/// </summary>
public sealed record TownRuleSetInUse(string TownCode, string TownName, string? RuleSetName, bool FromCounty,
    int CountyRevision = 0, string? CountySetName = null, int? CountySetRevision = null);

public sealed record CountyRuleSetsPage(string CountyName, bool AllowsTownVariants, Guid Version, int Year,
    IReadOnlyList<CountyRuleSetRow> RuleSets, IReadOnlyList<TownRuleSetInUse> Towns);

/// <summary>A county set, the year's revisions (newest first) and what each town uses that year.</summary>
public sealed record CountyRuleSetDetails(CountyRuleSetRow RuleSet, IReadOnlyList<RuleSetItemRow> Items)
{
    public IReadOnlyList<CountyRuleSetRow> Revisions { get; init; } = [];

    public IReadOnlyList<TownRuleSetInUse> Towns { get; init; } = [];
}

/// <summary>The publish page: what it derives from (null id: the 2020 catalogue) and the form, as the town's derive page has it.</summary>
public sealed record PublishEditor(int? SourceId, string SourceName, PublishForm Form, IReadOnlyDictionary<string, string> Titles);

/// <summary>A county rule set to publish: the town's derive form (year, name, targets, items).</summary>
public sealed class PublishForm : DeriveForm;

/// <summary>The revise page: the year's set in force and the form of its revision.</summary>
public sealed record ReviseEditor(CountyRuleSetRow Current, ReviseForm Form, IReadOnlyDictionary<string, string> Titles);

/// <summary>A revision (修订) of the year's county set: the set's fields, changed, and why (the year is the set's own).</summary>
public sealed class ReviseForm : DeriveForm
{
    public string? Reason { get; set; }
}

/// <summary>The county's switch: may towns use variants of their own?</summary>
public sealed class VariantsForm
{
    public bool Allow { get; set; }
    public Guid Version { get; set; }
}

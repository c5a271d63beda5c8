using SanLing.Web.Features.RuleSets;

namespace SanLing.Web.Features.CountyRuleSets;

public sealed record CountyRuleSetRow(int Id, int Year, string Name, decimal VillageCommunityTarget, decimal EnterpriseUnitTarget,
    string? DerivedFromName, DateTimeOffset PublishedAt, string? PublishedBy);

/// <summary>A town of the county and the rule set its evaluation of <see cref="CountyRuleSetsPage.Year"/> would use.</summary>
public sealed record TownRuleSetInUse(string TownCode, string TownName, string? RuleSetName, bool FromCounty);

public sealed record CountyRuleSetsPage(string CountyName, bool AllowsTownVariants, Guid Version, int Year,
    IReadOnlyList<CountyRuleSetRow> RuleSets, IReadOnlyList<TownRuleSetInUse> Towns);

public sealed record CountyRuleSetDetails(CountyRuleSetRow RuleSet, IReadOnlyList<RuleSetItemRow> Items);

/// <summary>The publish page: what it derives from (null id: the 2020 catalogue) and the form, as the town's derive page has it.</summary>
public sealed record PublishEditor(int? SourceId, string SourceName, PublishForm Form, IReadOnlyDictionary<string, string> Titles);

/// <summary>A county rule set to publish: the town's derive form (year, name, targets, items).</summary>
public sealed class PublishForm : DeriveForm;

/// <summary>The county's switch: may towns use variants of their own?</summary>
public sealed class VariantsForm
{
    public bool Allow { get; set; }
    public Guid Version { get; set; }
}

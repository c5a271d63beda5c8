using SanLing.Domain.Standards;

namespace SanLing.Web.Features.RuleSets;

/// <summary>
/// A town's rule set; <paramref name="FromCounty"/>: the town's copy of a county rule set (else the town's own), of the
/// county's <paramref name="CountyRevision"/> of that year, <paramref name="Superseded"/> once the county revised it again.
/// </summary>
public sealed record RuleSetRow(int Id, int Year, string Name, decimal VillageCommunityTarget, decimal EnterpriseUnitTarget, string? DerivedFromName,
    bool FromCounty = false, int CountyRevision = 0, bool Superseded = false);

public sealed record RuleSetItemRow(string Code, string Title, ItemJudging JudgingForVillageCommunity, ItemJudging JudgingForEnterpriseUnit, KindSet AppliesTo, bool AllowsNotApplicable);

public sealed record RuleSetDetails(RuleSetRow RuleSet, IReadOnlyList<RuleSetItemRow> Items, bool CanDerive);

/// <summary>A new year's rule set derived from an existing one: targets in percent, and per item judging and kinds.</summary>
public class DeriveForm
{
    public int? Year { get; set; }
    public string? Name { get; set; }
    public decimal? VillageCommunityTargetPercent { get; set; }
    public decimal? EnterpriseUnitTargetPercent { get; set; }
    public List<DeriveItem> Items { get; set; } = [];
}

public sealed class DeriveItem
{
    public string Code { get; set; } = "";
    public ItemJudging JudgingForVillageCommunity { get; set; }
    public ItemJudging JudgingForEnterpriseUnit { get; set; }
    public bool ForVillage { get; set; }
    public bool ForCommunity { get; set; }
    public bool ForEnterprise { get; set; }
    public bool ForUnit { get; set; }
    public bool AllowsNotApplicable { get; set; }
}

public sealed record DeriveEditor(RuleSetRow Source, DeriveForm Form, IReadOnlyDictionary<string, string> Titles);

/// <summary>
/// The fields of a new rule set's form and the items' titles (the partial the derive, publish and revise pages share);
/// <paramref name="YearFixed"/>: the year is the set's own and is shown, not edited (a revision).
/// </summary>
public sealed record DeriveFields(DeriveForm Form, IReadOnlyDictionary<string, string> Titles, bool YearFixed = false);

using SanLing.Domain.Standards;

namespace SanLing.Domain.Evaluation;

/// <summary>The 2020 rule set built from the catalogue (tests, benchmark, a town without a rule set yet).</summary>
public static class DefaultRuleSet
{
    public static RuleSet Create2020() => new()
    {
        Year = 2020,
        Name = "2020年三零创建评定细则",
        VillageCommunityTarget = 0.90m,
        EnterpriseUnitTarget = 0.95m,
        Items = StandardCatalogue.Items2020.Select((item, index) => new RuleSetItem
        {
            Code = item.Code,
            Standard = item.Standard,
            Title = item.Title,
            JudgingForVillageCommunity = item.Judging,
            // 7.1 is judged from the grids for villages/communities, attested for enterprises/units.
            JudgingForEnterpriseUnit = item.Code == "7.1" ? ItemJudging.Attested : item.Judging,
            AppliesTo = item.AppliesTo,
            AllowsNotApplicable = item.AllowsNotApplicable,
            SortOrder = index + 1,
        }).ToList(),
    };
}

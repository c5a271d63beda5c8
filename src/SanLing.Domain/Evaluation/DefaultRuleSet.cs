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
        Items = StandardCatalogue.Items2020.Select((item, index) => item.ToRuleSetItem(index + 1)).ToList(),
    };
}

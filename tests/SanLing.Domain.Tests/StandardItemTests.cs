using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Tests;

/// <summary>Which standard items apply to a kind of subject, how they are judged for it, and which the office attests.</summary>
public sealed class StandardItemTests
{
    private static readonly RuleSet RuleSet2020 = DefaultRuleSet.Create2020();

    private static RuleSetItem Item(string code) => RuleSet2020.Items.Single(i => i.Code == code);

    [Theory]
    [InlineData(SubjectKind.Village, KindSet.Village)]
    [InlineData(SubjectKind.Community, KindSet.Community)]
    [InlineData(SubjectKind.Enterprise, KindSet.Enterprise)]
    [InlineData(SubjectKind.Unit, KindSet.Unit)]
    public void Each_kind_has_its_own_flag(SubjectKind kind, KindSet flag)
    {
        Assert.Equal(flag, kind.ToKindSet());
        Assert.True(KindSet.All.Includes(kind));
        Assert.Equal(kind.IsTerritory(), KindSet.VillageCommunity.Includes(kind));
    }

    [Fact]
    public void An_unknown_kind_has_no_flag() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((SubjectKind)99).ToKindSet());

    [Fact]
    public void Item_7_1_is_judged_from_the_grids_for_villages_and_attested_for_enterprises()
    {
        var catalogue = StandardCatalogue.Find("7.1")!;
        Assert.Equal(ItemJudging.Data, catalogue.JudgingForVillageCommunity);
        Assert.Equal(ItemJudging.Attested, catalogue.JudgingForEnterpriseUnit);

        var item = Item("7.1");
        Assert.Equal(ItemJudging.Data, item.JudgingFor(SubjectKind.Village));
        Assert.Equal(ItemJudging.Data, item.JudgingFor(SubjectKind.Community));
        Assert.Equal(ItemJudging.Attested, item.JudgingFor(SubjectKind.Enterprise));
        Assert.Equal(ItemJudging.Attested, item.JudgingFor(SubjectKind.Unit));
        Assert.False(item.IsAttestedFor(SubjectKind.Village));
        Assert.True(item.IsAttestedFor(SubjectKind.Unit));
    }

    [Fact]
    public void Every_other_item_is_judged_alike_for_both_groups() =>
        Assert.All(StandardCatalogue.Items2020.Where(i => i.Code != "7.1"), i => Assert.Equal(i.Judging, i.JudgingForEnterpriseUnit));

    [Fact]
    public void The_rule_set_item_is_the_catalogue_item_in_its_place()
    {
        var item = StandardCatalogue.Find("5.2")!.ToRuleSetItem(15);

        Assert.Equal(("5.2", 5, "严格管理重点物品", 15), (item.Code, item.Standard, item.Title, item.SortOrder));
        Assert.Equal(ItemJudging.Attested, item.JudgingForVillageCommunity);
        Assert.Equal(ItemJudging.Attested, item.JudgingForEnterpriseUnit);
        Assert.True(item.AllowsNotApplicable);
    }

    [Fact]
    public void An_item_for_villages_and_communities_is_neither_applied_nor_attested_for_units()
    {
        var item = Item("7.3");
        Assert.True(item.AppliesToKind(SubjectKind.Community));
        Assert.False(item.AppliesToKind(SubjectKind.Unit));
        Assert.True(item.IsAttestedFor(SubjectKind.Village));
        Assert.False(item.IsAttestedFor(SubjectKind.Unit));
    }

    [Theory]
    [InlineData(ItemJudging.Data, true, false)]
    [InlineData(ItemJudging.Attested, false, true)]
    [InlineData(ItemJudging.DataAndAttested, true, true)]
    public void A_judging_uses_the_data_the_attestation_or_both(ItemJudging judging, bool data, bool attested)
    {
        Assert.Equal(data, judging.UsesData());
        Assert.Equal(attested, judging.IsAttested());
    }

    [Fact]
    public void The_office_attests_13_items_of_a_village_and_13_of_an_enterprise_in_the_rule_sets_order()
    {
        var village = RuleSet2020.AttestedItemsFor(SubjectKind.Village).Select(i => i.Code).ToList();
        var enterprise = RuleSet2020.AttestedItemsFor(SubjectKind.Enterprise).Select(i => i.Code).ToList();

        Assert.Equal(["1.1", "1.3", "2.1", "2.2", "2.3", "3.2", "5.2", "5.4", "6.1", "6.2", "6.3", "7.2", "7.3"], village);
        Assert.Equal(["1.1", "1.3", "2.1", "2.2", "2.3", "3.2", "5.2", "5.4", "6.1", "6.2", "6.3", "7.1", "7.2"], enterprise);
    }

    [Fact]
    public void Attested_items_follow_the_sort_order_not_the_list_order()
    {
        var items = new List<RuleSetItem> { Item("2.1"), Item("1.3") };
        Assert.Equal(["1.3", "2.1"], RuleItem.AttestedFor(items, SubjectKind.Unit).Select(i => i.Code));
    }
}

using SanLing.Domain.Standards;

namespace SanLing.Domain.Tests;

/// <summary>Which of a town's rule sets judges a year: the county's, the town's variant where the county allows it, or the town's own.</summary>
public sealed class RuleSetChoiceTests
{
    // The 2020 set a town starts with: its own, not derived, so never a variant.
    private static readonly RuleSetKey Founding = new(1, 2020, CountyRuleSetId: null, DerivedFromId: null);
    private static readonly RuleSetKey County2024 = new(2, 2024, CountyRuleSetId: 10, DerivedFromId: null);
    private static readonly RuleSetKey County2026 = new(3, 2026, CountyRuleSetId: 11, DerivedFromId: null);
    private static readonly RuleSetKey Variant2024 = new(4, 2024, CountyRuleSetId: null, DerivedFromId: 2);
    private static readonly RuleSetKey Variant2025 = new(5, 2025, CountyRuleSetId: null, DerivedFromId: 2);

    [Theory]
    [InlineData(2019, null)]
    [InlineData(2020, 1)]
    [InlineData(2023, 1)]
    [InlineData(2024, 2)]
    [InlineData(2025, 2)]
    [InlineData(2026, 3)]
    [InlineData(2030, 3)]
    public void Without_variants_the_county_s_set_in_force_wins_and_earlier_years_keep_the_town_s_own(int year, int? expected)
    {
        var sets = new[] { Founding, County2024, County2026, Variant2025 };

        Assert.Equal(expected, RuleSetChoice.For(sets, year, townVariantsAllowed: false)?.Id);
    }

    [Theory]
    [InlineData(2023, 1)]
    [InlineData(2024, 4)]   // the variant of the county's year
    [InlineData(2025, 5)]   // a later variant
    [InlineData(2026, 3)]   // the county's newer set outranks an older variant
    public void With_variants_the_town_s_variant_wins_while_it_is_at_least_as_recent_as_the_county_s(int year, int expected)
    {
        var sets = new[] { Founding, County2024, County2026, Variant2024, Variant2025 };

        Assert.Equal(expected, RuleSetChoice.For(sets, year, townVariantsAllowed: true)?.Id);
    }

    [Fact]
    public void The_2020_set_a_town_starts_with_is_no_variant_against_a_county_set_of_2020()
    {
        var county2020 = new RuleSetKey(6, 2020, CountyRuleSetId: 12, DerivedFromId: null);

        Assert.Equal(6, RuleSetChoice.For([Founding, county2020], 2022, townVariantsAllowed: true)?.Id);
    }

    [Fact]
    public void A_town_without_a_county_uses_its_latest_own_set()
    {
        Assert.Equal(5, RuleSetChoice.For([Founding, Variant2024, Variant2025], 2025, townVariantsAllowed: false)?.Id);
        Assert.Null(RuleSetChoice.For([], 2025, townVariantsAllowed: true));
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    public void A_town_derives_its_own_set_unless_its_county_forbids_variants(bool inCounty, bool allows, bool expected) =>
        Assert.Equal(expected, RuleSetChoice.TownMayDerive(inCounty, allows));
}

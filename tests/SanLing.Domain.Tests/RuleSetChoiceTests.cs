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

    // The county corrects its 2024 set twice (修订 1, 2); the 2026 set is the county's next year.
    private static readonly RuleSetKey County2024Revised = new(7, 2024, CountyRuleSetId: 13, DerivedFromId: null, CountyRevision: 1);
    private static readonly RuleSetKey County2024RevisedAgain = new(8, 2024, CountyRuleSetId: 14, DerivedFromId: null, CountyRevision: 2);

    [Theory]
    [InlineData(2024, 8)]
    [InlineData(2025, 8)]
    [InlineData(2026, 3)]   // a revision of 2024 does not reach past the county's next year
    public void The_newest_revision_of_the_county_s_year_is_in_force_and_the_ones_it_superseded_never_again(int year, int expected)
    {
        // In any order: the revision number, not the order of the rows, decides.
        var sets = new[] { County2024RevisedAgain, Founding, County2026, County2024, County2024Revised };

        Assert.Equal(expected, RuleSetChoice.For(sets, year, townVariantsAllowed: false)?.Id);
        Assert.Equal(expected, RuleSetChoice.For(sets, year, townVariantsAllowed: true)?.Id);
    }

    [Fact]
    public void A_town_s_variant_of_the_year_stays_in_force_when_the_county_revises_that_year_while_variants_are_allowed()
    {
        var sets = new[] { Founding, County2024, Variant2024, County2024Revised };

        Assert.Equal(4, RuleSetChoice.For(sets, 2024, townVariantsAllowed: true)?.Id);
        // Without variants the revision judges the town too.
        Assert.Equal(7, RuleSetChoice.For(sets, 2024, townVariantsAllowed: false)?.Id);
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    public void A_town_derives_its_own_set_unless_its_county_forbids_variants(bool inCounty, bool allows, bool expected) =>
        Assert.Equal(expected, RuleSetChoice.TownMayDerive(inCounty, allows));
}

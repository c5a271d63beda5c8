using SanLing.Domain.Evaluation;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Standards;
using static SanLing.Domain.Tests.Evaluation.Facts;

namespace SanLing.Domain.Tests.Evaluation;

public sealed class ResultRuleTests
{
    [Fact]
    public void A_clean_subject_is_compliant()
    {
        Assert.Equal(SubjectVerdict.Compliant, Village().Judge().Verdict);
        Assert.Equal(SubjectVerdict.Compliant, Enterprise().Judge().Verdict);
        Assert.Equal(23, Village().Judge().Items.Count);
    }

    [Fact]
    public void Fail_wins_over_pending()
    {
        var facts = Village().Without("2.1") with { HasPrincipal = false };
        Assert.Equal(SubjectVerdict.NonCompliant, facts.Judge().Verdict);
    }

    [Fact]
    public void Pending_wins_over_pass() => Assert.Equal(SubjectVerdict.Pending, Village().Without("6.3").Judge().Verdict);

    [Fact]
    public void Not_applicable_items_do_not_spoil_the_result() =>
        Assert.Equal(SubjectVerdict.Compliant, Enterprise().With("5.2", AttestationResult.NotApplicable).Judge().Verdict);

    [Theory]
    [InlineData(new[] { ItemVerdict.Pass, ItemVerdict.Pending, ItemVerdict.Fail }, SubjectVerdict.NonCompliant)]
    [InlineData(new[] { ItemVerdict.Pass, ItemVerdict.Pending, ItemVerdict.NotApplicable }, SubjectVerdict.Pending)]
    [InlineData(new[] { ItemVerdict.Pass, ItemVerdict.NotApplicable }, SubjectVerdict.Compliant)]
    public void Result_of_item_verdicts(ItemVerdict[] items, SubjectVerdict expected) => Assert.Equal(expected, Evaluator.ResultOf(items));

    [Fact]
    public void Only_compliant_counts_in_the_rate()
    {
        var verdicts = new[] { SubjectVerdict.Compliant, SubjectVerdict.Pending, SubjectVerdict.NonCompliant, SubjectVerdict.Compliant };
        Assert.Equal(0.5m, Honours.Rate(verdicts.Count(v => v == SubjectVerdict.Compliant), verdicts.Length));
        Assert.Null(Honours.Rate(0, 0));
    }

    [Fact]
    public void An_impactful_incident_vetoes_whatever_the_items_say_and_a_major_one_is_listed()
    {
        var facts = Village() with
        {
            FlaggedIncidents =
            [
                new FlaggedIncident(IncidentType.Accident, "SG-9", Dec31, IsImpactful: true, IsMajor: true),
                new FlaggedIncident(IncidentType.Case, "AJ-1", new DateOnly(2026, 1, 1), IsImpactful: true, IsMajor: true),
            ],
        };
        var result = facts.Judge();
        Assert.True(result.IsVetoed);
        Assert.Equal("SG-9", Assert.Single(result.MajorIncidents).Number);
        Assert.False(Village().Judge().IsVetoed);
    }

    [Fact]
    public void A_case_recorded_elsewhere_whose_offender_is_this_subjects_key_person_fails_only_42_here()
    {
        // The case is recorded on another subject: here only 4.2 fails; 2.4 stays clean.
        var facts = Village() with
        {
            KeyPersons = [KeyPerson("ZD-7", new DateOnly(2021, 1, 1), followUps: [new DateOnly(2025, 2, 1)])],
            CasesByOwnKeyPersons = [new OffenderCaseFact("AJ-2025-2", "ZD-7", new DateOnly(2025, 9, 9))],
        };
        var result = facts.Judge();
        Assert.Equal(ItemVerdict.Fail, result.Items.Single(i => i.Code == "4.2").Verdict);
        Assert.Equal(ItemVerdict.Pass, result.Items.Single(i => i.Code == "2.4").Verdict);
        // And the subject the case is recorded on: 2.4 fails, 4.2 has nothing to do with it.
        var where = Enterprise() with { Cases = [new IncidentFact("AJ-2025-2", new DateOnly(2025, 9, 9))] };
        Assert.Equal(ItemVerdict.Fail, where.Item("2.4").Verdict);
        Assert.Equal(ItemVerdict.NotApplicable, where.Item("4.2").Verdict);
    }

    [Fact]
    public void A_rule_set_that_switches_an_item_to_attested_uses_the_attestation_only()
    {
        var ruleSet = DefaultRuleSet.Create2020();
        var item = ruleSet.Items.Single(i => i.Code == "2.4");
        item.JudgingForVillageCommunity = ItemJudging.Attested;
        var facts = Village() with { Cases = [new IncidentFact("AJ-1", Dec31)] };
        Assert.Equal(ItemVerdict.Pending, Evaluator.JudgeItem(item, facts, FullYear).Verdict);
        Assert.Equal(ItemVerdict.Pass, Evaluator.JudgeItem(item, facts.With("2.4", AttestationResult.Pass), FullYear).Verdict);
    }
}

public sealed class HonourTests
{
    [Theory]
    [InlineData(0, Honour.None)]
    [InlineData(1, Honour.Named)]
    [InlineData(2, Honour.TownCommendation)]
    [InlineData(3, Honour.RecommendedToCity)]
    [InlineData(4, Honour.RecommendedToCity)]
    public void Honour_by_consecutive_years(int years, Honour expected) => Assert.Equal(expected, Honours.For(years));

    [Fact]
    public void Consecutive_years_chain_and_a_failing_year_breaks_the_chain()
    {
        var years = 0;
        var honours = new List<Honour>();
        foreach (var verdict in new[] { SubjectVerdict.Compliant, SubjectVerdict.Compliant, SubjectVerdict.Compliant, SubjectVerdict.Compliant, SubjectVerdict.NonCompliant, SubjectVerdict.Compliant })
        {
            years = Honours.ConsecutiveYears(verdict, years);
            honours.Add(Honours.For(years));
        }
        Assert.Equal([Honour.Named, Honour.TownCommendation, Honour.RecommendedToCity, Honour.RecommendedToCity, Honour.None, Honour.Named], honours);
    }

    [Fact]
    public void A_pending_year_also_breaks_the_chain() => Assert.Equal(0, Honours.ConsecutiveYears(SubjectVerdict.Pending, 3));
}

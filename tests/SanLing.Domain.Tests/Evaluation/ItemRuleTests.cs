using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using static SanLing.Domain.Tests.Evaluation.Facts;

namespace SanLing.Domain.Tests.Evaluation;

public sealed class Item11PartyOrganisationTests
{
    [Fact]
    public void Attested_pass_and_no_skip_level_petition_passes() =>
        Assert.Equal(ItemVerdict.Pass, Village().Item("1.1").Verdict);

    [Fact]
    public void A_skip_level_petition_fails_it_even_when_attested_pass()
    {
        var item = (Village() with { Petitions = [Petition("XF-2025-013", new DateOnly(2025, 6, 1), PetitionKind.SkipLevel)] }).Item("1.1");
        Assert.Equal(ItemVerdict.Fail, item.Verdict);
        Assert.Contains("越级访 1 件（XF-2025-013）", item.Reason, StringComparison.Ordinal);
        Assert.Contains("年度评定：达标", item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Attested_fail_fails_it_without_any_petition() =>
        Assert.Equal(ItemVerdict.Fail, Village().With("1.1", AttestationResult.Fail).Item("1.1").Verdict);

    [Fact]
    public void Not_attested_and_no_skip_level_petition_is_pending()
    {
        var item = Village().Without("1.1").Item("1.1");
        Assert.Equal(ItemVerdict.Pending, item.Verdict);
        Assert.Equal("1.1 待评定：当年无越级访；年度评定：尚未评定", item.Reason);
    }

    [Fact]
    public void Not_attested_with_a_skip_level_petition_fails() =>
        Assert.Equal(ItemVerdict.Fail, (Village().Without("1.1") with { Petitions = [Petition("XF-1", Dec31, PetitionKind.SkipLevel)] }).Item("1.1").Verdict);

    [Fact]
    public void A_skip_level_petition_of_last_year_does_not_count() =>
        Assert.Equal(ItemVerdict.Pass, (Village() with { Petitions = [Petition("XF-1", new DateOnly(2024, 12, 31), PetitionKind.SkipLevel, PetitionStatus.Resolved, new DateOnly(2024, 12, 31))] }).Item("1.1").Verdict);
}

public sealed class Item12ResponsiblePersonsTests
{
    [Fact]
    public void Both_named_passes() => Assert.Equal(ItemVerdict.Pass, Enterprise().Item("1.2").Verdict);

    [Fact]
    public void Missing_principal_fails_and_says_which()
    {
        var item = (Enterprise() with { HasPrincipal = false }).Item("1.2");
        Assert.Equal(ItemVerdict.Fail, item.Verdict);
        Assert.Equal("1.2 不达标：未明确第一责任人", item.Reason);
    }

    [Fact]
    public void Missing_leader_in_charge_fails() =>
        Assert.Equal(ItemVerdict.Fail, (Enterprise() with { HasLeaderInCharge = false }).Item("1.2").Verdict);
}

public sealed class AttestedItemTests
{
    [Theory]
    [InlineData("1.3")]
    [InlineData("2.1")]
    [InlineData("2.2")]
    [InlineData("2.3")]
    [InlineData("3.2")]
    [InlineData("5.4")]
    [InlineData("6.1")]
    [InlineData("6.2")]
    [InlineData("6.3")]
    [InlineData("7.2")]
    [InlineData("7.3")]
    public void Attested_items_pass_fail_and_pend_by_the_attestation(string code)
    {
        Assert.Equal(ItemVerdict.Pass, Village().Item(code).Verdict);
        Assert.Equal(ItemVerdict.Fail, Village().With(code, AttestationResult.Fail).Item(code).Verdict);
        Assert.Equal(ItemVerdict.Pending, Village().Without(code).Item(code).Verdict);
        // n/a is allowed only for 5.2: elsewhere it must be attested again.
        Assert.Equal(ItemVerdict.Pending, Village().With(code, AttestationResult.NotApplicable).Item(code).Verdict);
    }

    [Fact]
    public void Item_52_may_be_attested_not_applicable()
    {
        var item = Enterprise().With("5.2", AttestationResult.NotApplicable).Item("5.2");
        Assert.Equal(ItemVerdict.NotApplicable, item.Verdict);
        Assert.Equal(SubjectVerdict.Compliant, Enterprise().With("5.2", AttestationResult.NotApplicable).Judge().Verdict);
    }

    [Fact]
    public void Item_73_is_not_applicable_to_enterprises_and_units()
    {
        Assert.Equal(ItemVerdict.NotApplicable, Enterprise().Item("7.3").Verdict);
        Assert.Equal(ItemVerdict.NotApplicable, Facts.Clean(SubjectKind.Unit, 0).Item("7.3").Verdict);
        Assert.Equal("7.3 不适用：本条目不适用于企业", Enterprise().Item("7.3").Reason);
    }
}

public sealed class Item24NoCasesTests
{
    [Fact]
    public void No_case_passes() => Assert.Equal(ItemVerdict.Pass, Village().Item("2.4").Verdict);

    [Fact]
    public void A_case_on_31_december_fails_the_year()
    {
        var item = (Village() with { Cases = [new IncidentFact("AJ-2025-9", Dec31)] }).Item("2.4");
        Assert.Equal(ItemVerdict.Fail, item.Verdict);
        Assert.Contains("AJ-2025-9", item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_on_1_january_of_the_next_year_does_not_count() =>
        Assert.Equal(ItemVerdict.Pass, (Village() with { Cases = [new IncidentFact("AJ-2026-1", new DateOnly(2026, 1, 1))] }).Item("2.4").Verdict);

    [Fact]
    public void A_case_on_1_january_counts() =>
        Assert.Equal(ItemVerdict.Fail, (Village() with { Cases = [new IncidentFact("AJ-2025-1", Jan1)] }).Item("2.4").Verdict);
}

public sealed class MonthsCompleteRuleTests
{
    [Theory]
    [InlineData("3.1")]
    [InlineData("5.1")]
    public void Every_month_complete_passes(string code) => Assert.Equal(ItemVerdict.Pass, Village().Item(code).Verdict);

    [Theory]
    [InlineData("3.1")]
    [InlineData("5.1")]
    public void A_missing_month_fails_a_full_year_and_names_it(string code)
    {
        var months = AllMonths(Year);
        months.Remove(new DateOnly(2025, 3, 1));
        var item = (Village() with { CompleteMonths = months }).Item(code);
        Assert.Equal(ItemVerdict.Fail, item.Verdict);
        Assert.Contains("2025-03", item.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.1")]
    [InlineData("5.1")]
    [InlineData("7.1")]
    public void A_village_without_grids_fails(string code)
    {
        Assert.Equal(ItemVerdict.Fail, Village(grids: 0).Item(code).Verdict);
        Assert.Equal(SubjectVerdict.NonCompliant, Village(grids: 0).Judge().Verdict);
    }

    [Fact]
    public void An_enterprise_without_workshops_is_judged_on_its_own_inspections()
    {
        Assert.Equal(ItemVerdict.Pass, Enterprise().Item("3.1").Verdict);
        Assert.Equal(ItemVerdict.Fail, (Enterprise() with { CompleteMonths = new HashSet<DateOnly>() }).Item("5.1").Verdict);
    }

    [Fact]
    public void Months_before_the_subject_was_established_are_not_required()
    {
        var months = AllMonths(Year).Where(m => m.Month >= 7).ToHashSet();
        var item = (Enterprise() with { EstablishedOn = new DateOnly(2025, 7, 20), CompleteMonths = months }).Item("3.1");
        Assert.Equal(ItemVerdict.Pass, item.Verdict);
        Assert.Contains("应排查 6 个月", item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void As_of_a_date_only_months_already_due_are_required()
    {
        // As of 5 Apr: March is due on 5 Apr, not yet passed; January and February are required.
        var period = new EvaluationPeriod(Year, new DateOnly(2025, 4, 5));
        Assert.Equal([new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1)], period.RequiredMonths(null));
        var twoMonths = new HashSet<DateOnly> { new(2025, 1, 1), new(2025, 2, 1) };
        Assert.Equal(ItemVerdict.Pass, (Village() with { CompleteMonths = twoMonths }).Item("3.1", period).Verdict);
        Assert.Equal(3, new EvaluationPeriod(Year, new DateOnly(2025, 4, 6)).RequiredMonths(null).Count);
    }

    [Fact]
    public void As_of_a_date_a_missing_month_is_pending_since_a_late_inspection_still_counts()
    {
        var period = new EvaluationPeriod(Year, new DateOnly(2025, 6, 30));
        var item = (Village() with { CompleteMonths = new HashSet<DateOnly> { new(2025, 1, 1) } }).Item("3.1", period);
        Assert.Equal(ItemVerdict.Pending, item.Verdict);
        Assert.Contains("尚可补报", item.Reason, StringComparison.Ordinal);
    }
}

public sealed class Item33PetitionsAndDisputesTests
{
    [Fact]
    public void No_petition_and_disputes_resolved_passes() =>
        Assert.Equal(ItemVerdict.Pass, (Village() with { Disputes = [Dispute(new DateOnly(2025, 5, 1), FindingStatus.Resolved, Dec31)] }).Item("3.3").Verdict);

    [Fact]
    public void Petitions_filed_in_the_year_fail_and_are_quoted()
    {
        var facts = Village() with
        {
            Petitions =
            [
                Petition("XF-2025-013", new DateOnly(2025, 2, 1), status: PetitionStatus.Resolved, resolved: new DateOnly(2025, 3, 1)),
                Petition("XF-2025-031", Dec31),
            ],
        };
        Assert.Equal("3.3 不达标：当年新发信访 2 件（XF-2025-013、XF-2025-031）", facts.Item("3.3").Reason);
    }

    [Fact]
    public void A_petition_filed_the_year_before_and_resolved_after_the_next_year_end_fails_both_years()
    {
        var petition = Petition("XF-2024-077", new DateOnly(2024, 11, 20), status: PetitionStatus.Resolved, resolved: new DateOnly(2026, 2, 1));
        var facts = Village() with { Petitions = [petition] };
        Assert.Equal(ItemVerdict.Fail, facts.Item("3.3", new EvaluationPeriod(2024)).Verdict);
        var next = facts.Item("3.3");
        Assert.Equal(ItemVerdict.Fail, next.Verdict);
        Assert.Contains("积案未化解 1 件（XF-2024-077）", next.Reason, StringComparison.Ordinal);
        // Resolved on 1 Feb 2026: nothing is unresolved at the end of 2026.
        Assert.Equal(ItemVerdict.Pass, facts.Item("3.3", new EvaluationPeriod(2026)).Verdict);
    }

    [Fact]
    public void A_backlog_petition_resolved_during_the_year_no_longer_fails_it()
    {
        var facts = Village() with { Petitions = [Petition("XF-2024-077", new DateOnly(2024, 11, 20), status: PetitionStatus.Resolved, resolved: new DateOnly(2025, 2, 1))] };
        Assert.Equal(ItemVerdict.Fail, facts.Item("3.3", new EvaluationPeriod(2024)).Verdict);
        Assert.Equal(ItemVerdict.Pass, facts.Item("3.3").Verdict);
    }

    [Fact]
    public void As_of_a_date_an_open_backlog_petition_is_pending_and_at_year_end_it_fails()
    {
        var facts = Village() with { Petitions = [Petition("XF-2024-078", new DateOnly(2024, 11, 20))] };
        var asOf = facts.Item("3.3", new EvaluationPeriod(Year, new DateOnly(2025, 6, 30)));
        Assert.Equal(ItemVerdict.Pending, asOf.Verdict);
        Assert.Contains("XF-2024-078", asOf.Reason, StringComparison.Ordinal);
        Assert.Equal(ItemVerdict.Fail, facts.Item("3.3").Verdict);
    }

    [Fact]
    public void A_petition_of_last_year_resolved_on_31_december_is_not_backlog() =>
        Assert.Equal(ItemVerdict.Pass, (Village() with { Petitions = [Petition("XF-1", new DateOnly(2024, 11, 20), status: PetitionStatus.Resolved, resolved: new DateOnly(2024, 12, 31))] }).Item("3.3").Verdict);

    [Fact]
    public void A_dispute_resolved_on_31_december_passes_and_on_1_january_fails()
    {
        var month = new DateOnly(2025, 12, 1);
        Assert.Equal(ItemVerdict.Pass, (Village() with { Disputes = [Dispute(month, FindingStatus.Resolved, Dec31)] }).Item("3.3").Verdict);
        Assert.Equal(ItemVerdict.Fail, (Village() with { Disputes = [Dispute(month, FindingStatus.Resolved, new DateOnly(2026, 1, 1))] }).Item("3.3").Verdict);
    }

    [Fact]
    public void An_escalated_dispute_is_not_resolved() =>
        Assert.Equal(ItemVerdict.Fail, (Village() with { Disputes = [Dispute(new DateOnly(2025, 5, 1), FindingStatus.Escalated, new DateOnly(2025, 6, 1))] }).Item("3.3").Verdict);

    [Fact]
    public void A_dispute_found_by_last_years_december_inspection_does_not_count() =>
        Assert.Equal(ItemVerdict.Pass, (Village() with { Disputes = [Dispute(new DateOnly(2024, 12, 1), FindingStatus.Mediating)] }).Item("3.3").Verdict);

    [Fact]
    public void As_of_a_date_an_open_dispute_is_pending_not_failed() =>
        Assert.Equal(ItemVerdict.Pending, (Village() with { Disputes = [Dispute(new DateOnly(2025, 5, 1), FindingStatus.Mediating)] })
            .Item("3.3", new EvaluationPeriod(Year, new DateOnly(2025, 6, 30))).Verdict);
}

public sealed class Item41FollowUpTests
{
    [Fact]
    public void No_key_person_is_not_applicable() => Assert.Equal(ItemVerdict.NotApplicable, Village().Item("4.1").Verdict);

    [Fact]
    public void A_follow_up_in_the_year_passes() =>
        Assert.Equal(ItemVerdict.Pass, (Village() with { KeyPersons = [KeyPerson("ZD-0012", new DateOnly(2020, 1, 1), followUps: [Dec31])] }).Item("4.1").Verdict);

    [Fact]
    public void No_follow_up_fails_and_names_the_number_not_the_person()
    {
        var item = (Village() with { KeyPersons = [KeyPerson("ZD-0012", new DateOnly(2020, 1, 1), followUps: [new DateOnly(2024, 12, 31)])] }).Item("4.1");
        Assert.Equal(ItemVerdict.Fail, item.Verdict);
        Assert.Contains("ZD-0012", item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_person_delisted_mid_year_still_needs_a_follow_up_that_year()
    {
        var person = KeyPerson("ZD-0003", new DateOnly(2019, 5, 1), delisted: new DateOnly(2025, 6, 30));
        Assert.Equal(ItemVerdict.Fail, (Village() with { KeyPersons = [person] }).Item("4.1").Verdict);
        Assert.Equal(ItemVerdict.NotApplicable, (Village() with { KeyPersons = [person] }).Item("4.1", new EvaluationPeriod(2026)).Verdict);
    }

    [Fact]
    public void A_key_person_delisted_on_31_december_of_last_year_is_not_active() =>
        Assert.Equal(ItemVerdict.NotApplicable, (Village() with { KeyPersons = [KeyPerson("ZD-1", new DateOnly(2019, 5, 1), new DateOnly(2024, 12, 31))] }).Item("4.1").Verdict);

    [Fact]
    public void A_key_person_listed_on_1_january_of_next_year_is_not_active() =>
        Assert.Equal(ItemVerdict.NotApplicable, (Village() with { KeyPersons = [KeyPerson("ZD-1", new DateOnly(2026, 1, 1))] }).Item("4.1").Verdict);
}

public sealed class Item42AssistanceTests
{
    private static readonly KeyPersonFact Planned = KeyPerson("ZD-0012", new DateOnly(2020, 1, 1), followUps: [new DateOnly(2025, 3, 1)]);

    [Fact]
    public void No_key_person_is_not_applicable() => Assert.Equal(ItemVerdict.NotApplicable, Village().Item("4.2").Verdict);

    [Fact]
    public void Planned_and_no_offence_passes() => Assert.Equal(ItemVerdict.Pass, (Village() with { KeyPersons = [Planned] }).Item("4.2").Verdict);

    [Fact]
    public void No_plan_fails() =>
        Assert.Equal(ItemVerdict.Fail, (Village() with { KeyPersons = [Planned with { HasPlan = false }] }).Item("4.2").Verdict);

    [Fact]
    public void A_case_whose_offender_is_own_key_person_fails_it()
    {
        var facts = Village() with { KeyPersons = [Planned], CasesByOwnKeyPersons = [new OffenderCaseFact("AJ-2025-4", "ZD-0012", new DateOnly(2025, 8, 1))] };
        var item = facts.Item("4.2");
        Assert.Equal(ItemVerdict.Fail, item.Verdict);
        Assert.Contains("AJ-2025-4/ZD-0012", item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_persons_case_of_last_year_does_not_count() =>
        Assert.Equal(ItemVerdict.Pass, (Village() with { KeyPersons = [Planned], CasesByOwnKeyPersons = [new OffenderCaseFact("AJ-1", "ZD-0012", new DateOnly(2024, 12, 31))] }).Item("4.2").Verdict);
}

public sealed class Item43RentalHouseTests
{
    [Fact]
    public void No_rental_house_is_not_applicable() => Assert.Equal(ItemVerdict.NotApplicable, Village().Item("4.3").Verdict);

    [Fact]
    public void All_registered_by_31_december_passes() =>
        Assert.Equal(ItemVerdict.Pass, (Village() with { RentalHouses = [new RentalHouseFact("CZ-1", true, Dec31)] }).Item("4.3").Verdict);

    [Fact]
    public void Registered_on_1_january_next_year_fails_this_year()
    {
        var item = (Village() with { RentalHouses = [new RentalHouseFact("CZ-1", true, new DateOnly(2026, 1, 1)), new RentalHouseFact("CZ-2", true, Jan1)] }).Item("4.3");
        Assert.Equal(ItemVerdict.Fail, item.Verdict);
        Assert.Contains("出租屋 2 处，已登记备案 1 处（50%）", item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Registered_without_a_date_does_not_count() =>
        Assert.Equal(ItemVerdict.Fail, (Village() with { RentalHouses = [new RentalHouseFact("CZ-1", true, null)] }).Item("4.3").Verdict);
}

public sealed class Item53AccidentsAndHazardsTests
{
    [Fact]
    public void No_accident_and_hazards_rectified_passes() =>
        Assert.Equal(ItemVerdict.Pass, (Enterprise() with { Hazards = [Hazard(new DateOnly(2025, 11, 1), FindingStatus.Rectified, Dec31)] }).Item("5.3").Verdict);

    [Fact]
    public void An_accident_on_31_december_fails_and_one_on_1_january_next_year_does_not()
    {
        Assert.Equal(ItemVerdict.Fail, (Enterprise() with { Accidents = [new IncidentFact("SG-1", Dec31)] }).Item("5.3").Verdict);
        Assert.Equal(ItemVerdict.Pass, (Enterprise() with { Accidents = [new IncidentFact("SG-1", new DateOnly(2026, 1, 1))] }).Item("5.3").Verdict);
    }

    [Fact]
    public void A_hazard_rectified_after_year_end_fails() =>
        Assert.Equal(ItemVerdict.Fail, (Enterprise() with { Hazards = [Hazard(new DateOnly(2025, 11, 1), FindingStatus.Rectified, new DateOnly(2026, 1, 2))] }).Item("5.3").Verdict);

    [Fact]
    public void As_of_a_date_an_open_hazard_is_pending() =>
        Assert.Equal(ItemVerdict.Pending, (Enterprise() with { Hazards = [Hazard(new DateOnly(2025, 3, 1), FindingStatus.Rectifying)] })
            .Item("5.3", new EvaluationPeriod(Year, new DateOnly(2025, 4, 10))).Verdict);
}

public sealed class Item71GridWorkersTests
{
    [Fact]
    public void Every_grid_with_a_worker_passes() => Assert.Equal(ItemVerdict.Pass, Village().Item("7.1").Verdict);

    [Fact]
    public void A_vacant_grid_fails_and_names_it()
    {
        var facts = Village() with { Grids = [new GridFact(1, "G01", true), new GridFact(2, "G02", false)] };
        var item = facts.Item("7.1");
        Assert.Equal(ItemVerdict.Fail, item.Verdict);
        Assert.Contains("G02", item.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Enterprises_are_judged_by_attestation_not_by_workshop_workers()
    {
        var facts = Enterprise(workshops: 1) with { Grids = [new GridFact(1, "CJ01", false)] };
        Assert.Equal(ItemVerdict.Pass, facts.Item("7.1").Verdict);
        Assert.Equal(ItemVerdict.Pending, facts.Without("7.1").Item("7.1").Verdict);
        Assert.Equal(ItemVerdict.Fail, facts.With("7.1", AttestationResult.Fail).Item("7.1").Verdict);
    }
}

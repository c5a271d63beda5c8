using SanLing.Domain.Common;
using SanLing.Domain.Supervision;

namespace SanLing.Domain.Tests;

/// <summary>督办: working days, the card as the clock moves, escalation, answering, closing and returning.</summary>
public sealed class SupervisionRulesTests
{
    // Thursday 26 November 2026; Monday 30 November is a town holiday in these tests.
    private static readonly DateOnly Thursday = new(2026, 11, 26);
    private static readonly DateOnly Holiday = new(2026, 11, 30);
    private static readonly WorkingCalendar Calendar = new([Holiday]);
    private static readonly CardThresholds Thresholds = new(YellowWithinDays: 1, EscalateAfterDays: 2);

    [Fact]
    public void Working_days_skip_the_weekend_and_the_towns_holidays()
    {
        Assert.Equal(new DateOnly(2026, 11, 27), Calendar.AddWorkingDays(Thursday, 1));
        Assert.Equal(new DateOnly(2026, 12, 1), Calendar.AddWorkingDays(Thursday, 2)); // Sat, Sun, Mon (holiday) skipped
        Assert.Equal(new DateOnly(2026, 11, 30), WorkingCalendar.WeekendsOnly.AddWorkingDays(Thursday, 2)); // without the holiday
        Assert.Equal(2, Calendar.WorkingDaysBetween(Thursday, new DateOnly(2026, 12, 1)));
    }

    [Theory]
    [InlineData("2026-11-26", Card.None)]    // Thu: Fri and Tue left
    [InlineData("2026-11-27", Card.Yellow)]  // Fri: one working day left
    [InlineData("2026-11-28", Card.Yellow)]  // Sat
    [InlineData("2026-11-30", Card.Yellow)]  // Mon, a holiday: still one working day left
    [InlineData("2026-12-01", Card.Yellow)]  // Tue: the limit's day
    [InlineData("2026-12-02", Card.Red)]     // Wed: past it
    public void The_card_follows_the_clock_across_the_weekend_and_a_holiday(string day, Card expected)
    {
        var order = SupervisionRules.Issue(NewOrder(limitDays: 2), Thursday, Calendar);
        Assert.Equal(new DateOnly(2026, 12, 1), order.DueOn);
        Assert.Equal(expected, SupervisionRules.CardOf(order, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), Calendar, Thresholds));
    }

    [Fact]
    public void Without_the_holiday_the_same_order_is_due_a_day_earlier_and_red_on_tuesday()
    {
        var order = SupervisionRules.Issue(NewOrder(limitDays: 2), Thursday, WorkingCalendar.WeekendsOnly);
        Assert.Equal(Holiday, order.DueOn);
        Assert.Equal(Card.Red, SupervisionRules.CardOf(order, new DateOnly(2026, 12, 1), WorkingCalendar.WeekendsOnly, Thresholds));
    }

    [Fact]
    public void A_red_card_escalates_after_the_thresholds_working_days_and_not_once_answered()
    {
        var order = SupervisionRules.Issue(NewOrder(limitDays: 2), Thursday, Calendar); // due Tue 1 Dec
        Assert.False(SupervisionRules.IsEscalated(order, new DateOnly(2026, 12, 2), Calendar, Thresholds)); // red one day
        Assert.True(SupervisionRules.IsEscalated(order, new DateOnly(2026, 12, 3), Calendar, Thresholds));  // red two working days
        Assert.Equal(SupervisionRefusal.None, SupervisionRules.Answer(order, "u1", false, "已整改", "grid1", new DateOnly(2026, 12, 4)));
        Assert.False(SupervisionRules.IsEscalated(order, new DateOnly(2026, 12, 10), Calendar, Thresholds));
        // The card stops on the day of the answer: red, since it came late.
        Assert.Equal(Card.Red, SupervisionRules.CardOf(order, new DateOnly(2026, 12, 10), Calendar, Thresholds));
    }

    [Fact]
    public void The_sql_bounds_agree_with_the_card_and_escalation_for_every_due_date()
    {
        var thresholds = new CardThresholds(2, 3);
        for (var today = new DateOnly(2026, 11, 20); today <= new DateOnly(2026, 12, 10); today = today.AddDays(1))
        {
            var bounds = Deadline.BoundsOn(today, Calendar, thresholds);
            for (var due = today.AddDays(-15); due <= today.AddDays(15); due = due.AddDays(1))
            {
                var card = Deadline.CardOn(due, today, Calendar, thresholds);
                Assert.Equal(card == Card.Red, due < bounds.RedIfDueBefore);
                Assert.Equal(card != Card.None, due < bounds.YellowIfDueBefore);
                Assert.Equal(Deadline.IsEscalatedOn(due, today, Calendar, thresholds), due < bounds.EscalatedIfDueBefore);
            }
        }
    }

    [Fact]
    public void Only_the_addressee_answers_and_the_office_only_for_a_leader_without_an_account()
    {
        var order = SupervisionRules.Issue(NewOrder(limitDays: 3), Thursday, Calendar);
        Assert.Equal(SupervisionRefusal.NotYours, SupervisionRules.Answer(order, "someone-else", false, "x", "grid2", Thursday));
        Assert.Equal(SupervisionRefusal.NotYours, SupervisionRules.Answer(order, null, false, "x", "grid2", Thursday));
        Assert.Equal(SupervisionRefusal.NotYours, SupervisionRules.Answer(order, "office-id", true, "代录", "office", Thursday));
        Assert.Equal(SupervisionStatus.Issued, order.Status);
        Assert.Null(order.Answer);

        var leaders = SupervisionRules.Issue(NewOrder(limitDays: 3), Thursday, Calendar);
        leaders.AssigneeUserId = null;
        leaders.AssigneeKind = AssigneeKind.SubjectLeader;
        Assert.Equal(SupervisionRefusal.NotYours, SupervisionRules.Answer(leaders, "u1", false, "x", "grid1", Thursday));
        Assert.Equal(SupervisionRefusal.None, SupervisionRules.Answer(leaders, "office-id", true, "代录：已化解", "office", Thursday));
        Assert.Equal(SupervisionStatus.Answered, leaders.Status);
    }

    [Fact]
    public void Verification_closes_or_sends_back_with_a_reason_and_a_fresh_limit()
    {
        var order = SupervisionRules.Issue(NewOrder(limitDays: 2), Thursday, Calendar);
        Assert.Equal(SupervisionRefusal.WrongStatus, SupervisionRules.Close(order, "office", Thursday)); // nothing answered yet
        SupervisionRules.Answer(order, "u1", false, "已整改", "grid1", new DateOnly(2026, 11, 27));
        Assert.Equal(SupervisionRefusal.None, SupervisionRules.Return(order, "照片不清楚", new DateOnly(2026, 12, 2), Calendar));
        Assert.Equal(SupervisionStatus.Returned, order.Status);
        Assert.Equal("照片不清楚", order.ReturnReason);
        Assert.Equal(new DateOnly(2026, 12, 4), order.DueOn); // two working days from Wed 2 Dec
        Assert.Equal(Card.None, SupervisionRules.CardOf(order, new DateOnly(2026, 12, 2), Calendar, Thresholds));
        Assert.Equal(SupervisionRefusal.WrongStatus, SupervisionRules.Return(order, "again", new DateOnly(2026, 12, 2), Calendar));
        SupervisionRules.Answer(order, "u1", false, "已重新整改", "grid1", new DateOnly(2026, 12, 3));
        Assert.Equal(SupervisionRefusal.None, SupervisionRules.Close(order, "office", new DateOnly(2026, 12, 3)));
        Assert.Equal(SupervisionStatus.Closed, order.Status);
        Assert.Equal(1, order.ReturnCount);
    }

    private static SupervisionOrder NewOrder(int limitDays) => new()
    {
        Source = SupervisionSource.OverdueHazard, SubjectId = 1, AssigneeKind = AssigneeKind.GridWorker, AssigneeUserId = "u1",
        AssigneeName = "王五", Instruction = "请整改", LimitDays = limitDays,
    };
}

/// <summary>The escalated-dispute flow: each transition, its limit, and what may not happen.</summary>
public sealed class EscalatedDisputeRulesTests
{
    private static readonly WorkingCalendar Calendar = new([new DateOnly(2026, 11, 30)]);
    private static readonly DateOnly Wednesday = new(2026, 11, 25);

    [Fact]
    public void A_dispute_waits_two_working_days_for_acceptance_then_three_for_assignment()
    {
        Assert.Equal(new DateOnly(2026, 11, 27), EscalatedDisputeRules.AcceptDueOn(Wednesday, Calendar));
        var d = EscalatedDisputeRules.Accept(7, 3, Wednesday, "office", new DateOnly(2026, 11, 26), Calendar);
        Assert.Equal(DisputeStage.Accepted, d.Stage);
        Assert.Equal(new DateOnly(2026, 12, 2), d.DueOn); // Fri, (weekend, holiday) Tue, Wed
    }

    [Fact]
    public void Each_stage_follows_the_last_and_sets_its_own_limit()
    {
        var d = EscalatedDisputeRules.Accept(7, 3, Wednesday, "office", Wednesday, Calendar);
        Assert.False(EscalatedDisputeRules.Conclude(d, DisputeOutcome.Substantive, "x", "office", Wednesday, Calendar)); // not assigned yet
        Assert.False(EscalatedDisputeRules.Verify(d, Satisfaction.Satisfied, null, false, "office", Wednesday, Calendar));

        Assert.True(EscalatedDisputeRules.Assign(d, "镇司法所", null, 10, Wednesday, Calendar));
        Assert.Equal(DisputeStage.Assigned, d.Stage);
        Assert.Equal(Calendar.AddWorkingDays(Wednesday, 10), d.DueOn);
        Assert.False(EscalatedDisputeRules.Assign(d, "派出所", null, 5, Wednesday, Calendar));

        var concluded = new DateOnly(2026, 12, 3);
        Assert.True(EscalatedDisputeRules.Conclude(d, DisputeOutcome.UnderWatch, "双方情绪稳定，持续稳控", "office", concluded, Calendar));
        Assert.Equal(DisputeStage.Concluded, d.Stage);
        Assert.Equal(Calendar.AddWorkingDays(concluded, EscalatedDisputeRules.VerifyWithinDays), d.DueOn);

        // Sent back: the handler gets its limit again; the satisfaction is recorded anyway.
        Assert.True(EscalatedDisputeRules.Verify(d, Satisfaction.Dissatisfied, "当事人不认可", true, "office", concluded, Calendar));
        Assert.Equal(DisputeStage.Assigned, d.Stage);
        Assert.Equal(1, d.ReturnCount);
        Assert.Equal(Calendar.AddWorkingDays(concluded, 10), d.DueOn);

        Assert.True(EscalatedDisputeRules.Conclude(d, DisputeOutcome.Substantive, "达成调解协议", "office", concluded, Calendar));
        Assert.True(EscalatedDisputeRules.Verify(d, Satisfaction.Satisfied, null, false, "office", concluded, Calendar));
        Assert.Equal(DisputeStage.Verified, d.Stage);
        Assert.Equal(concluded, d.VerifiedOn);
        Assert.Equal(Card.None, EscalatedDisputeRules.CardOf(d, concluded.AddDays(100), Calendar, CardThresholds.Default));
    }

    [Fact]
    public void Stage_cards_run_like_the_orders()
    {
        var d = EscalatedDisputeRules.Accept(7, 3, Wednesday, "office", Wednesday, Calendar); // Thu, Fri, (weekend, holiday) Tue
        Assert.Equal(new DateOnly(2026, 12, 1), d.DueOn);
        Assert.Equal(Card.None, EscalatedDisputeRules.CardOf(d, Wednesday, Calendar, CardThresholds.Default));
        Assert.Equal(Card.Yellow, EscalatedDisputeRules.CardOf(d, new DateOnly(2026, 11, 30), Calendar, CardThresholds.Default));
        Assert.Equal(Card.Red, EscalatedDisputeRules.CardOf(d, new DateOnly(2026, 12, 2), Calendar, CardThresholds.Default));
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Contains(EscalatedDisputeRules.CheckAssign("", 10), v => v.Field == "AssignedTo");
        Assert.Contains(EscalatedDisputeRules.CheckAssign("司法所", 61), v => v.Field == "LimitDays");
        Assert.Contains(EscalatedDisputeRules.CheckConclude(null, "x"), v => v.Field == "Outcome");
        Assert.Contains(EscalatedDisputeRules.CheckVerify(Satisfaction.Satisfied, null, returned: true), v => v.Field == "Note");
        Assert.Empty(EscalatedDisputeRules.CheckVerify(Satisfaction.Satisfied, null, returned: false));
        Assert.Equal("逾期未整改隐患", Terms.Of(SupervisionSource.OverdueHazard));
    }
}

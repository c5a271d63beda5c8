using SanLing.Domain.Inspections;

namespace SanLing.Domain.Tests;

public sealed class CompletenessTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly DateOnly October = new(2026, 10, 1);

    private static MonthState State(MonthSubmissions s, DateOnly? month = null, DateOnly? established = null, DateOnly? dissolved = null) =>
        Completeness.StateOf(month ?? October, established, dissolved, Today, 5, s);

    [Fact]
    public void A_subject_is_complete_only_when_every_grid_submitted()
    {
        Assert.Equal(MonthState.Complete, State(new MonthSubmissions(3, 3, false, 0)));
        Assert.Equal(MonthState.Partial, State(new MonthSubmissions(3, 2, false, 0)));
        Assert.Equal(MonthState.Missing, State(new MonthSubmissions(3, 0, false, 0)));
    }

    [Fact]
    public void A_whole_subject_inspection_does_not_stand_in_for_missing_grids()
    {
        Assert.Equal(MonthState.Missing, State(new MonthSubmissions(2, 0, true, 0)));
    }

    [Fact]
    public void A_subject_without_grids_is_complete_with_its_own_inspection()
    {
        Assert.Equal(MonthState.Complete, State(new MonthSubmissions(0, 0, true, 0)));
        Assert.Equal(MonthState.Missing, State(new MonthSubmissions(0, 0, false, 0)));
    }

    [Fact]
    public void Late_submissions_count_towards_completeness_but_not_timeliness()
    {
        var state = State(new MonthSubmissions(2, 2, false, 1));
        Assert.Equal(MonthState.CompleteLate, state);

        var rate = new ReportingRate().Add(state).Add(State(new MonthSubmissions(2, 2, false, 0))).Add(State(new MonthSubmissions(2, 1, false, 0)));
        Assert.Equal(new ReportingRate(3, 2, 1), rate);
        Assert.Equal(66.7m, rate.CompletenessRate);
        Assert.Equal(33.3m, rate.TimelinessRate);
    }

    [Fact]
    public void Months_before_establishment_from_dissolution_on_and_in_the_future_are_not_required()
    {
        var nothing = new MonthSubmissions(0, 0, false, 0);
        Assert.Equal(MonthState.NotRequired, State(nothing, established: new DateOnly(2026, 11, 3)));
        Assert.Equal(MonthState.Missing, State(nothing, established: new DateOnly(2026, 10, 20)));
        Assert.Equal(MonthState.NotRequired, State(nothing, dissolved: new DateOnly(2026, 10, 1)));
        Assert.Equal(MonthState.Missing, State(nothing, dissolved: new DateOnly(2026, 10, 2)));
        Assert.Equal(MonthState.NotRequired, State(nothing, month: new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void A_month_not_yet_due_is_not_counted_until_its_due_day_has_passed()
    {
        var nothing = new MonthSubmissions(1, 0, false, 0);
        Assert.Equal(MonthState.NotYetDue, State(nothing, month: new DateOnly(2026, 11, 1)));
        Assert.Equal(MonthState.Complete, State(new MonthSubmissions(1, 1, false, 0), month: new DateOnly(2026, 11, 1)));
        Assert.Equal(new ReportingRate(0, 0, 0), new ReportingRate().Add(MonthState.NotYetDue).Add(MonthState.NotRequired));
        Assert.Null(new ReportingRate().CompletenessRate);
        // Complete before the due date: shown complete, but the month enters the rates only once it is due.
        Assert.Equal(new ReportingRate(0, 0, 0), new ReportingRate().Add(MonthState.Complete, due: false));
        // Due on 5 November: on the 5th still open, on the 6th missing.
        Assert.Equal(MonthState.NotYetDue, Completeness.StateOf(October, null, null, new DateOnly(2026, 11, 5), 5, nothing));
        Assert.Equal(MonthState.Missing, Completeness.StateOf(October, null, null, new DateOnly(2026, 11, 6), 5, nothing));
    }
}

using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Tests;

/// <summary>The months a subject must inspect: in a finished year, up to a date, and as a query predicate.</summary>
public sealed class RequiredMonthsTests
{
    private static DateOnly M(int year, int month) => MonthPeriod.Of(year, month);

    [Theory]
    [InlineData(2026, 11, 5, 2026, 9)]   // October is due on 5 November: not yet past
    [InlineData(2026, 11, 6, 2026, 10)]
    [InlineData(2026, 11, 25, 2026, 10)]
    [InlineData(2027, 1, 3, 2026, 11)]   // December of last year is still open on 3 January
    public void The_last_due_month_is_the_latest_whose_due_date_has_passed(int y, int m, int d, int dueYear, int dueMonth) =>
        Assert.Equal(M(dueYear, dueMonth), MonthPeriod.LastDueMonth(new DateOnly(y, m, d), 5));

    [Fact]
    public void A_subject_of_long_standing_owes_every_month_of_a_finished_year() =>
        Assert.Equal(Enumerable.Range(1, 12).Select(m => M(2025, m)), Completeness.RequiredMonths(2025, M(2025, 12), null, null));

    [Fact]
    public void Months_before_the_month_of_establishment_and_from_dissolution_on_are_not_owed()
    {
        var months = Completeness.RequiredMonths(2025, M(2025, 12), new DateOnly(2025, 3, 20), new DateOnly(2025, 9, 1));
        Assert.Equal([M(2025, 3), M(2025, 4), M(2025, 5), M(2025, 6), M(2025, 7), M(2025, 8)], months);
    }

    [Fact]
    public void Up_to_a_month_of_a_later_year_means_the_whole_year_and_before_the_year_means_none()
    {
        Assert.Equal(12, Completeness.RequiredMonths(2025, M(2026, 10), null, null).Count);
        Assert.Empty(Completeness.RequiredMonths(2027, M(2026, 11), null, null));
    }

    [Fact]
    public void As_of_a_date_only_the_months_already_due_are_owed()
    {
        var period = new EvaluationPeriod(2026, new DateOnly(2026, 11, 25));
        Assert.Equal(Enumerable.Range(1, 10).Select(m => M(2026, m)), period.RequiredMonths(null));
        Assert.Equal([M(2026, 9), M(2026, 10)], period.RequiredMonths(new DateOnly(2026, 9, 30)));
        Assert.Equal(12, new EvaluationPeriod(2025).RequiredMonths(null).Count);
    }

    public static TheoryData<DateOnly?, DateOnly?> Datings() => new()
    {
        { null, null },
        { new DateOnly(2025, 3, 1), null },
        { new DateOnly(2025, 3, 31), null },
        { null, new DateOnly(2025, 3, 1) },
        { null, new DateOnly(2025, 3, 2) },
        { new DateOnly(2024, 12, 31), new DateOnly(2025, 4, 30) },
    };

    [Theory]
    [MemberData(nameof(Datings))]
    public void The_query_predicates_agree_with_the_rules_they_stand_for(DateOnly? established, DateOnly? dissolved)
    {
        var subject = new Subject { Code = "S", Name = "S", EstablishedOn = established, DissolvedOn = dissolved };
        for (var day = new DateOnly(2025, 1, 1); day <= new DateOnly(2025, 6, 30); day = day.AddDays(1))
        {
            Assert.Equal(subject.IsActiveOn(day), Subject.ActiveOn(day).Compile()(subject));
        }
        for (var m = 1; m <= 6; m++)
        {
            Assert.Equal(Completeness.IsRequired(M(2025, m), established, dissolved), Completeness.RequiredIn(M(2025, m)).Compile()(subject));
        }
    }
}

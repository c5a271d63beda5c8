using SanLing.Domain.Common;

namespace SanLing.Domain.Tests;

public sealed class MonthPeriodTests
{
    [Fact]
    public void A_month_is_due_on_the_fifth_of_the_next_month() =>
        Assert.Equal(new DateOnly(2025, 4, 5), MonthPeriod.DueDate(MonthPeriod.Of(2025, 3), 5));

    [Fact]
    public void December_is_due_in_january_of_the_next_year() =>
        Assert.Equal(new DateOnly(2026, 1, 5), MonthPeriod.DueDate(MonthPeriod.Of(2025, 12), 5));

    [Fact]
    public void A_due_day_past_the_end_of_a_short_month_falls_on_its_last_day() =>
        Assert.Equal(new DateOnly(2025, 2, 28), MonthPeriod.DueDate(MonthPeriod.Of(2025, 1), 31));

    [Theory]
    [InlineData(2025, 4, 5, false)]
    [InlineData(2025, 4, 6, true)]
    [InlineData(2025, 3, 31, false)]
    public void Submissions_after_the_due_day_are_late(int year, int month, int day, bool late) =>
        Assert.Equal(late, MonthPeriod.IsLate(MonthPeriod.Of(2025, 3), new DateOnly(year, month, day), 5));
}

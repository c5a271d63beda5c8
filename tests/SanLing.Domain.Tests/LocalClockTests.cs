using SanLing.Domain.Common;

namespace SanLing.Domain.Tests;

public sealed class LocalClockTests
{
    private sealed class FixedClock(DateTimeOffset utcNow, TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utcNow;

        public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.CreateCustomTimeZone("town", offset, "town", "town");
    }

    [Fact]
    public void Today_is_the_date_in_the_towns_time_zone_not_in_utc()
    {
        var eveningInUtc = new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 12, 1), new FixedClock(eveningInUtc, TimeSpan.FromHours(8)).Today());
        Assert.Equal(new DateOnly(2026, 11, 30), new FixedClock(eveningInUtc, TimeSpan.Zero).Today());
    }

    [Fact]
    public void The_town_clock_reads_beijing_time_on_a_server_running_in_utc()
    {
        var clock = new TownTimeProvider(LocalClock.ResolveZone(null));
        var runAt = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTime(2026, 12, 1, 9, 0, 0), clock.InTownTime(runAt).DateTime);
        Assert.Equal(TimeSpan.FromHours(8), clock.LocalTimeZone.GetUtcOffset(runAt));
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_rather_than_guessed()
    {
        Assert.Throws<ArgumentException>(() => LocalClock.ResolveZone("Mars/Olympus"));
    }

    [Fact]
    public void A_new_town_has_inspections_due_on_the_fifth()
    {
        Assert.Equal(5, TownRules.DefaultDueDay);
        Assert.Equal(TownRules.DefaultDueDay, new Town { Code = "T", Name = "镇" }.InspectionDueDay);
    }
}

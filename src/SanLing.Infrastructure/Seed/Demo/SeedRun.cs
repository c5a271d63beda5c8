using System.Diagnostics.CodeAnalysis;
using SanLing.Domain.Common;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using static SanLing.Infrastructure.Seed.Demo.DemoWords;

namespace SanLing.Infrastructure.Seed.Demo;

internal enum FaultKind
{
    MissingMonth,
    Case,
    Accident,
    Petition,
    UnresolvedHazard,
    OpenDispute,
    NoFollowUp,
    UnregisteredRental,
    FailedAttestation,
}

/// <summary>The one planned reason a subject fails a year, with the month/grid or item it hits.</summary>
internal sealed class Fault(FaultKind kind)
{
    public FaultKind Kind { get; } = kind;
    public DateOnly Month { get; set; }
    public int UnitIndex { get; set; }
    public string? ItemCode { get; set; }
}

internal sealed class SubjectSeed(Subject subject, double weight)
{
    public Subject Subject { get; } = subject;

    /// <summary>For villages/communities: how many enterprises, people and houses it attracts.</summary>
    public double Weight { get; set; } = weight;

    public bool IsTerritory => Subject.Kind.IsTerritory();

    /// <summary>One of the subjects the demo accounts work in: kept ordinary.</summary>
    public bool IsDemoScope => Array.IndexOf(DemoScopeCodes, Subject.Code) >= 0;

    public bool CanHaveWorkshops { get; init; }
    public bool KeyItemsNotApplicable { get; init; }
    public bool HasVacantGrid { get; set; }

    /// <summary>Fails every year by design (vacant grid or missing responsible person).</summary>
    public bool FailsEveryYear { get; set; }

    public List<Grid> Grids { get; } = [];
    public List<PersonSeed> Persons { get; } = [];
    public List<RentalHouse> Houses { get; } = [];
    public Dictionary<int, Fault> Faults { get; } = [];
}

internal sealed class PersonSeed(KeyPerson person, SubjectSeed owner)
{
    public KeyPerson Person { get; } = person;
    public SubjectSeed Owner { get; } = owner;

    /// <summary>Years with no follow-up visit at all (item 4.1 fails).</summary>
    public HashSet<int> SilentYears { get; } = [];
}

/// <summary>The random source, the calendar and the subjects of one seeding run.</summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Reproducible demo data, not security.")]
internal sealed class SeedRun
{
    /// <summary>Demo data starts in this year (or this year, when today is earlier).</summary>
    public const int FirstSeedYear = 2023;

    /// <summary>The demo town keeps the default due day.</summary>
    public const int DueDay = TownRules.DefaultDueDay;

    private readonly TimeZoneInfo _zone;

    public SeedRun(DateOnly today, TimeZoneInfo zone)
    {
        _zone = zone;
        Today = today;
        LastDay = today.AddDays(-1);
        CurrentYear = today.Year;
        FirstYear = Math.Min(FirstSeedYear, today.Year);
        CurrentMonth = MonthPeriod.Of(today);
        LastDueMonth = MonthPeriod.LastDueMonth(today, DueDay);
        Leaders = Enumerable.Range(0, 6).Select(_ => PersonName()).ToArray();
    }

    public Random Random { get; } = new(DemoTownSeeder.RandomSeed);
    public DateOnly Today { get; }

    /// <summary>Nothing is dated after yesterday: today's work is still to be done.</summary>
    public DateOnly LastDay { get; }

    public int CurrentYear { get; }
    public int FirstYear { get; }
    public DateOnly CurrentMonth { get; }

    /// <summary>The latest month whose inspections are already due.</summary>
    public DateOnly LastDueMonth { get; }

    /// <summary>包案领导: the town leaders petitions are assigned to.</summary>
    public IReadOnlyList<string> Leaders { get; }

    public List<SubjectSeed> Subjects { get; } = [];
    public List<PersonSeed> Persons { get; } = [];
    public Dictionary<SubjectKind, IReadOnlyList<RuleSetItem>> AttestedItems { get; } = [];

    /// <summary>A finished year is judged on 31 Dec; the current one as of today.</summary>
    public DateOnly EvaluationDay(int year) => year < CurrentYear ? new DateOnly(year, 12, 31) : Today;

    public bool Chance(double probability) => Random.NextDouble() < probability;

    public int Between(int min, int max) => Random.Next(min, max + 1);

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    public DateOnly DayBetween(DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(Random.Next(to.DayNumber - from.DayNumber + 1));

    public T WeightedPick<T>(IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = 0.0;
        foreach (var item in items)
        {
            total += weight(item);
        }
        var target = Random.NextDouble() * total;
        foreach (var item in items)
        {
            target -= weight(item);
            if (target < 0)
            {
                return item;
            }
        }
        return items[^1];
    }

    /// <summary>Up to <paramref name="count"/> distinct items, in random order.</summary>
    public List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        var pool = items.ToList();
        count = Math.Min(count, pool.Count);
        for (var i = 0; i < count; i++)
        {
            var j = Random.Next(i, pool.Count);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool.GetRange(0, count);
    }

    /// <summary>A Chinese name: common surnames more often, one or two given characters of one gender.</summary>
    public string PersonName()
    {
        var surname = Surnames[(int)(Math.Pow(Random.NextDouble(), 1.7) * Surnames.Length)];
        var given = Chance(0.5) ? MaleNameChars : FemaleNameChars;
        var first = given[Random.Next(given.Length)];
        var second = given[Random.Next(given.Length)];
        return Chance(0.75) && second != first ? string.Concat(surname, first, second) : string.Concat(surname, first);
    }

    public string Mobile() => $"{Pick(MobilePrefixes)}{Random.Next(100_000_000):00000000}";

    public DateTimeOffset At(DateOnly day, int minuteOfDay)
    {
        var local = day.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minuteOfDay)));
        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }
}

/// <summary>The earlier and the later of two days.</summary>
internal static class SeedDates
{
    internal static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    internal static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

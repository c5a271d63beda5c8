using System.Globalization;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Security;
using static SanLing.Infrastructure.Seed.Demo.DemoWords;
using static SanLing.Infrastructure.Seed.Demo.SeedDates;

namespace SanLing.Infrastructure.Seed.Demo;

/// <summary>Key persons (with valid, encrypted ID numbers and quarterly follow-ups) and rental houses.</summary>
internal static class KeyPopulationBuilder
{
    private const int KeyPersonCount = 150;
    private const int EntityKeyPersons = 24;
    private const int UnplannedKeyPersons = 3;
    private const int TerritoryRentalHouses = 478;

    /// <summary>The key persons without their subject: ID numbers valid (birth date, check digit) and encrypted.</summary>
    internal static List<KeyPerson> BuildKeyPersons(SeedRun run, IdNumberProtector idNumbers)
    {
        var issued = new HashSet<string>(StringComparer.Ordinal);
        var persons = new List<KeyPerson>(KeyPersonCount);
        for (var i = 0; i < KeyPersonCount; i++)
        {
            var category = run.WeightedPick(CategoryWeights, c => c.Weight).Category;
            // The last few were listed in the last weeks and have no assistance plan yet (office work list).
            var recent = i >= KeyPersonCount - UnplannedKeyPersons;
            var listedOn = recent
                ? Max(new DateOnly(run.CurrentYear, 1, 1), run.Today.AddDays(-run.Between(10, 45)))
                : run.DayBetween(new DateOnly(2019, 1, 1), run.LastDay);
            DateOnly? delistedOn = null;
            if (!recent && run.Chance(0.13))
            {
                var day = listedOn.AddDays(run.Between(240, 1400));
                delistedOn = day <= run.LastDay ? day : null;
            }
            var birth = category == KeyPersonCategory.DelinquentYouth
                ? run.DayBetween(new DateOnly(listedOn.Year - 17, 1, 1), new DateOnly(listedOn.Year - 13, 12, 31))
                : run.DayBetween(new DateOnly(1956, 1, 1), new DateOnly(2001, 12, 31));
            string id;
            do
            {
                var first17 = $"{run.Pick(RegionPrefixes)}{birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}{run.Between(1, 999):000}";
                id = first17 + ChineseIdNumber.CheckDigit(first17);
            }
            while (!issued.Add(id));

            var protectedId = idNumbers.Protect(id);
            persons.Add(new KeyPerson
            {
                Number = $"ZD-{i + 1:0000}",
                Name = run.PersonName(),
                IdNumberCipher = protectedId.Cipher,
                IdNumberHash = protectedId.Hash,
                IdNumberMasked = protectedId.Masked,
                Category = category,
                ListedOn = listedOn,
                DelistedOn = delistedOn,
                HasAssistancePlan = !recent,
                AssistancePlan = recent ? null : AssistancePlans[category],
            });
        }
        return persons;
    }

    /// <summary>Most key persons live in villages and communities; a few are employees of enterprises.</summary>
    internal static void AssignKeyPersons(SeedRun run, List<KeyPerson> persons)
    {
        var territories = run.Subjects.Where(s => s.IsTerritory).ToList();
        var employers = run.Subjects.Where(s => !s.IsTerritory && s.CanHaveWorkshops && s.Subject.EstablishedOn is null && s.Subject.DissolvedOn is null).ToList();
        for (var i = 0; i < persons.Count; i++)
        {
            var owner = i < EntityKeyPersons ? run.Pick(employers) : run.WeightedPick(territories, t => t.Weight);
            var person = persons[i];
            person.SubjectId = owner.Subject.Id;
            var helpers = owner.Grids.Where(g => g.WorkerName is not null).ToList();
            person.HelperName = owner.IsTerritory && helpers.Count > 0 ? run.Pick(helpers).WorkerName : owner.Subject.ContactPerson;
            var seed = new PersonSeed(person, owner);
            owner.Persons.Add(seed);
            run.Persons.Add(seed);
        }
    }

    /// <summary>
    /// Rental houses carry no start date, so a house registered after a year counts as unregistered in it:
    /// registrations are dated up to the first seeded year, and the ones never registered sit on subjects
    /// that fail every year anyway (the village with the vacant grid, staff dormitories of nameless enterprises).
    /// </summary>
    internal static void AssignRentalHouses(SeedRun run)
    {
        var territories = run.Subjects.Where(s => s.IsTerritory).ToList();
        var number = 0;
        for (var i = 0; i < TerritoryRentalHouses; i++)
        {
            var owner = run.WeightedPick(territories, t => t.Weight);
            owner.Houses.Add(NewRentalHouse(run, owner, ++number, RentalAddress(run, owner.Subject)));
        }
        foreach (var house in run.Sample(territories.Single(t => t.HasVacantGrid).Houses, 5))
        {
            house.IsRegistered = false;
            house.RegisteredOn = null;
        }

        var dormitoryOwners = run.Subjects.Where(s => !s.IsTerritory && s.Subject.EstablishedOn is null && s.Subject.DissolvedOn is null).ToList();
        foreach (var owner in run.Sample(dormitoryOwners.Where(s => s.FailsEveryYear).ToList(), 5))
        {
            for (var k = run.Between(1, 2); k > 0; k--)
            {
                var house = NewRentalHouse(run, owner, ++number, $"{owner.Subject.Address}员工宿舍{run.Between(1, 6)}号楼");
                house.IsRegistered = false;
                house.RegisteredOn = null;
                owner.Houses.Add(house);
            }
        }
        foreach (var owner in run.Sample(dormitoryOwners.Where(s => s.CanHaveWorkshops && !s.FailsEveryYear).ToList(), 14))
        {
            owner.Houses.Add(NewRentalHouse(run, owner, ++number, $"{owner.Subject.Address}员工宿舍"));
        }
    }

    private static RentalHouse NewRentalHouse(SeedRun run, SubjectSeed owner, int number, string address) => new()
    {
        Number = RentalHouseRules.FormatNumber(number),
        SubjectId = owner.Subject.Id,
        Address = address,
        Landlord = run.PersonName(),
        TenantCount = 1 + (int)(Math.Pow(run.Random.NextDouble(), 2.2) * 12),
        IsRegistered = true,
        RegisteredOn = run.DayBetween(new DateOnly(2018, 3, 1), Min(new DateOnly(run.FirstYear, 12, 31), run.LastDay)),
    };

    private static string RentalAddress(SeedRun run, Subject territory) =>
        territory.Kind == SubjectKind.Village
            ? $"{TownName}{territory.Name}{run.Between(1, 260)}号"
            : $"{TownName}{run.Pick(Roads)}{run.Between(1, 520)}号{run.Between(1, 18)}幢{run.Between(1, 3)}单元{run.Between(1, 18)}0{run.Between(1, 4)}室";

    /// <summary>One visit per quarter while the person is listed (from the first seeded year), except in a planned silent year.</summary>
    internal static void AddFollowUps(SeedRun run, PersonSeed seed)
    {
        var person = seed.Person;
        var start = Max(person.ListedOn, new DateOnly(run.FirstYear, 1, 1));
        var end = Min(person.DelistedOn ?? run.LastDay, run.LastDay);
        for (var quarter = new DateOnly(start.Year, (start.Month - 1) / 3 * 3 + 1, 1); quarter <= end; quarter = quarter.AddMonths(3))
        {
            var from = Max(quarter, start);
            var to = Min(quarter.AddMonths(3).AddDays(-1), end);
            if (from > to || seed.SilentYears.Contains(quarter.Year))
            {
                continue;
            }
            person.FollowUps.Add(new FollowUp
            {
                VisitedOn = run.DayBetween(from, to),
                VisitedBy = run.Chance(0.8) && person.HelperName is not null ? person.HelperName : run.PersonName(),
                Note = run.Pick(FollowUpNotes[person.Category]),
            });
        }
    }
}

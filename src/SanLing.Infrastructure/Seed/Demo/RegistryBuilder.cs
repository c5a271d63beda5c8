using SanLing.Domain.Common;
using SanLing.Domain.Subjects;
using static SanLing.Infrastructure.Seed.Demo.DemoWords;
using static SanLing.Infrastructure.Seed.Demo.SeedDates;

namespace SanLing.Infrastructure.Seed.Demo;

/// <summary>The registry of the demo town: villages, communities, enterprises and units with their grids and workshops.</summary>
internal static class RegistryBuilder
{
    private const int EnterpriseCount = 760;
    private const int UnitCount = 280;

    /// <summary>Villages and communities have 4–8 grids; about a quarter of the larger enterprises and units have workshops or teams.</summary>
    internal static void AddGrids(SeedRun run)
    {
        foreach (var seed in run.Subjects)
        {
            if (seed.IsTerritory)
            {
                AddTerritoryGrids(run, seed);
            }
            else if (run.Chance(seed.CanHaveWorkshops ? 0.28 : 0.02))
            {
                AddWorkshops(run, seed);
            }
        }
    }

    internal static List<SubjectSeed> BuildTerritories(SeedRun run, HashSet<string> names)
    {
        var territories = new List<SubjectSeed>();
        for (var i = 0; i < VillageNames.Length; i++)
        {
            var name = VillageNames[i];
            var subject = NewSubject(run, $"CUN{i + 1:00}", name, SubjectKind.Village, null, $"{TownName}{name}{run.Between(1, 260)}号");
            territories.Add(new SubjectSeed(subject, 0.5 + run.Random.NextDouble()));
            names.Add(name);
        }
        for (var i = 0; i < CommunityNames.Length; i++)
        {
            var name = CommunityNames[i];
            var subject = NewSubject(run, $"SQ{i + 1:00}", name, SubjectKind.Community, null, $"{TownName}{run.Pick(Roads)}{run.Between(1, 520)}号");
            // The town centre holds more shops, offices and rental flats.
            territories.Add(new SubjectSeed(subject, 0.9 + run.Random.NextDouble()));
            names.Add(name);
        }
        // Three villages with industrial zones attract most of the factories.
        foreach (var village in run.Sample(territories.Take(VillageNames.Length).ToList(), 3))
        {
            village.Weight *= 3.5;
        }
        return territories;
    }

    internal static List<SubjectSeed> BuildEnterprises(SeedRun run, List<SubjectSeed> territories, HashSet<string> names)
    {
        var enterprises = new List<SubjectSeed>(EnterpriseCount);
        while (enterprises.Count < EnterpriseCount)
        {
            var territory = run.WeightedPick(territories, t => t.Weight);
            var name = EnterpriseName(run, territory, out var large);
            if (!names.Add(name))
            {
                continue; // taken: draw again
            }
            var code = $"QY{enterprises.Count + 1:0000}";
            var subject = NewSubject(run, code, name, SubjectKind.Enterprise, territory.Subject.Id, EntityAddress(run, territory, large));
            enterprises.Add(new SubjectSeed(subject, 1) { CanHaveWorkshops = large });
        }
        return enterprises;
    }

    internal static List<SubjectSeed> BuildUnits(SeedRun run, List<SubjectSeed> territories, HashSet<string> names)
    {
        var units = new List<SubjectSeed>(UnitCount);
        var centre = territories.Where(t => t.Subject.Kind == SubjectKind.Community).Take(3).ToList();
        // Town-level schools, offices and services sit in the town centre; the rest belong to a village or community.
        foreach (var townUnit in TownUnits)
        {
            names.Add(townUnit);
            units.Add(NewUnit(run, units.Count + 1, townUnit, run.Pick(centre)));
        }
        while (units.Count < UnitCount)
        {
            // Public services follow population more than industry: a flatter spread than enterprises.
            var territory = run.WeightedPick(territories, t => Math.Sqrt(t.Weight));
            var name = UnitName(run, territory);
            if (names.Add(name))
            {
                units.Add(NewUnit(run, units.Count + 1, name, territory));
            }
        }
        return units;
    }

    private static SubjectSeed NewUnit(SeedRun run, int number, string name, SubjectSeed territory)
    {
        var large = Array.Exists(LargeUnitEndings, e => name.EndsWith(e, StringComparison.Ordinal));
        var subject = NewSubject(run, $"DW{number:0000}", name, SubjectKind.Unit, territory.Subject.Id, EntityAddress(run, territory, false));
        // Small units (cultural halls, clinics, service points) often keep no key items: 5.2 is n/a for about half.
        return new SubjectSeed(subject, 1) { CanHaveWorkshops = large, KeyItemsNotApplicable = !large && run.Chance(0.5) };
    }

    private static Subject NewSubject(SeedRun run, string code, string name, SubjectKind kind, int? territoryId, string address)
    {
        var leader = run.PersonName();
        return new Subject
        {
            Code = code,
            Name = name,
            Kind = kind,
            TerritoryId = territoryId,
            PrincipalName = run.PersonName(),
            LeaderInChargeName = leader,
            ContactPerson = run.Chance(0.4) ? leader : run.PersonName(),
            Phone = run.Mobile(),
            Address = address,
        };
    }

    /// <summary>Effective dating, the one village with a vacant grid, and the few subjects lacking a responsible person.</summary>
    internal static void MarkSpecialSubjects(SeedRun run, List<SubjectSeed> territories, List<SubjectSeed> others)
    {
        var ordinary = others.Where(o => !o.IsDemoScope).ToList();
        var dated = run.Sample(ordinary.Where(o => o.Subject.Kind == SubjectKind.Enterprise).ToList(), 10);
        var from = new DateOnly(run.FirstYear + 1, 1, 1);
        var to = Min(new DateOnly(run.CurrentYear - 1, 12, 31), run.LastDay);
        if (from < to)
        {
            for (var i = 0; i < dated.Count; i++)
            {
                if (i < dated.Count / 2)
                {
                    dated[i].Subject.EstablishedOn = run.DayBetween(from, to);
                }
                else
                {
                    dated[i].Subject.DissolvedOn = run.DayBetween(from, to);
                }
            }
        }

        var vacant = run.Pick(territories.Where(t => t.Subject.Kind == SubjectKind.Village && !t.IsDemoScope).ToList());
        vacant.HasVacantGrid = true;
        vacant.FailsEveryYear = true;

        // Item 1.2 fails for these every year: about 1.3 % of enterprises and units.
        var nameless = run.Sample(ordinary.Where(o => o.Subject.EstablishedOn is null && o.Subject.DissolvedOn is null).ToList(), 14);
        for (var i = 0; i < nameless.Count; i++)
        {
            if (i % 3 != 1)
            {
                nameless[i].Subject.LeaderInChargeName = null;
            }
            if (i % 3 != 2)
            {
                nameless[i].Subject.PrincipalName = null;
            }
            nameless[i].FailsEveryYear = true;
        }
    }

    private static string EnterpriseName(SeedRun run, SubjectSeed territory, out bool large)
    {
        var stem = Stem(territory.Subject.Name);
        var r = run.Random.NextDouble();
        large = r < 0.62;
        if (r < 0.44)
        {
            return $"{run.Pick(CompanyPrefixes)}{run.Pick(TradeNames)}{run.Pick(Industries)}有限公司";
        }
        if (r < 0.62)
        {
            return $"{TownName}{run.Pick(TradeNames)}{run.Pick(FactoryProducts)}厂";
        }
        if (r < 0.90)
        {
            var owner = run.Chance(0.5) ? $"{run.PersonName()[0]}记" : run.Pick(TradeNames);
            return $"{stem}{owner}{run.Pick(ShopKinds)}";
        }
        return run.Chance(0.6)
            ? $"{CityName}市{stem}{run.Pick(Crops)}专业合作社"
            : $"{TownName}{run.PersonName()}家庭农场";
    }

    private static string UnitName(SeedRun run, SubjectSeed territory)
    {
        var name = territory.Subject.Name;
        var template = run.Pick(territory.Subject.Kind == SubjectKind.Village ? VillageUnitTemplates : CommunityUnitTemplates);
        return template
            .Replace("{name}", name, StringComparison.Ordinal)
            .Replace("{stem}", Stem(name), StringComparison.Ordinal)
            .Replace("{estate}", run.Pick(EstateStems) + run.Pick(EstateSuffixes), StringComparison.Ordinal);
    }

    private static string EntityAddress(SeedRun run, SubjectSeed territory, bool industrial)
    {
        var t = territory.Subject;
        if (t.Kind == SubjectKind.Community)
        {
            return $"{TownName}{run.Pick(Roads)}{run.Between(1, 520)}号";
        }
        return industrial && run.Chance(0.7)
            ? $"{TownName}{Stem(t.Name)}工业区{run.Pick(IndustrialRoads)}{run.Between(1, 120)}号"
            : $"{TownName}{t.Name}{run.Between(1, 260)}号";
    }

    private static string Stem(string territoryName) =>
        territoryName.EndsWith("社区", StringComparison.Ordinal) ? territoryName[..^2] : territoryName[..^1];

    private static void AddTerritoryGrids(SeedRun run, SubjectSeed seed)
    {
        var count = run.Between(4, 8);
        var vacantIndex = seed.HasVacantGrid ? run.Between(0, count - 1) : -1;
        for (var g = 0; g < count; g++)
        {
            var vacant = g == vacantIndex;
            seed.Grids.Add(new Grid
            {
                Code = $"{seed.Subject.Code}-G{g + 1:00}",
                Name = $"第{Numerals[g]}网格",
                SubjectId = seed.Subject.Id,
                // One grid's worker has left and nobody is assigned yet: 7.1 fails for that village.
                WorkerName = vacant ? null : run.PersonName(),
                WorkerPhone = vacant ? null : run.Mobile(),
            });
        }
    }

    private static void AddWorkshops(SeedRun run, SubjectSeed seed)
    {
        var count = run.Between(2, 4);
        List<string> names;
        if (seed.Subject.Kind == SubjectKind.Enterprise)
        {
            names = ProductionWorkshops.Take(count - 1).ToList();
            names.Add(run.Pick(SupportTeams));
        }
        else
        {
            names = run.Sample(UnitTeams, count);
        }
        for (var i = 0; i < names.Count; i++)
        {
            seed.Grids.Add(new Grid
            {
                Code = $"{seed.Subject.Code}-C{i + 1:00}",
                Name = names[i],
                SubjectId = seed.Subject.Id,
                WorkerName = run.PersonName(),
                WorkerPhone = run.Mobile(),
            });
        }
    }
}

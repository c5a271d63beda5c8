using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.KeyPopulations;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Security;

namespace SanLing.Infrastructure.Seed;

/// <summary>What the demo seed wrote.</summary>
public sealed record DemoSeedSummary(
    int TownId,
    int Villages,
    int Communities,
    int Enterprises,
    int Units,
    int Grids,
    int Inspections,
    int Findings,
    int Petitions,
    int Accidents,
    int Cases,
    int KeyPersons,
    int RentalHouses,
    int Attestations);

/// <summary>
/// Seeds a fictional town (青山镇) with 17 villages, 8 communities, 1000+ enterprises and units and their
/// ledgers from 2023 to today. Everything is drawn from one <see cref="Random"/> with a fixed seed, so the
/// same "today" always gives the same data. Failures are planned per subject and year (one kind of fault
/// each) so the compliance rates come out near the plan's targets, and the current year leaves open
/// disputes, overdue hazards and missing inspections for the office's work lists.
/// </summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Reproducible demo data, not security.")]
public sealed class DemoTownSeeder(SanLingDbContext db, IdNumberProtector idNumbers, TimeProvider clock)
{
    public const int RandomSeed = 2020;

    private const string TownCode = "DEMO";
    private const string TownName = "青山镇";
    private const string CityName = "临江";
    private const int DueDay = Town.DefaultInspectionDueDay;
    private const int FirstSeedYear = 2023;
    private const int EnterpriseCount = 760;
    private const int UnitCount = 280;
    private const int KeyPersonCount = 150;
    private const int EntityKeyPersons = 24;
    private const int UnplannedKeyPersons = 3;
    private const int TerritoryRentalHouses = 478;
    private const int SaveChunk = 10_000;

    /// <summary>The web app's demo accounts work in these two subjects (grid worker, liaison); keep them ordinary.</summary>
    private static readonly string[] DemoScopeCodes = ["CUN01", "QY0001"];

    /// <summary>Seeds the demo town into a database that has no town yet; returns what it wrote.</summary>
    /// <exception cref="InvalidOperationException">A town already exists.</exception>
    public async Task<DemoSeedSummary> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Towns.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("数据库中已有乡镇数据，演示乡镇只能写入空数据库。");
        }

        var run = new SeedRun(clock.Today(), clock.LocalTimeZone);

        // Encrypting the first ID number may create the Data Protection key and the hash key through another
        // DbContext; do it before our transaction holds SQLite's write lock.
        var keyPersons = BuildKeyPersons(run);

        var ownsTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownsTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

        var town = new Town { Code = TownCode, Name = TownName, InspectionDueDay = DueDay };
        db.Towns.Add(town);
        await db.SaveChangesAsync(cancellationToken);

        db.Actor.ActAsSystem(town.Id, "seed-demo");
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.SuppressRowAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        DemoSeedSummary summary;
        try
        {
            await SeedRuleSetAsync(run, cancellationToken);
            await SeedSubjectsAsync(run, cancellationToken);
            var grids = await SeedGridsAsync(run, cancellationToken);
            AssignKeyPersons(run, keyPersons);
            AssignRentalHouses(run);
            PlanFaults(run);
            await SeedKeyPersonsAsync(run, cancellationToken);
            var houses = await SeedRentalHousesAsync(run, cancellationToken);
            var (inspections, findings) = await SeedInspectionsAsync(run, cancellationToken);
            var (petitions, accidents, cases) = await SeedIncidentsAsync(run, cancellationToken);
            var attestations = await SeedAttestationsAsync(run, cancellationToken);

            summary = new DemoSeedSummary(
                town.Id,
                run.Subjects.Count(s => s.Subject.Kind == SubjectKind.Village),
                run.Subjects.Count(s => s.Subject.Kind == SubjectKind.Community),
                run.Subjects.Count(s => s.Subject.Kind == SubjectKind.Enterprise),
                run.Subjects.Count(s => s.Subject.Kind == SubjectKind.Unit),
                grids, inspections, findings, petitions, accidents, cases, run.Persons.Count, houses, attestations);
        }
        finally
        {
            db.SuppressRowAudit = false;
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            db.ChangeTracker.Clear();
        }

        await AuditChain.AppendAsync(db, clock, AuditAction.Seed, nameof(Town), town.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(summary), cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return summary;
    }

    // ---------------------------------------------------------------- rule set and subjects

    private async Task SeedRuleSetAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var ruleSet = DefaultRuleSet.Create2020();
        db.RuleSets.Add(ruleSet);
        await SaveAndClearAsync(cancellationToken);

        foreach (var kind in Enum.GetValues<SubjectKind>())
        {
            run.AttestedItems[kind] = ruleSet.AttestedItemsFor(kind);
        }
    }

    private async Task SeedSubjectsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var territories = BuildTerritories(run, names);
        db.Subjects.AddRange(territories.Select(t => t.Subject));
        // Enterprises and units point at their territory's id.
        await SaveAndClearAsync(cancellationToken);

        var others = BuildEnterprises(run, territories, names);
        others.AddRange(BuildUnits(run, territories, names));
        MarkSpecialSubjects(run, territories, others);
        db.Subjects.AddRange(others.Select(o => o.Subject));
        await SaveAndClearAsync(cancellationToken);

        run.Subjects.AddRange(territories);
        run.Subjects.AddRange(others);
    }

    private static List<SubjectSeed> BuildTerritories(SeedRun run, HashSet<string> names)
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

    private static List<SubjectSeed> BuildEnterprises(SeedRun run, List<SubjectSeed> territories, HashSet<string> names)
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

    private static List<SubjectSeed> BuildUnits(SeedRun run, List<SubjectSeed> territories, HashSet<string> names)
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
    private static void MarkSpecialSubjects(SeedRun run, List<SubjectSeed> territories, List<SubjectSeed> others)
    {
        var ordinary = others.Where(o => !IsDemoScope(o)).ToList();
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

        var vacant = run.Pick(territories.Where(t => t.Subject.Kind == SubjectKind.Village && !IsDemoScope(t)).ToList());
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

    private static bool IsDemoScope(SubjectSeed seed) => Array.IndexOf(DemoScopeCodes, seed.Subject.Code) >= 0;

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

    // ---------------------------------------------------------------- grids

    private async Task<int> SeedGridsAsync(SeedRun run, CancellationToken cancellationToken)
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
        var grids = run.Subjects.SelectMany(s => s.Grids).ToList();
        db.Grids.AddRange(grids);
        await SaveAndClearAsync(cancellationToken);
        return grids.Count;
    }

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

    // ---------------------------------------------------------------- key persons and rental houses

    /// <summary>The key persons without their subject: ID numbers valid (birth date, check digit) and encrypted.</summary>
    private List<KeyPerson> BuildKeyPersons(SeedRun run)
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
    private static void AssignKeyPersons(SeedRun run, List<KeyPerson> persons)
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
    private static void AssignRentalHouses(SeedRun run)
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
        Number = $"CZ-{number:0000}",
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

    private async Task SeedKeyPersonsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        foreach (var seed in run.Persons)
        {
            AddFollowUps(run, seed);
        }
        db.KeyPersons.AddRange(run.Persons.Select(p => p.Person));
        await SaveAndClearAsync(cancellationToken);
    }

    /// <summary>One visit per quarter while the person is listed (from the first seeded year), except in a planned silent year.</summary>
    private static void AddFollowUps(SeedRun run, PersonSeed seed)
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

    private async Task<int> SeedRentalHousesAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var houses = run.Subjects.SelectMany(s => s.Houses).OrderBy(h => h.Number, StringComparer.Ordinal).ToList();
        db.RentalHouses.AddRange(houses);
        await SaveAndClearAsync(cancellationToken);
        return houses.Count;
    }

    // ---------------------------------------------------------------- fault plan

    /// <summary>
    /// Decides which subjects fail which year and why. Most subject-years are clean; a controlled number get
    /// exactly one kind of fault, so the rates land near the targets: about 2 of 25 villages/communities and
    /// 4–6 % of enterprises/units fail each year, improving year by year.
    /// </summary>
    private static void PlanFaults(SeedRun run)
    {
        for (var year = run.FirstYear; year <= run.CurrentYear; year++)
        {
            var day = run.EvaluationDay(year);
            var evaluated = run.Subjects.Where(s => s.Subject.IsActiveOn(day)).ToList();
            var territories = evaluated.Where(s => s.IsTerritory && !s.FailsEveryYear).ToList();
            var entities = evaluated.Where(s => !s.IsTerritory && !s.FailsEveryYear).ToList();

            // The current year has had only part of its incidents so far.
            var elapsed = year == run.CurrentYear ? run.Today.DayOfYear / 365.0 : 1;
            var territoryFaults = year == run.FirstYear || year == run.CurrentYear ? 2 : 1;
            var entityRate = year == run.CurrentYear ? 0.03
                : year == run.FirstYear ? 0.05
                : year == run.FirstYear + 1 ? 0.04
                : 0.022;
            foreach (var seed in run.Sample(territories, (int)Math.Round(territoryFaults * elapsed)))
            {
                PlanFault(run, seed, year);
            }
            foreach (var seed in run.Sample(entities, (int)Math.Round(entities.Count * entityRate * elapsed)))
            {
                PlanFault(run, seed, year);
            }
            // Subjects failing every year anyway carry extra incidents: more to see, no change to the rates.
            foreach (var seed in evaluated.Where(s => s.FailsEveryYear))
            {
                if (run.Chance((seed.IsTerritory ? 0.9 : 0.5) * elapsed))
                {
                    PlanFault(run, seed, year);
                }
            }
        }
    }

    private static void PlanFault(SeedRun run, SubjectSeed seed, int year)
    {
        var months = Completeness.RequiredMonths(year, run.LastDueMonth, seed.Subject.EstablishedOn, seed.Subject.DissolvedOn);
        var lateMonths = months.Skip(Math.Max(0, months.Count - 4)).ToList();
        var yearStart = new DateOnly(year, 1, 1);
        var quiet = seed.Persons.Where(p => p.Person.IsActiveIn(yearStart, new DateOnly(year, 12, 31))
            && Max(p.Person.ListedOn, yearStart) <= run.LastDay).ToList();
        var registered = seed.Houses.Where(h => h.IsRegistered).ToList();
        var territory = seed.IsTerritory;

        var options = new List<(FaultKind Kind, int Weight)>
        {
            (FaultKind.Case, territory ? 12 : 14),
            (FaultKind.Accident, territory ? 12 : 20),
            (FaultKind.Petition, territory ? 22 : 14),
        };
        if (months.Count > 0)
        {
            options.Add((FaultKind.MissingMonth, territory ? 10 : 12));
            options.Add((FaultKind.UnresolvedHazard, territory ? 10 : 12));
            options.Add((FaultKind.OpenDispute, territory ? 12 : 4));
        }
        if (quiet.Count > 0)
        {
            options.Add((FaultKind.NoFollowUp, territory ? 8 : 6));
        }
        // A late registration fails every earlier year too (houses carry no start date): only the first year.
        if (year == run.FirstYear && registered.Count > 0 && new DateOnly(year + 1, 1, 8) <= run.LastDay)
        {
            options.Add((FaultKind.UnregisteredRental, territory ? 8 : 4));
        }
        if (year < run.CurrentYear)
        {
            options.Add((FaultKind.FailedAttestation, territory ? 12 : 14));
        }

        var fault = new Fault(run.WeightedPick(options, o => o.Weight).Kind);
        switch (fault.Kind)
        {
            case FaultKind.MissingMonth:
                fault.Month = run.Pick(months);
                fault.UnitIndex = run.Random.Next(Math.Max(1, seed.Grids.Count));
                break;
            case FaultKind.UnresolvedHazard:
            case FaultKind.OpenDispute:
                fault.Month = run.Pick(lateMonths);
                fault.UnitIndex = run.Random.Next(Math.Max(1, seed.Grids.Count));
                break;
            case FaultKind.NoFollowUp:
                run.Pick(quiet).SilentYears.Add(year);
                break;
            case FaultKind.UnregisteredRental:
                var house = run.Pick(registered);
                house.RegisteredOn = run.DayBetween(new DateOnly(year + 1, 1, 8), Min(new DateOnly(year + 1, 3, 31), run.LastDay));
                break;
            case FaultKind.FailedAttestation:
                fault.ItemCode = run.Pick(run.AttestedItems[seed.Subject.Kind]).Code;
                break;
        }
        seed.Faults[year] = fault;
    }

    // ---------------------------------------------------------------- inspections and findings

    private async Task<(int Inspections, int Findings)> SeedInspectionsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var inspections = new List<Inspection>(80_000);
        var recent = new List<(Inspection Inspection, SubjectSeed Subject)>();
        var recentFrom = run.CurrentMonth.AddMonths(-4);
        foreach (var seed in run.Subjects)
        {
            var units = seed.Grids.Count > 0 ? seed.Grids.ConvertAll(g => (Grid?)g) : [null];
            for (var month = MonthPeriod.Of(run.FirstYear, 1); month <= run.CurrentMonth; month = month.AddMonths(1))
            {
                if (!Completeness.IsRequired(month, seed.Subject.EstablishedOn, seed.Subject.DissolvedOn))
                {
                    continue;
                }
                seed.Faults.TryGetValue(month.Year, out var fault);
                for (var u = 0; u < units.Count; u++)
                {
                    var targeted = fault is not null && fault.Month == month && fault.UnitIndex == u;
                    if (targeted && fault!.Kind == FaultKind.MissingMonth)
                    {
                        continue;
                    }
                    // A few of last month's inspections are overdue: the office's chase list.
                    if (!targeted && month == run.LastDueMonth && month.Year == run.CurrentYear && run.Chance(0.006))
                    {
                        continue;
                    }
                    var inspection = NewInspection(run, seed, units[u], month, targeted);
                    if (inspection is null)
                    {
                        continue;
                    }
                    var inMonth = inspection.InspectedOn < month.AddMonths(1);
                    if (inMonth)
                    {
                        AddRoutineFindings(run, seed, inspection);
                    }
                    if (targeted)
                    {
                        inspection.Findings.Add(FaultFinding(run, seed, inspection, fault!.Kind));
                    }
                    if (inMonth && month >= recentFrom && month.Year == run.CurrentYear)
                    {
                        recent.Add((inspection, seed));
                    }
                    inspections.Add(inspection);
                }
            }
        }
        AddWorkListFindings(run, recent);

        var findings = 0;
        foreach (var inspection in inspections)
        {
            inspection.NothingFound = inspection.Findings.Count == 0;
            findings += inspection.Findings.Count;
        }
        await AddInChunksAsync(db.Inspections, inspections, cancellationToken);
        return (inspections.Count, findings);
    }

    /// <summary>
    /// One grid's (or the subject's) inspection of a month, or null when it has not been done yet. Most are
    /// inspected late in the month or early the next, about 3 % after the due day; months not yet due are
    /// mostly still open.
    /// </summary>
    private static Inspection? NewInspection(SeedRun run, SubjectSeed seed, Grid? grid, DateOnly month, bool inMonth)
    {
        var due = MonthPeriod.DueDate(month, DueDay);
        var monthEnd = month.AddMonths(1).AddDays(-1);
        DateOnly inspectedOn;
        if (due >= run.Today)
        {
            var share = month == run.CurrentMonth ? (IsDemoScope(seed) ? 0 : 0.12) : 0.75;
            if (month > run.LastDay || !run.Chance(share))
            {
                return null;
            }
            inspectedOn = run.DayBetween(Min(month.AddDays(14), run.LastDay), Min(due, run.LastDay));
        }
        else
        {
            var r = run.Random.NextDouble();
            if (!inMonth && r < 0.03)
            {
                inspectedOn = Min(due.AddDays(run.Between(1, 12)), run.LastDay);
            }
            else if (inMonth || r < 0.78)
            {
                inspectedOn = run.DayBetween(month.AddDays(17), monthEnd);
            }
            else
            {
                inspectedOn = run.DayBetween(monthEnd.AddDays(1), due);
            }
        }
        return new Inspection
        {
            SubjectId = seed.Subject.Id,
            GridId = grid?.Id,
            Month = month,
            InspectedOn = inspectedOn,
            Inspector = grid?.WorkerName ?? seed.Subject.ContactPerson,
            Status = InspectionStatus.Submitted,
            SubmittedAt = run.At(inspectedOn, run.Between(8 * 60 + 30, 19 * 60 + 30)),
            IsLate = MonthPeriod.IsLate(month, inspectedOn, DueDay),
        };
    }

    /// <summary>Everyday findings, closed within days and never after the year's end (so they do not fail the year).</summary>
    private static void AddRoutineFindings(SeedRun run, SubjectSeed seed, Inspection inspection)
    {
        if (!run.Chance(seed.IsTerritory ? 0.10 : 0.02))
        {
            return;
        }
        var yearEnd = new DateOnly(inspection.Month.Year, 12, 31);
        for (var k = run.Chance(0.25) ? 2 : 1; k > 0; k--)
        {
            var found = inspection.InspectedOn;
            var isDispute = run.Chance(seed.IsTerritory ? 0.6 : 0.2);
            var finding = isDispute ? NewDispute(run, seed) : NewHazard(run, seed, found, run.Pick(RectifyDays));
            var closed = Min(found.AddDays(isDispute ? run.Between(1, 25) : run.Between(1, finding.RectifyBy!.Value.DayNumber - found.DayNumber)), yearEnd);
            Close(run, finding, closed);
            inspection.Findings.Add(finding);
        }
    }

    /// <summary>The planned failure of a subject-year: a hazard or dispute still open on 31 Dec (or now, this year).</summary>
    private static Finding FaultFinding(SeedRun run, SubjectSeed seed, Inspection inspection, FaultKind kind)
    {
        var found = inspection.InspectedOn;
        var year = inspection.Month.Year;
        var finding = kind == FaultKind.UnresolvedHazard
            ? NewHazard(run, seed, found, run.Between(20, 45))
            : NewDispute(run, seed);
        if (kind == FaultKind.UnresolvedHazard && run.Chance(0.5))
        {
            finding.RiskLevel = RiskLevel.Larger;
        }
        if (year == run.CurrentYear)
        {
            finding.RiskOfCriminalEscalation = kind == FaultKind.OpenDispute && run.Chance(0.2);
            return finding;
        }
        if (kind == FaultKind.OpenDispute && run.Chance(0.35))
        {
            // 上报: handed to the town; never resolved at this level.
            finding.Status = FindingStatus.Escalated;
            return finding;
        }
        Close(run, finding, run.DayBetween(new DateOnly(year + 1, 1, 5), new DateOnly(year + 1, 3, 31)));
        return finding;
    }

    /// <summary>Resolves/rectifies a finding on that day, or leaves it open when the day has not come yet.</summary>
    private static void Close(SeedRun run, Finding finding, DateOnly day)
    {
        if (day > run.LastDay)
        {
            return;
        }
        finding.ClosedOn = day;
        if (finding.Type == FindingType.Dispute)
        {
            finding.Status = FindingStatus.Resolved;
            finding.ResolutionMethod = run.WeightedPick(ResolutionWeights, w => w.Weight).Method;
        }
        else
        {
            finding.Status = FindingStatus.Rectified;
        }
    }

    private static Finding NewDispute(SeedRun run, SubjectSeed seed)
    {
        var weights = seed.Subject.Kind switch
        {
            SubjectKind.Village => VillageDisputeWeights,
            SubjectKind.Community => CommunityDisputeWeights,
            _ => EntityDisputeWeights,
        };
        var category = run.WeightedPick(weights, w => w.Weight).Category;
        var parties = category switch
        {
            DisputeCategory.Wages => seed.IsTerritory
                ? $"{run.PersonName()}等{run.Between(2, 9)}人与{run.PersonName()}"
                : $"{run.PersonName()}等{run.Between(1, 12)}名员工与{seed.Subject.Name}",
            DisputeCategory.Property => $"{run.Between(2, 30)}户业主与{run.Pick(EstateStems)}{run.Pick(EstateSuffixes)}物业",
            _ => $"{run.PersonName()}与{run.PersonName()}",
        };
        return new Finding
        {
            Type = FindingType.Dispute,
            DisputeCategory = category,
            Description = run.Pick(DisputeDescriptions[category]),
            Parties = parties,
            Status = FindingStatus.Mediating,
        };
    }

    private static Finding NewHazard(SeedRun run, SubjectSeed seed, DateOnly found, int daysToRectify)
    {
        var weights = seed.Subject.Kind switch
        {
            SubjectKind.Enterprise => EnterpriseHazardWeights,
            SubjectKind.Unit => UnitHazardWeights,
            _ => TerritoryHazardWeights,
        };
        var category = run.WeightedPick(weights, w => w.Weight).Category;
        var r = run.Random.NextDouble();
        return new Finding
        {
            Type = FindingType.Hazard,
            HazardCategory = category,
            Description = run.Pick(HazardDescriptions[category]),
            RiskLevel = r < 0.8 ? RiskLevel.General : r < 0.97 ? RiskLevel.Larger : RiskLevel.Major,
            RectifyBy = found.AddDays(daysToRectify),
            Status = FindingStatus.Rectifying,
        };
    }

    /// <summary>Open disputes (some at risk of escalating) and overdue hazards of the last months, for the office's daily list.</summary>
    private static void AddWorkListFindings(SeedRun run, List<(Inspection Inspection, SubjectSeed Subject)> recent)
    {
        var territorial = recent.Where(r => r.Subject.IsTerritory).ToList();
        var disputes = run.Sample(territorial, 7);
        for (var i = 0; i < disputes.Count; i++)
        {
            var dispute = NewDispute(run, disputes[i].Subject);
            dispute.RiskOfCriminalEscalation = i is 0 or 1;
            dispute.RiskOfGroupIncident = i is 2 or 3;
            if (i == 4)
            {
                dispute.Status = FindingStatus.Escalated;
            }
            disputes[i].Inspection.Findings.Add(dispute);
        }

        var ripe = recent.Where(r => r.Inspection.InspectedOn.DayNumber <= run.Today.DayNumber - 20).ToList();
        foreach (var (inspection, subject) in run.Sample(ripe, 8))
        {
            var found = inspection.InspectedOn;
            var hazard = NewHazard(run, subject, found, run.Between(7, Math.Min(15, run.Today.DayNumber - found.DayNumber - 2)));
            inspection.Findings.Add(hazard);
        }
    }

    // ---------------------------------------------------------------- petitions, accidents, cases

    private async Task<(int Petitions, int Accidents, int Cases)> SeedIncidentsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var petitions = new List<Petition>();
        var accidents = new List<Accident>();
        var cases = new List<SecurityCase>();
        for (var year = run.FirstYear; year <= run.CurrentYear; year++)
        {
            var yearPetitions = new List<Petition>();
            var yearAccidents = new List<Accident>();
            var yearCases = new List<(SecurityCase Case, SubjectSeed Subject)>();
            foreach (var seed in run.Subjects)
            {
                if (!seed.Faults.TryGetValue(year, out var fault))
                {
                    continue;
                }
                switch (fault.Kind)
                {
                    case FaultKind.Petition:
                        for (var k = run.Chance(seed.IsTerritory ? 0.4 : 0.15) ? 2 : 1; k > 0; k--)
                        {
                            yearPetitions.Add(NewPetition(run, seed, year));
                        }
                        break;
                    case FaultKind.Accident:
                        for (var k = run.Chance(0.15) ? 2 : 1; k > 0; k--)
                        {
                            yearAccidents.Add(NewAccident(run, seed, year));
                        }
                        break;
                    case FaultKind.Case:
                        for (var k = run.Chance(0.2) ? 2 : 1; k > 0; k--)
                        {
                            yearCases.Add((NewCase(run, seed, year), seed));
                        }
                        break;
                }
            }
            if (year == run.CurrentYear - 1 && yearPetitions.Count > 0 && yearPetitions.TrueForAll(p => p.Status == PetitionStatus.Resolved))
            {
                // At least one of last year's petitions is still open: a backlog case (积案) on this year's list.
                var latest = yearPetitions.MaxBy(p => p.OccurredOn)!;
                latest.Status = PetitionStatus.Handling;
                latest.ResolvedOn = null;
            }
            LinkOffenders(run, year, yearCases);
            FlagIncidents(run, yearPetitions, yearAccidents, yearCases.ConvertAll(c => c.Case));

            petitions.AddRange(Numbered(yearPetitions, "XF", year));
            accidents.AddRange(Numbered(yearAccidents, "SG", year));
            cases.AddRange(Numbered(yearCases.ConvertAll(c => c.Case), "AJ", year));
        }
        db.Petitions.AddRange(petitions);
        db.Accidents.AddRange(accidents);
        db.Cases.AddRange(cases);
        await SaveAndClearAsync(cancellationToken);
        return (petitions.Count, accidents.Count, cases.Count);
    }

    /// <summary>Numbers a year's ledger in date order: XF-2025-001, XF-2025-002…</summary>
    private static List<T> Numbered<T>(List<T> incidents, string prefix, int year) where T : Incident
    {
        var ordered = incidents.OrderBy(i => i.OccurredOn).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Number = $"{prefix}-{year}-{i + 1:000}";
        }
        return ordered;
    }

    private static Petition NewPetition(SeedRun run, SubjectSeed seed, int year)
    {
        var date = IncidentDate(run, seed.Subject, year);
        var r = run.Random.NextDouble();
        var kind = r < 0.45 ? PetitionKind.Individual : r < 0.65 ? PetitionKind.Collective : r < 0.85 ? PetitionKind.Repeated : PetitionKind.SkipLevel;
        var petition = new Petition
        {
            Number = "",
            SubjectId = seed.Subject.Id,
            OccurredOn = date,
            Kind = kind,
            PetitionerCount = kind switch
            {
                PetitionKind.Collective => run.Between(5, 40),
                PetitionKind.Individual => 1,
                _ => run.Between(1, 4),
            },
            Matter = run.Pick(seed.Subject.Kind switch
            {
                SubjectKind.Enterprise => EnterprisePetitionMatters,
                SubjectKind.Unit => UnitPetitionMatters,
                _ => TerritoryPetitionMatters,
            }),
            LeaderInCharge = run.Pick(run.Leaders),
        };

        DateOnly? resolved;
        if (year < run.CurrentYear)
        {
            // Most are resolved in the year; some early next year; a few of last year's are still open (积案 now).
            var s = run.Random.NextDouble();
            resolved = s < 0.55 ? Min(date.AddDays(run.Between(7, 60)), new DateOnly(year, 12, 31))
                : s < 0.75 || year < run.CurrentYear - 1 ? run.DayBetween(new DateOnly(year + 1, 1, 10), new DateOnly(year + 1, 4, 30))
                : null;
        }
        else
        {
            var age = run.LastDay.DayNumber - date.DayNumber;
            resolved = age >= 10 && run.Chance(0.5) ? date.AddDays(run.Between(5, age)) : null;
        }
        if (resolved is { } day && day <= run.LastDay)
        {
            petition.Status = PetitionStatus.Resolved;
            petition.ResolvedOn = day;
        }
        else
        {
            petition.Status = run.LastDay.DayNumber - date.DayNumber < 10 ? PetitionStatus.Received
                : run.Chance(0.25) ? PetitionStatus.Escalated
                : PetitionStatus.Handling;
        }
        return petition;
    }

    private static Accident NewAccident(SeedRun run, SubjectSeed seed, int year)
    {
        var weights = seed.Subject.Kind switch
        {
            SubjectKind.Enterprise => EnterpriseAccidentWeights,
            SubjectKind.Unit => UnitAccidentWeights,
            _ => TerritoryAccidentWeights,
        };
        var category = run.WeightedPick(weights, w => w.Weight).Category;
        return new Accident
        {
            Number = "",
            SubjectId = seed.Subject.Id,
            OccurredOn = IncidentDate(run, seed.Subject, year),
            Category = category,
            Deaths = run.Chance(0.06) ? 1 : 0,
            Injuries = run.Between(0, 3),
            LossTenThousandYuan = Math.Round((decimal)(0.2 + Math.Pow(run.Random.NextDouble(), 2) * 40), 2),
            Summary = run.Pick(AccidentSummaries[category]),
        };
    }

    private static SecurityCase NewCase(SeedRun run, SubjectSeed seed, int year)
    {
        var kind = run.Chance(0.35) ? CaseKind.Criminal : CaseKind.PublicSecurity;
        return new SecurityCase
        {
            Number = "",
            SubjectId = seed.Subject.Id,
            OccurredOn = IncidentDate(run, seed.Subject, year),
            Kind = kind,
            Facts = run.Pick(CaseFacts[kind]),
        };
    }

    /// <summary>
    /// One or two cases a year were committed by a listed key person (item 4.2 of the person's subject). When
    /// the person belongs to another subject, it is one that fails that year anyway, so the rates stay as planned.
    /// </summary>
    private static void LinkOffenders(SeedRun run, int year, List<(SecurityCase Case, SubjectSeed Subject)> cases)
    {
        foreach (var (securityCase, seed) in run.Sample(cases, run.Between(1, 2)))
        {
            var day = securityCase.OccurredOn;
            var pool = seed.Persons.Where(p => IsListedOn(p.Person, day)).ToList();
            if (pool.Count == 0 || run.Chance(0.4))
            {
                var others = run.Persons.Where(p => p.Owner != seed && IsListedOn(p.Person, day)
                    && (p.Owner.FailsEveryYear || p.Owner.Faults.ContainsKey(year))).ToList();
                if (others.Count > 0)
                {
                    pool = others;
                }
            }
            if (pool.Count == 0)
            {
                continue;
            }
            securityCase.OffenderKeyPersonId = run.Pick(pool).Person.Id;
            securityCase.Facts = "涉案人员系列管重点人员，" + securityCase.Facts;
        }
    }

    private static bool IsListedOn(KeyPerson person, DateOnly day) =>
        person.ListedOn <= day && (person.DelistedOn is null || person.DelistedOn >= day);

    /// <summary>1–2 major incidents a year (accountability review) and a few impactful ones (one-vote veto).</summary>
    private static void FlagIncidents(SeedRun run, List<Petition> petitions, List<Accident> accidents, List<SecurityCase> cases)
    {
        var all = new List<Incident>(petitions.Count + accidents.Count + cases.Count);
        all.AddRange(accidents);
        all.AddRange(petitions);
        all.AddRange(cases);
        if (all.Count == 0)
        {
            return;
        }
        var serious = all.Where(i => i is Accident { Deaths: > 0 } or Petition { Kind: PetitionKind.Collective } or SecurityCase { Kind: CaseKind.Criminal }).ToList();
        foreach (var incident in run.Sample(serious.Count > 0 ? serious : all, run.Between(1, 2)))
        {
            incident.IsMajor = true;
            incident.IsImpactful = true;
            if (incident is Accident accident)
            {
                accident.Deaths = Math.Max(accident.Deaths, 1);
                accident.LossTenThousandYuan += 50;
            }
        }
        foreach (var incident in run.Sample(all.Where(i => !i.IsMajor).ToList(), run.Between(1, 3)))
        {
            incident.IsImpactful = true;
        }
    }

    /// <summary>A day of the year on which the subject existed, not after yesterday.</summary>
    private static DateOnly IncidentDate(SeedRun run, Subject subject, int year)
    {
        var from = Max(new DateOnly(year, 1, 1), subject.EstablishedOn ?? DateOnly.MinValue);
        var to = Min(new DateOnly(year, 12, 31), run.LastDay);
        return to < from ? from : run.DayBetween(from, to);
    }

    // ---------------------------------------------------------------- attestations

    /// <summary>
    /// The office's annual judgement of every attested item for every finished year: pass, fail where planned,
    /// n/a for 5.2 where the unit keeps no key items; about 1 % of last year's subjects are not assessed yet.
    /// </summary>
    private async Task<int> SeedAttestationsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var attestations = new List<Attestation>(45_000);
        for (var year = run.FirstYear; year < run.CurrentYear; year++)
        {
            var evaluated = run.Subjects.Where(s => s.Subject.IsActiveOn(new DateOnly(year, 12, 31))).ToList();
            var pending = new HashSet<SubjectSeed>();
            if (year == run.CurrentYear - 1)
            {
                var clean = evaluated.Where(s => !s.IsTerritory && !s.FailsEveryYear && !s.Faults.ContainsKey(year)).ToList();
                pending.UnionWith(run.Sample(clean, (int)Math.Round(evaluated.Count * 0.01)));
            }
            foreach (var seed in evaluated)
            {
                if (pending.Contains(seed))
                {
                    continue;
                }
                seed.Faults.TryGetValue(year, out var fault);
                foreach (var item in run.AttestedItems[seed.Subject.Kind])
                {
                    var attestation = new Attestation { SubjectId = seed.Subject.Id, Year = year, ItemCode = item.Code, Result = AttestationResult.Pass };
                    if (fault is { Kind: FaultKind.FailedAttestation } && fault.ItemCode == item.Code)
                    {
                        attestation.Result = AttestationResult.Fail;
                        attestation.Note = FailNotes.GetValueOrDefault(item.Code, "年度考核未达到创建要求");
                    }
                    else if (item.AllowsNotApplicable && seed.KeyItemsNotApplicable)
                    {
                        attestation.Result = AttestationResult.NotApplicable;
                        attestation.Note = "本单位无重点物品";
                    }
                    attestations.Add(attestation);
                }
            }
        }
        await AddInChunksAsync(db.Attestations, attestations, cancellationToken);
        return attestations.Count;
    }

    // ---------------------------------------------------------------- saving

    private async Task SaveAndClearAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        // The seeder keeps its own references; a small tracker keeps each batch fast.
        db.ChangeTracker.Clear();
    }

    private async Task AddInChunksAsync<T>(DbSet<T> set, List<T> rows, CancellationToken cancellationToken) where T : class
    {
        for (var i = 0; i < rows.Count; i += SaveChunk)
        {
            set.AddRange(rows.GetRange(i, Math.Min(SaveChunk, rows.Count - i)));
            await SaveAndClearAsync(cancellationToken);
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    // ---------------------------------------------------------------- run state

    private enum FaultKind
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
    private sealed class Fault(FaultKind kind)
    {
        public FaultKind Kind { get; } = kind;
        public DateOnly Month { get; set; }
        public int UnitIndex { get; set; }
        public string? ItemCode { get; set; }
    }

    private sealed class SubjectSeed(Subject subject, double weight)
    {
        public Subject Subject { get; } = subject;

        /// <summary>For villages/communities: how many enterprises, people and houses it attracts.</summary>
        public double Weight { get; set; } = weight;

        public bool IsTerritory => Subject.Kind.IsTerritory();
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

    private sealed class PersonSeed(KeyPerson person, SubjectSeed owner)
    {
        public KeyPerson Person { get; } = person;
        public SubjectSeed Owner { get; } = owner;

        /// <summary>Years with no follow-up visit at all (item 4.1 fails).</summary>
        public HashSet<int> SilentYears { get; } = [];
    }

    /// <summary>The random source, the calendar and the subjects of one seeding run.</summary>
    private sealed class SeedRun
    {
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

        public Random Random { get; } = new(RandomSeed);
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

    // ---------------------------------------------------------------- word lists

    private static readonly string[] Surnames =
        [.. "王李张陈刘杨黄赵吴周徐孙朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜钟陆汪范金石廖方俞楼应邵施章钱顾毛戴傅裘"
            .Select(c => c.ToString())];

    private static readonly string[] MaleNameChars =
        [.. "伟强磊军洋勇杰涛明超刚建国文辉林峰斌波宁海鹏飞龙彬俊浩宇金根荣福兴忠德志新永良宏卫东晨旭阳亮华平".Select(c => c.ToString())];

    private static readonly string[] FemaleNameChars =
        [.. "芳娜敏静丽艳娟秀霞桂英红玲燕萍晓春雪梅琴云婷琳慧欣佳雅倩丹萱莉颖洁".Select(c => c.ToString())];

    private static readonly string[] MobilePrefixes =
        ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "157", "158", "159", "180", "181", "186", "187", "188", "189"];

    private static readonly string[] RegionPrefixes = ["330102", "330106", "330381", "330381", "330381", "330182", "330521"];

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八"];

    private static readonly string[] VillageNames =
        ["上塘村", "下徐村", "东岙村", "桃源村", "杨家村", "朱家坞村", "石门村", "大溪村", "岭下村", "前山村", "后陈村", "新桥村", "溪口村", "金竹村", "白沙村", "横山村", "枫林村"];

    private static readonly string[] CommunityNames =
        ["青山社区", "镇东社区", "镇西社区", "新城社区", "滨江社区", "翠苑社区", "和平社区", "锦绣社区"];

    private static readonly string[] Roads =
        ["青山大道", "人民路", "解放路", "文化路", "新华路", "滨江路", "环镇北路", "环镇南路", "建设路", "学士路", "翠苑路", "和平街"];

    private static readonly string[] IndustrialRoads = ["兴业路", "创业路", "工业大道", "科技路", "振兴路"];

    private static readonly string[] CompanyPrefixes = [CityName, CityName + "市", "浙江"];

    private static readonly string[] TradeNames =
        ["恒达", "新丰", "宏盛", "金鑫", "华泰", "永兴", "众诚", "天成", "鼎峰", "瑞丰", "嘉禾", "利民", "兴旺", "开元", "顺发", "恒信",
         "精工", "富春", "联创", "万隆", "佳美", "诚信", "宏达", "泰和", "康源", "绿源", "明珠", "锦程", "博远", "汇通", "正大", "荣昌"];

    private static readonly string[] Industries =
        ["纺织", "机械", "五金", "塑业", "电子", "食品", "建材", "包装", "服饰", "印染", "木业", "汽配", "物流", "家具", "电器", "竹制品", "茶业", "工艺品", "新材料", "环保科技"];

    private static readonly string[] FactoryProducts = ["五金", "塑料", "纸箱", "服装", "针织", "砖", "竹木加工", "农机修配", "铸件", "标准件"];

    private static readonly string[] ShopKinds =
        ["超市", "便利店", "五金店", "小吃店", "饭店", "理发店", "汽修店", "农资店", "药店", "烟酒店", "水果店", "早餐店", "洗车店", "家电维修部", "农家乐"];

    private static readonly string[] Crops = ["茶叶", "水果", "蔬菜", "葡萄", "草莓", "苗木", "竹笋", "稻米", "蜂业"];

    private static readonly string[] TownUnits =
    [
        TownName + "中心小学", TownName + "第二小学", TownName + "初级中学", TownName + "中心幼儿园", TownName + "卫生院", TownName + "敬老院",
        "青山农贸市场", "青山派出所", TownName + "司法所", TownName + "财政所", "青山供电所", "青山邮政支局", CityName + "农商银行青山支行",
        TownName + "综合文化站", "青山市场监管所", "青山自然资源所", "青山交警中队", "青山消防救援站", TownName + "自来水厂",
        TownName + "污水处理站", "青山汽车客运站", TownName + "成人文化技术学校", TownName + "便民服务中心", TownName + "农业综合服务站",
        TownName + "林业工作站", TownName + "退役军人服务站", TownName + "体育中心",
    ];

    private static readonly string[] VillageUnitTemplates =
        ["{name}文化礼堂", "{name}卫生室", "{name}居家养老服务照料中心", "{name}幼儿园", "{stem}小学", "{name}老年食堂", "临江农商银行{stem}分理处",
         "{name}农家书屋", "{name}邮政便民服务站", "{name}自来水站", "{name}垃圾分类处理站", "{name}老年活动中心"];

    private static readonly string[] CommunityUnitTemplates =
        ["{name}卫生服务站", "{name}日间照料中心", "{name}幼儿园", "{name}文化家园", "{name}老年食堂", "临江农商银行{stem}分理处",
         "{estate}物业服务中心", "{estate}物业服务中心", "{estate}物业服务中心", "{stem}菜市场", "{name}邻里中心"];

    private static readonly string[] EstateStems =
        ["锦绣", "阳光", "翠竹", "金色", "滨江", "和美", "幸福", "紫荆", "香樟", "丽景", "康乐", "春晓", "绿洲", "御景", "东方", "银杏", "桂园", "世纪"];

    private static readonly string[] EstateSuffixes = ["花园", "家园", "苑", "公寓", "小区", "华庭", "名邸"];

    private static readonly string[] LargeUnitEndings = ["学", "学校", "幼儿园", "卫生院", "市场", "厂", "所", "中队", "站", "支行", "局", "敬老院"];

    private static readonly string[] ProductionWorkshops = ["一车间", "二车间", "三车间"];

    private static readonly string[] SupportTeams = ["仓储班组", "包装班组", "机修班组", "质检班组", "后勤站所"];

    private static readonly string[] UnitTeams = ["综合科队", "业务科队", "后勤站所", "安保班组", "食堂班组"];

    private static readonly int[] RectifyDays = [7, 10, 15, 15, 30];

    private static readonly (KeyPersonCategory Category, double Weight)[] CategoryWeights =
    [
        (KeyPersonCategory.ReleasedPrisoner, 30), (KeyPersonCategory.DrugUser, 20), (KeyPersonCategory.MentalDisorderWithRisk, 20),
        (KeyPersonCategory.CommunityCorrection, 15), (KeyPersonCategory.DelinquentYouth, 10), (KeyPersonCategory.CultInvolved, 5),
    ];

    private static readonly Dictionary<KeyPersonCategory, string> AssistancePlans = new()
    {
        [KeyPersonCategory.DrugUser] = "落实社区戒毒（康复）协议，每月尿检一次，网格员、民警、家属三方包联，每季度至少走访一次。",
        [KeyPersonCategory.MentalDisorderWithRisk] = "落实监护责任书和以奖代补政策，督促规律服药，每季度联合卫生院随访评估。",
        [KeyPersonCategory.ReleasedPrisoner] = "建立一人一档，落实安置帮教责任人，协助解决就业和社会保障，每季度走访谈心。",
        [KeyPersonCategory.CommunityCorrection] = "按司法所矫正方案执行，每月报到、每周电话汇报，参加公益活动和集中教育。",
        [KeyPersonCategory.CultInvolved] = "落实教育转化一人一策，包联干部定期谈心，掌握思想动态和交往情况。",
        [KeyPersonCategory.DelinquentYouth] = "联合学校、家庭落实一对一帮扶，开展法治教育和心理辅导，每季度家访一次。",
    };

    private static readonly Dictionary<KeyPersonCategory, string[]> FollowUpNotes = new()
    {
        [KeyPersonCategory.DrugUser] = ["上门走访，尿检结果阴性，情绪稳定", "了解近期就业情况，已在本地企业务工", "与家属沟通，家庭监督落实到位"],
        [KeyPersonCategory.MentalDisorderWithRisk] = ["督促按时服药，监护人在家照看", "随卫生院医生随访，病情稳定", "发放以奖代补资金，监护人签字确认"],
        [KeyPersonCategory.ReleasedPrisoner] = ["走访谈心，思想稳定，无异常交往", "协助联系就业岗位", "了解生活困难，协助申请临时救助"],
        [KeyPersonCategory.CommunityCorrection] = ["按时报到，参加集中教育学习", "核查活动轨迹，未发现违规离开", "参加社区公益劳动8小时"],
        [KeyPersonCategory.CultInvolved] = ["谈心谈话，思想状况稳定", "了解近期交往情况，无异常", "发放反邪教宣传资料并讲解"],
        [KeyPersonCategory.DelinquentYouth] = ["与班主任沟通在校表现，有进步", "家访了解家庭教育情况", "组织参加法治教育讲座"],
    };

    private static readonly (DisputeCategory Category, double Weight)[] VillageDisputeWeights =
        [(DisputeCategory.Neighbour, 35), (DisputeCategory.Family, 25), (DisputeCategory.Land, 30), (DisputeCategory.Wages, 4), (DisputeCategory.Other, 6)];

    private static readonly (DisputeCategory Category, double Weight)[] CommunityDisputeWeights =
        [(DisputeCategory.Neighbour, 35), (DisputeCategory.Family, 25), (DisputeCategory.Property, 30), (DisputeCategory.Other, 10)];

    private static readonly (DisputeCategory Category, double Weight)[] EntityDisputeWeights =
        [(DisputeCategory.Wages, 70), (DisputeCategory.Other, 30)];

    private static readonly Dictionary<DisputeCategory, string[]> DisputeDescriptions = new()
    {
        [DisputeCategory.Neighbour] = ["相邻房屋滴水排水纠纷", "堆放杂物占用通道引发口角", "装修噪音扰邻纠纷", "养狗扰民引发邻里矛盾", "相邻通道通行纠纷"],
        [DisputeCategory.Family] = ["夫妻感情不和闹离婚", "子女赡养老人费用分担纠纷", "兄弟间遗产继承纠纷", "婚约彩礼返还纠纷"],
        [DisputeCategory.Land] = ["宅基地边界纠纷", "承包地流转租金纠纷", "山林权属界址争议", "征地补偿款分配纠纷"],
        [DisputeCategory.Wages] = ["员工讨要拖欠工资", "工伤赔偿协商未果", "解除劳动合同经济补偿纠纷", "包工头拖欠农民工工资"],
        [DisputeCategory.Property] = ["业主与物业公司物业费纠纷", "小区停车位使用纠纷", "电梯维修资金使用争议", "楼上渗水致楼下受损纠纷"],
        [DisputeCategory.Other] = ["消费购物退货纠纷", "民间借贷纠纷", "交通事故赔偿纠纷"],
    };

    private static readonly (HazardCategory Category, double Weight)[] TerritoryHazardWeights =
    [
        (HazardCategory.Fire, 35), (HazardCategory.RoadTraffic, 20), (HazardCategory.Environment, 15), (HazardCategory.Other, 15),
        (HazardCategory.HazardousChemicals, 8), (HazardCategory.FoodDrug, 7),
    ];

    private static readonly (HazardCategory Category, double Weight)[] EnterpriseHazardWeights =
    [
        (HazardCategory.Fire, 35), (HazardCategory.WorkSafety, 30), (HazardCategory.HazardousChemicals, 12), (HazardCategory.FoodDrug, 10),
        (HazardCategory.RoadTraffic, 5), (HazardCategory.Environment, 5), (HazardCategory.Other, 3),
    ];

    private static readonly (HazardCategory Category, double Weight)[] UnitHazardWeights =
    [
        (HazardCategory.Fire, 45), (HazardCategory.FoodDrug, 20), (HazardCategory.RoadTraffic, 15), (HazardCategory.HazardousChemicals, 5),
        (HazardCategory.Other, 15),
    ];

    private static readonly Dictionary<HazardCategory, string[]> HazardDescriptions = new()
    {
        [HazardCategory.Fire] = ["电动车楼道充电", "灭火器过期", "消防通道被杂物堵塞", "私拉乱接电线", "疏散指示标志损坏", "出租房未配备烟感报警器", "厨房油烟管道未清洗"],
        [HazardCategory.RoadTraffic] = ["村道急弯处缺少警示标志", "路口视线被绿化遮挡", "校门口缺少减速带", "路灯损坏夜间照明不足"],
        [HazardCategory.HazardousChemicals] = ["液化气钢瓶存放不规范", "油漆稀释剂未专库存放", "危化品台账登记不全"],
        [HazardCategory.WorkSafety] = ["冲床防护装置缺失", "特种作业人员无证上岗", "车间安全出口上锁", "叉车未定期检验"],
        [HazardCategory.FoodDrug] = ["食堂从业人员健康证过期", "食品留样记录不全", "过期食品未及时下架"],
        [HazardCategory.Environment] = ["河道岸边垃圾堆积", "露天焚烧秸秆", "污水直排雨水管网"],
        [HazardCategory.Other] = ["危旧房屋墙体开裂", "山塘水库防护栏缺失", "广告牌松动存在坠落风险"],
    };

    private static readonly (ResolutionMethod Method, double Weight)[] ResolutionWeights =
    [
        (ResolutionMethod.Mediation, 85), (ResolutionMethod.Arbitration, 4), (ResolutionMethod.AdministrativeRuling, 3),
        (ResolutionMethod.Litigation, 5), (ResolutionMethod.Other, 3),
    ];

    private static readonly string[] TerritoryPetitionMatters =
    [
        "反映征地拆迁补偿标准偏低", "宅基地审批进度缓慢", "反映村务财务公开不及时", "对低保户评定结果有异议", "反映养殖场异味影响生活",
        "农村道路硬化项目迟迟未落实", "反映违章建筑长期未处理", "老旧小区加装电梯意见分歧", "物业服务质量差，要求更换物业", "反映企业噪声扰民",
    ];

    private static readonly string[] EnterprisePetitionMatters =
    [
        "员工反映企业拖欠工资", "反映未依法缴纳社会保险", "工伤认定与赔偿诉求", "周边居民反映企业废气异味", "反映企业裁员补偿不到位",
        "消费者反映预付卡退费难",
    ];

    private static readonly string[] UnitPetitionMatters =
    [
        "家长反映学校收费问题", "患者家属反映医疗纠纷", "商户反映市场摊位费上涨", "反映窗口办事效率低", "老人家属反映养老服务质量问题",
        "反映编外人员待遇偏低",
    ];

    private static readonly (AccidentCategory Category, double Weight)[] TerritoryAccidentWeights =
    [
        (AccidentCategory.RoadTraffic, 40), (AccidentCategory.Fire, 30), (AccidentCategory.Environment, 10),
        (AccidentCategory.FoodDrug, 5), (AccidentCategory.Other, 15),
    ];

    private static readonly (AccidentCategory Category, double Weight)[] EnterpriseAccidentWeights =
    [
        (AccidentCategory.WorkSafety, 45), (AccidentCategory.Fire, 25), (AccidentCategory.RoadTraffic, 12),
        (AccidentCategory.FoodDrug, 10), (AccidentCategory.Environment, 5), (AccidentCategory.Other, 3),
    ];

    private static readonly (AccidentCategory Category, double Weight)[] UnitAccidentWeights =
    [
        (AccidentCategory.Fire, 30), (AccidentCategory.RoadTraffic, 30), (AccidentCategory.FoodDrug, 25), (AccidentCategory.Other, 15),
    ];

    private static readonly Dictionary<AccidentCategory, string[]> AccidentSummaries = new()
    {
        [AccidentCategory.RoadTraffic] = ["电动自行车与小型轿车碰撞", "货车倒车刮擦行人", "村道摩托车侧翻"],
        [AccidentCategory.Fire] = ["民房厨房油锅起火", "仓库电气线路短路引发火灾", "电动车充电时起火"],
        [AccidentCategory.FoodDrug] = ["食堂聚餐后多人腹泻", "误食野生毒蘑菇中毒"],
        [AccidentCategory.WorkSafety] = ["工人操作冲床时手指受伤", "高处作业坠落", "叉车碰撞致人受伤"],
        [AccidentCategory.Environment] = ["化粪池外溢污染河道", "企业废水泄漏进入沟渠"],
        [AccidentCategory.Other] = ["山体小面积滑坡冲毁围墙", "广告牌被大风吹落砸坏车辆"],
    };

    private static readonly Dictionary<CaseKind, string[]> CaseFacts = new()
    {
        [CaseKind.Criminal] = ["盗窃电动车一辆", "入室盗窃现金财物", "以推销保健品为名诈骗老年人", "故意伤害致人轻伤", "电信网络诈骗"],
        [CaseKind.PublicSecurity] = ["酒后寻衅滋事", "邻里纠纷引发互殴", "聚众赌博被查处", "偷摘他人农作物", "醉酒闹事扰乱公共秩序"],
    };

    private static readonly Dictionary<string, string> FailNotes = new(StringComparer.Ordinal)
    {
        ["1.1"] = "党组织会议记录不全，综治工作未列入议事日程",
        ["1.3"] = "综治中心值班记录缺失，人民调解委员会未按期调整",
        ["2.1"] = "专职保安人员不足，安防设施配备不齐",
        ["2.2"] = "巡逻记录不连续，出入登记制度未落实",
        ["2.3"] = "视频监控点位损坏未及时修复",
        ["3.2"] = "重大矛盾纠纷未按规定及时上报",
        ["5.2"] = "重点物品出入库台账不全",
        ["5.4"] = "应急预案未按要求组织演练",
        ["6.1"] = "普法宣传活动台账缺失",
        ["6.2"] = "法律顾问未按期驻点服务",
        ["6.3"] = "未开展基层法治示范创建",
        ["7.1"] = "车间班组未落实网格化管理责任",
        ["7.2"] = "公共服务事项未按承诺时限办结",
        ["7.3"] = "社会组织参与社区治理不足",
    };
}

using System.Globalization;
using System.Text.Json;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Security;
using SanLing.Infrastructure.Seed.Demo;

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
/// disputes, overdue hazards and missing inspections for the office's work lists. The builders in
/// <c>Seed/Demo</c> draw the data; this class writes it in order (ids first, then what points at them).
/// </summary>
public sealed class DemoTownSeeder(SanLingDbContext db, IdNumberProtector idNumbers, TimeProvider clock)
{
    public const int RandomSeed = 2020;

    /// <summary>The demo town's code: a database holding it has accounts whose password is published.</summary>
    public const string TownCode = "DEMO";
    public const string CountyCode = "DEMO-COUNTY";
    private const int SaveChunk = 10_000;

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
        var keyPersons = KeyPopulationBuilder.BuildKeyPersons(run, idNumbers);

        var ownsTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownsTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

        var (town, ruleSet) = await TownFounding.CreateAsync(db, TownCode, DemoWords.TownName, SeedRun.DueDay, "seed-demo", cancellationToken);
        // The demo town belongs to a county, so the county roles can be tried out too.
        var county = new County { Code = CountyCode, Name = DemoWords.CountyName };
        db.Counties.Add(county);
        await db.SaveChangesAsync(cancellationToken);
        town.CountyId = county.Id;
        await db.SaveChangesAsync(cancellationToken);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.SuppressRowAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        DemoSeedSummary summary;
        try
        {
            NoteAttestedItems(run, ruleSet);
            await SeedSubjectsAsync(run, cancellationToken);
            var grids = await SeedGridsAsync(run, cancellationToken);
            KeyPopulationBuilder.AssignKeyPersons(run, keyPersons);
            KeyPopulationBuilder.AssignRentalHouses(run);
            FaultPlanner.PlanFaults(run);
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

    private static void NoteAttestedItems(SeedRun run, RuleSet ruleSet)
    {
        foreach (var kind in Enum.GetValues<SubjectKind>())
        {
            run.AttestedItems[kind] = ruleSet.AttestedItemsFor(kind);
        }
    }

    private async Task SeedSubjectsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var territories = RegistryBuilder.BuildTerritories(run, names);
        db.Subjects.AddRange(territories.Select(t => t.Subject));
        // Enterprises and units point at their territory's id.
        await SaveAndClearAsync(cancellationToken);

        var others = RegistryBuilder.BuildEnterprises(run, territories, names);
        others.AddRange(RegistryBuilder.BuildUnits(run, territories, names));
        RegistryBuilder.MarkSpecialSubjects(run, territories, others);
        db.Subjects.AddRange(others.Select(o => o.Subject));
        await SaveAndClearAsync(cancellationToken);

        run.Subjects.AddRange(territories);
        run.Subjects.AddRange(others);
    }

    private async Task<int> SeedGridsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        RegistryBuilder.AddGrids(run);
        var grids = run.Subjects.SelectMany(s => s.Grids).ToList();
        db.Grids.AddRange(grids);
        await SaveAndClearAsync(cancellationToken);
        return grids.Count;
    }

    private async Task SeedKeyPersonsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        foreach (var seed in run.Persons)
        {
            KeyPopulationBuilder.AddFollowUps(run, seed);
        }
        db.KeyPersons.AddRange(run.Persons.Select(p => p.Person));
        await SaveAndClearAsync(cancellationToken);
    }

    private async Task<int> SeedRentalHousesAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var houses = run.Subjects.SelectMany(s => s.Houses).OrderBy(h => h.Number, StringComparer.Ordinal).ToList();
        db.RentalHouses.AddRange(houses);
        await SaveAndClearAsync(cancellationToken);
        return houses.Count;
    }

    private async Task<(int Inspections, int Findings)> SeedInspectionsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var (inspections, findings) = InspectionBuilder.Build(run);
        await AddInChunksAsync(db.Inspections, inspections, cancellationToken);
        return (inspections.Count, findings);
    }

    private async Task<(int Petitions, int Accidents, int Cases)> SeedIncidentsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var (petitions, accidents, cases) = IncidentBuilder.Build(run);
        db.Petitions.AddRange(petitions);
        db.Accidents.AddRange(accidents);
        db.Cases.AddRange(cases);
        await SaveAndClearAsync(cancellationToken);
        return (petitions.Count, accidents.Count, cases.Count);
    }

    private async Task<int> SeedAttestationsAsync(SeedRun run, CancellationToken cancellationToken)
    {
        var attestations = AttestationBuilder.Build(run);
        await AddInChunksAsync(db.Attestations, attestations, cancellationToken);
        return attestations.Count;
    }

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
}

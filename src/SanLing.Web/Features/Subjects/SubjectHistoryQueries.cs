using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;

namespace SanLing.Web.Features.Subjects;

/// <summary>
/// What a subject's detail page shows of its history, per section the reader's role may see. One query per section,
/// each capped at <see cref="RowsPerSection"/> newest rows, so the page costs the same whatever the subject's history.
/// The subject itself has already been checked against the user's scope by <see cref="SubjectQueries.DetailsAsync"/>.
/// </summary>
public sealed class SubjectHistoryQueries(SanLingDbContext db, TimeProvider clock)
{
    public const int RowsPerSection = 20;

    public async Task<SubjectHistory> HistoryAsync(int subjectId, int gridCount, DateOnly? establishedOn, DateOnly? dissolvedOn, HistoryAccess access, CancellationToken ct)
    {
        var today = clock.Today();
        var year = today.Year;
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 1);

        var dueDay = await db.InspectionDueDayAsync(ct);
        var counts = await db.Inspections.AsNoTracking()
            .Where(i => i.SubjectId == subjectId && i.Status == InspectionStatus.Submitted && i.Month >= first && i.Month <= last)
            .GroupBy(i => i.Month)
            .Select(g => new
            {
                Month = g.Key,
                Grids = g.Count(i => i.GridId != null),
                Whole = g.Count(i => i.GridId == null),
                LateGrids = g.Count(i => i.GridId != null && i.IsLate),
                LateWhole = g.Count(i => i.GridId == null && i.IsLate),
            })
            .ToListAsync(ct);
        var months = Enumerable.Range(1, 12).Select(m =>
        {
            var month = new DateOnly(year, m, 1);
            var c = counts.FirstOrDefault(x => x.Month == month);
            var submissions = c is null
                ? new MonthSubmissions(gridCount, 0, false, 0)
                : new MonthSubmissions(gridCount, c.Grids, c.Whole > 0, gridCount > 0 ? c.LateGrids : c.LateWhole);
            return new MonthRow(month, Completeness.StateOf(month, establishedOn, dissolvedOn, today, dueDay, submissions), submissions.Submitted, submissions.Expected);
        }).ToList();

        IReadOnlyList<FindingRow> findings = access.Findings
            ? await db.Findings.AsNoTracking()
                .Where(f => f.Inspection!.SubjectId == subjectId)
                .OrderByDescending(f => f.Inspection!.Month).ThenByDescending(f => f.Id)
                .Take(RowsPerSection)
                .Select(f => new FindingRow(f.Inspection!.Month, f.Type, f.DisputeCategory, f.HazardCategory, f.Description, f.RiskLevel, f.Status, f.RectifyBy))
                .ToListAsync(ct)
            : [];

        IReadOnlyList<LedgerRow> petitions = access.PersonalLedgers
            ? await db.Petitions.AsNoTracking().Where(p => p.SubjectId == subjectId)
                .OrderByDescending(p => p.OccurredOn).ThenByDescending(p => p.Id).Take(RowsPerSection)
                .Select(p => new LedgerRow(p.Id, p.Number, p.OccurredOn, p.Kind, p.Status, p.IsImpactful || p.IsMajor))
                .ToListAsync(ct)
            : [];
        IReadOnlyList<LedgerRow> accidents = access.Ledgers
            ? await db.Accidents.AsNoTracking().Where(a => a.SubjectId == subjectId)
                .OrderByDescending(a => a.OccurredOn).ThenByDescending(a => a.Id).Take(RowsPerSection)
                .Select(a => new LedgerRow(a.Id, a.Number, a.OccurredOn, a.Category, null, a.IsImpactful || a.IsMajor))
                .ToListAsync(ct)
            : [];
        IReadOnlyList<LedgerRow> cases = access.PersonalLedgers
            ? await db.Cases.AsNoTracking().Where(c => c.SubjectId == subjectId)
                .OrderByDescending(c => c.OccurredOn).ThenByDescending(c => c.Id).Take(RowsPerSection)
                .Select(c => new LedgerRow(c.Id, c.Number, c.OccurredOn, c.Kind, null, c.IsImpactful || c.IsMajor))
                .ToListAsync(ct)
            : [];
        // Key persons: the office only, and no identity number (the ledger's own page masks and audits it).
        IReadOnlyList<KeyPersonRow> keyPersons = access.KeyPersons
            ? await db.KeyPersons.AsNoTracking().Where(k => k.SubjectId == subjectId)
                .OrderBy(k => k.DelistedOn != null).ThenBy(k => k.Number).Take(RowsPerSection)
                .Select(k => new KeyPersonRow(k.Id, k.Number, k.Name, k.Category, k.ListedOn, k.DelistedOn))
                .ToListAsync(ct)
            : [];
        IReadOnlyList<RentalHouseRow> rentals = access.Ledgers
            ? await db.RentalHouses.AsNoTracking().Where(r => r.SubjectId == subjectId)
                .OrderBy(r => r.Number).Take(RowsPerSection)
                .Select(r => new RentalHouseRow(r.Id, r.Number, r.Address, r.TenantCount, r.IsRegistered))
                .ToListAsync(ct)
            : [];

        // Results by year: the newest stored run of each year (leadership: published runs only).
        var results = await db.EvaluationResults.AsNoTracking()
            .Where(r => r.SubjectId == subjectId)
            .Join(db.EvaluationRuns.AsNoTracking().Where(run => access.AllRuns || run.IsPublished), r => r.RunId, run => run.Id,
                (r, run) => new { run.Year, RunId = run.Id, run.AsOf, run.IsPublished, r.Verdict, r.Honour, r.ConsecutiveCompliantYears })
            .ToListAsync(ct);
        var byYear = results
            .GroupBy(r => r.Year)
            .Select(g => g.OrderByDescending(r => r.RunId).First())
            .OrderByDescending(r => r.Year)
            .Select(r => new YearResultRow(r.Year, r.RunId, r.AsOf, r.IsPublished, r.Verdict, r.Honour, r.ConsecutiveCompliantYears))
            .ToList();

        return new SubjectHistory(year, months, gridCount == 0, findings, petitions, accidents, cases, keyPersons, rentals, byYear, access);
    }
}

/// <summary>Which sections of a subject's history the reader may see, by role (as the ledgers themselves allow).</summary>
public sealed record HistoryAccess(bool Findings, bool Ledgers, bool PersonalLedgers, bool KeyPersons, bool AllRuns, bool InspectionLinks, bool ResultCards)
{
    public static HistoryAccess For(System.Security.Claims.ClaimsPrincipal user)
    {
        var office = user.IsInRole(Roles.Office);
        var grid = user.IsInRole(Roles.GridWorker);
        var liaison = user.IsInRole(Roles.Liaison);
        return new HistoryAccess(
            Findings: office || grid || liaison,
            Ledgers: office || grid || liaison,
            PersonalLedgers: office || grid,
            KeyPersons: office,
            AllRuns: office || user.IsInRole(Roles.Admin),
            InspectionLinks: office || grid || liaison,
            ResultCards: office || user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leadership));
    }
}

public sealed record MonthRow(DateOnly Month, MonthState State, int Submitted, int Expected);

public sealed record FindingRow(DateOnly Month, FindingType Type, DisputeCategory? DisputeCategory, HazardCategory? HazardCategory,
    string Description, RiskLevel? RiskLevel, FindingStatus Status, DateOnly? RectifyBy);

/// <summary>A petition, accident or case: <paramref name="What"/> is its kind or category, <paramref name="State"/> a petition's status.</summary>
public sealed record LedgerRow(int Id, string Number, DateOnly OccurredOn, Enum What, Enum? State, bool Flagged);

public sealed record KeyPersonRow(int Id, string Number, string Name, SanLing.Domain.KeyPopulations.KeyPersonCategory Category, DateOnly ListedOn, DateOnly? DelistedOn);

public sealed record RentalHouseRow(int Id, string Number, string Address, int TenantCount, bool IsRegistered);

public sealed record YearResultRow(int Year, int RunId, DateOnly AsOf, bool IsPublished, SubjectVerdict Verdict, Honour Honour, int ConsecutiveCompliantYears);

public sealed record SubjectHistory(
    int Year,
    IReadOnlyList<MonthRow> Months,
    bool SingleUnit,
    IReadOnlyList<FindingRow> Findings,
    IReadOnlyList<LedgerRow> Petitions,
    IReadOnlyList<LedgerRow> Accidents,
    IReadOnlyList<LedgerRow> Cases,
    IReadOnlyList<KeyPersonRow> KeyPersons,
    IReadOnlyList<RentalHouseRow> RentalHouses,
    IReadOnlyList<YearResultRow> Results,
    HistoryAccess Access);

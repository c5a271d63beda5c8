using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Web.Features.Inspections;

namespace SanLing.Web.Features.InspectionReview;

/// <summary>
/// The office's view of the monthly inspections: the completeness matrix with rates, who has not submitted, and
/// the work list. Each page runs a fixed number of set-based queries, whatever the number of subjects.
/// </summary>
public sealed class InspectionReviewQueries(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const int MatrixPageSize = 60;
    public const int MissingPageSize = 100;

    public DateOnly Today => clock.Today();

    private async Task<int> DueDayAsync(CancellationToken ct) =>
        await db.InspectionDueDayAsync(ct);

    /// <summary>The month whose inspections are due now (<see cref="MonthPeriod.DueNow"/>).</summary>
    public async Task<DateOnly> DueNowAsync(CancellationToken ct) => MonthPeriod.DueNow(Today, await DueDayAsync(ct));

    public async Task<DateOnly> DueDateAsync(DateOnly month, CancellationToken ct) => MonthPeriod.DueDate(month, await DueDayAsync(ct));

    public async Task<IReadOnlyList<TerritoryOption>> TerritoriesAsync(CancellationToken ct) =>
        await scope.Apply(db.Subjects.AsNoTracking())
            .Where(Subject.IsTerritory)
            .OrderBy(s => s.Code)
            .Select(s => new TerritoryOption(s.Id, s.Name))
            .ToListAsync(ct);

    private IQueryable<Subject> Filtered(int? territoryId, SubjectKind? kind)
    {
        var subjects = scope.Apply(db.Subjects.AsNoTracking());
        if (territoryId is { } t)
        {
            subjects = subjects.Where(s => s.Id == t || s.TerritoryId == t);
        }
        if (kind is { } k)
        {
            subjects = subjects.Where(s => s.Kind == k);
        }
        return subjects;
    }

    public async Task<MatrixPage> MatrixAsync(MatrixFilter filter, bool showsWork, Microsoft.AspNetCore.Http.PathString path, Microsoft.AspNetCore.Http.QueryString query, CancellationToken ct)
    {
        var today = Today;
        var year = filter.Year is { } y && y >= 2000 && y <= today.Year ? y : today.Year;
        var dueDay = await DueDayAsync(ct);
        var subjects = Filtered(filter.TerritoryId, filter.Kind);

        var list = await subjects
            .Select(s => new
            {
                s.Id,
                s.Code,
                s.Name,
                s.Kind,
                s.TerritoryId,
                TerritoryCode = s.Territory!.Code,
                TerritoryName = s.Territory.Name,
                s.EstablishedOn,
                s.DissolvedOn,
                GridCount = s.Grids.Count,
            })
            .ToListAsync(ct);

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 1);
        var counts = await db.Inspections.AsNoTracking()
            .Where(SignOffRules.CountsAsSubmitted).Where(i => i.Month >= first && i.Month <= last && subjects.Select(s => s.Id).Contains(i.SubjectId))
            .GroupBy(i => new { i.SubjectId, i.Month })
            .Select(g => new
            {
                g.Key.SubjectId,
                g.Key.Month,
                Grids = g.Count(i => i.GridId != null),
                Whole = g.Count(i => i.GridId == null),
                LateGrids = g.Count(i => i.GridId != null && i.IsLate),
                LateWhole = g.Count(i => i.GridId == null && i.IsLate),
            })
            .ToListAsync(ct);
        var bySubjectMonth = counts.ToDictionary(c => (c.SubjectId, c.Month.Month));

        // The town-wide locks (a subject's approval shows on the sign-off page).
        var locks = await db.MonthLocks.AsNoTracking().Where(m => m.SubjectId == null && m.UnlockedAt == null && m.Month >= first && m.Month <= last).Select(m => m.Month).ToListAsync(ct);

        var rows = list
            .OrderBy(s => s.TerritoryCode ?? s.Code, StringComparer.Ordinal)
            .ThenBy(s => s.TerritoryId is null ? 0 : 1)
            .ThenBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => new
            {
                Territory = s.TerritoryId ?? s.Id,
                TerritoryName = s.TerritoryName ?? s.Name,
                Row = new MatrixRow(s.Id, s.Code, s.Name, s.Kind, s.TerritoryId, s.GridCount,
                    Enumerable.Range(1, 12).Select(m =>
                    {
                        bySubjectMonth.TryGetValue((s.Id, m), out var c);
                        var submissions = c is null
                            ? new MonthSubmissions(s.GridCount, 0, false, 0)
                            : new MonthSubmissions(s.GridCount, c.Grids, c.Whole > 0, s.GridCount > 0 ? c.LateGrids : c.LateWhole);
                        return Completeness.StateOf(new DateOnly(year, m, 1), s.EstablishedOn, s.DissolvedOn, today, dueDay, submissions);
                    }).ToList()),
            })
            .ToList();

        var due = Enumerable.Range(1, 12).Select(m => Completeness.IsDue(new DateOnly(year, m, 1), today, dueDay)).ToArray();
        RateRow Rates(string label, int? territoryId, IEnumerable<MatrixRow> rows)
        {
            var months = new ReportingRate[12];
            var total = new ReportingRate();
            foreach (var row in rows)
            {
                for (var m = 0; m < 12; m++)
                {
                    months[m] = months[m].Add(row.Months[m], due[m]);
                    total = total.Add(row.Months[m], due[m]);
                }
            }
            return new RateRow(label, territoryId, months, total);
        }

        var territories = rows
            .GroupBy(r => (r.Territory, r.TerritoryName))
            .Select(g => Rates(g.Key.TerritoryName, g.Key.Territory, g.Select(r => r.Row)))
            .ToList();
        var page = Shared.PageInfo.Clamp(filter.Page);
        var paging = new Shared.PageInfo(page, MatrixPageSize, rows.Count, path, query);
        return new MatrixPage(
            filter,
            year,
            Enumerable.Range(Math.Max(2000, today.Year - 5), Math.Min(6, today.Year - 1999)).Reverse().ToList(),
            rows.Skip((page - 1) * MatrixPageSize).Take(MatrixPageSize).Select(r => r.Row).ToList(),
            paging,
            Rates("合计", null, rows.Select(r => r.Row)),
            territories,
            Enumerable.Range(1, 12).Select(m => locks.Contains(new DateOnly(year, m, 1))).ToList(),
            await TerritoriesAsync(ct),
            showsWork);
    }

    /// <summary>A subject's grids in one month with their inspection's state (two queries); null when the subject is not in scope.</summary>
    public async Task<MonthGridsPage?> MonthGridsAsync(int subjectId, DateOnly month, CancellationToken ct)
    {
        var subject = await scope.Apply(db.Subjects.AsNoTracking()).Where(s => s.Id == subjectId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        if (subject is null)
        {
            return null;
        }
        var grids = await db.Grids.AsNoTracking().Where(g => g.SubjectId == subjectId).OrderBy(g => g.Code)
            .Select(g => new
            {
                g.Id, g.Code, g.Name, g.WorkerName,
                Inspection = db.Inspections.Where(i => i.GridId == g.Id && i.Month == month).Select(i => new { i.Status, i.IsLate, i.SubmittedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new MonthGridsPage(subjectId, subject, month, MonthPeriod.DueDate(month, await DueDayAsync(ct)),
            grids.Select(g => new MonthGridRow(g.Id, g.Code, g.Name, g.WorkerName, g.Inspection?.Status, g.Inspection?.IsLate ?? false, g.Inspection?.SubmittedAt)).ToList());
    }

    /// <summary>Every grid (and every subject without grids) required that month with no submitted inspection.</summary>
    public async Task<IReadOnlyList<MissingRow>> MissingAsync(DateOnly month, int? territoryId, CancellationToken ct)
    {
        var required = Filtered(territoryId, null).Where(Completeness.RequiredIn(month));
        var counted = db.Inspections.Where(SignOffRules.CountsAsSubmitted);
        var grids = await db.Grids.AsNoTracking()
            .Where(g => required.Select(s => s.Id).Contains(g.SubjectId))
            .Where(g => !counted.Any(i => i.GridId == g.Id && i.Month == month))
            .Select(g => new MissingRow(
                g.Subject!.Territory!.Name, g.SubjectId, g.Subject.Code, g.Subject.Name, g.Subject.Kind, g.Id, g.Code, g.Name,
                g.WorkerName, g.WorkerPhone,
                db.Inspections.Any(i => i.GridId == g.Id && i.Month == month)))
            .ToListAsync(ct);
        var wholes = await required
            .Where(s => !s.Grids.Any())
            .Where(s => !counted.Any(i => i.SubjectId == s.Id && i.GridId == null && i.Month == month))
            .Select(s => new MissingRow(
                s.Territory!.Name, s.Id, s.Code, s.Name, s.Kind, null, null, null, s.ContactPerson, s.Phone,
                db.Inspections.Any(i => i.SubjectId == s.Id && i.GridId == null && i.Month == month)))
            .ToListAsync(ct);
        return grids.Concat(wholes)
            .OrderBy(r => r.Kind.IsTerritory() ? 0 : 1)
            .ThenBy(r => r.SubjectCode, StringComparer.Ordinal)
            .ThenBy(r => r.GridCode, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<MissingPage> MissingPageAsync(DateOnly month, int? territoryId, int? page, Microsoft.AspNetCore.Http.PathString path, Microsoft.AspNetCore.Http.QueryString query, CancellationToken ct)
    {
        var rows = await MissingAsync(month, territoryId, ct);
        var dueDate = MonthPeriod.DueDate(month, await DueDayAsync(ct));
        var current = Shared.PageInfo.Clamp(page);
        return new MissingPage(
            month,
            MonthText.Choices(Today),
            dueDate,
            await db.MonthLocks.AsNoTracking().AnyAsync(SignOffRules.TownLock(month), ct),
            territoryId,
            await TerritoriesAsync(ct),
            rows.Skip((current - 1) * MissingPageSize).Take(MissingPageSize).ToList(),
            new Shared.PageInfo(current, MissingPageSize, rows.Count, path, query),
            Reminder(month, dueDate, rows));
    }

    /// <summary>
    /// The text the office pastes into the grid workers' group chat: one line per responsible person, e.g.
    /// "网格员 张三（上塘村第二网格）：11月未提交，截止12月5日" (a worker with several grids names them all on one line).
    /// </summary>
    public static string Reminder(DateOnly month, DateOnly dueDate, IReadOnlyList<MissingRow> rows)
    {
        if (rows.Count == 0)
        {
            return $"【三零创建】{MonthText.Chinese(month)}月度排查已全部提交，感谢各位网格员和联络员！";
        }
        var tail = $"：{month.Month}月未提交，截止{dueDate.Month}月{dueDate.Day}日";
        var lines = rows
            .GroupBy(r => (Role: r.Kind.IsTerritory() ? "网格员" : "联络人", Name: r.WorkerName?.Trim() ?? ""))
            .Select(g =>
            {
                var places = string.Join("、", g.Select(r => r.GridName is null ? r.SubjectName : $"{r.SubjectName}{r.GridName}"));
                var who = g.Key.Name.Length == 0 ? $"{g.Key.Role}（未登记）" : $"{g.Key.Role} {g.Key.Name}";
                return $"{who}（{places}）{tail}";
            });
        return string.Join("\n", lines);
    }

    /// <summary>
    /// The office's work list: overdue hazards, risky disputes and 积案, each row with the person responsible and the
    /// open 督办 order if any (one query per list, whatever the number of rows). <paramref name="list"/> shows one list.
    /// </summary>
    public async Task<WorkListPage> WorkListAsync(string? list, CancellationToken ct)
    {
        var today = Today;
        var show = list is "hazards" or "disputes" or "backlog" ? list : null;
        var findings = scope.Apply(db.Findings.AsNoTracking(), f => f.Inspection!.Subject);
        var open = db.SupervisionOrders.Where(o => o.Status != Domain.Supervision.SupervisionStatus.Closed);
        var hazards = show is null or "hazards"
            ? await findings
                .Where(FindingRules.Overdue(today))
                .OrderBy(f => f.RectifyBy).ThenBy(f => f.Id)
                .Select(f => new
                {
                    f.Id, Subject = f.Inspection!.Subject!.Name, Grid = f.Inspection.Grid!.Name, f.HazardCategory, f.RiskLevel, f.Description, f.Inspection.InspectedOn, f.RectifyBy,
                    Responsible = f.Inspection.Grid != null ? f.Inspection.Grid.WorkerName : f.Inspection.Subject.ContactPerson,
                    Order = open.Where(o => o.FindingId == f.Id).Select(o => (int?)o.Id).FirstOrDefault(),
                    Photos = f.Photos.OrderBy(p => p.Id).Select(p => new Photos.PhotoLink(p.Id, p.Stage)).ToList(),
                })
                .ToListAsync(ct)
            : [];
        var disputes = show is null or "disputes"
            ? await findings
                .Where(f => f.Type == FindingType.Dispute && f.Status == FindingStatus.Mediating && (f.RiskOfCriminalEscalation || f.RiskOfGroupIncident))
                .OrderBy(f => f.Inspection!.InspectedOn).ThenBy(f => f.Id)
                .Select(f => new
                {
                    f.Id, Subject = f.Inspection!.Subject!.Name, Grid = f.Inspection.Grid!.Name, f.DisputeCategory, f.Description, f.Parties, f.RiskOfCriminalEscalation, f.RiskOfGroupIncident, f.Inspection.InspectedOn,
                    Responsible = f.Inspection.Grid != null ? f.Inspection.Grid.WorkerName : f.Inspection.Subject.ContactPerson,
                    Order = open.Where(o => o.FindingId == f.Id).Select(o => (int?)o.Id).FirstOrDefault(),
                })
                .ToListAsync(ct)
            : [];
        var backlog = show is null or "backlog"
            ? await scope.Apply(db.Petitions.AsNoTracking(), p => p.Subject)
                .Where(Domain.Ledgers.PetitionRules.Backlog(today))
                .OrderBy(p => p.OccurredOn).ThenBy(p => p.Id)
                .Select(p => new BacklogPetition(p.Id, p.Number, p.Subject!.Name, p.OccurredOn, p.Matter, p.LeaderInCharge ?? p.Subject.LeaderInChargeName,
                    open.Where(o => o.PetitionId == p.Id).Select(o => (int?)o.Id).FirstOrDefault()))
                .ToListAsync(ct)
            : [];
        return new WorkListPage(
            today,
            show,
            hazards.Select(h => new OverdueHazard(h.Id, h.Subject, h.Grid, h.HazardCategory, h.RiskLevel, h.Description, h.InspectedOn, h.RectifyBy!.Value,
                today.DayNumber - h.InspectedOn.DayNumber, today.DayNumber - h.RectifyBy.Value.DayNumber) { Responsible = h.Responsible, OrderId = h.Order, Photos = h.Photos }).ToList(),
            disputes.Select(d => new RiskyDispute(d.Id, d.Subject, d.Grid, d.DisputeCategory, d.Description, d.Parties, d.RiskOfCriminalEscalation, d.RiskOfGroupIncident, d.InspectedOn,
                today.DayNumber - d.InspectedOn.DayNumber) { Responsible = d.Responsible, OrderId = d.Order }).ToList(),
            backlog);
    }
}

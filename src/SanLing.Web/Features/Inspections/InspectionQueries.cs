using SanLing.Domain.Common;
using SanLing.Domain.Inspections;

namespace SanLing.Web.Features.Inspections;

/// <summary>
/// Reads of the monthly inspection: the units the user answers for (a grid worker: the grids whose worker they are;
/// a liaison: their subject's workshops/teams, or the subject itself), their state, the form, the 待办 list.
/// </summary>
public sealed class InspectionQueries(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const int TodoPageSize = 30;

    public DateOnly Today => clock.Today();

    private bool IsGridWorker => scope.TerritoryId is not null;

    public async Task<int> DueDayAsync(CancellationToken ct) =>
        await db.InspectionDueDayAsync(ct);

    /// <summary>Whether the unit's month is locked: the town's lock of the month or the subject's approval (sign-off).</summary>
    public Task<bool> IsLockedAsync(int subjectId, DateOnly month, CancellationToken ct) =>
        db.MonthLocks.AsNoTracking().AnyAsync(SignOffRules.Covers(subjectId, month), ct);

    /// <summary>The review of the unit's inspection of the month (its return, if any); null when there is no inspection yet.</summary>
    public async Task<ReturnNotice?> ReviewAsync(InspectionUnit unit, DateOnly month, CancellationToken ct) =>
        await db.Inspections.AsNoTracking()
            .Where(i => i.SubjectId == unit.SubjectId && i.GridId == unit.GridId && i.Month == month)
            .Select(i => new ReturnNotice(i.Id, i.Version, i.ReviewState, i.ReturnReason, i.ReturnedAt, i.ReturnedBy, i.ResubmittedAt))
            .FirstOrDefaultAsync(ct);

    /// <summary>The units the signed-in grid worker or liaison submits (office staff submit none of their own).</summary>
    public async Task<IReadOnlyList<InspectionUnit>> MyUnitsAsync(CancellationToken ct)
    {
        if (!IsGridWorker && scope.SubjectId is null)
        {
            return [];
        }
        var userId = db.Actor.UserId;
        var grids = scope.Apply(db.Grids.AsNoTracking(), g => g.Subject);
        if (IsGridWorker)
        {
            grids = grids.Where(g => userId != null && g.WorkerUserId == userId);
        }
        var units = await grids
            .OrderBy(g => g.Subject!.Code).ThenBy(g => g.Code)
            .Select(g => new InspectionUnit(g.SubjectId, g.Subject!.Code, g.Subject.Name, g.Id, g.Code, g.Name, g.WorkerName))
            .ToListAsync(ct);
        if (!IsGridWorker)
        {
            // A liaison's enterprise/unit without workshops inspects itself as a whole.
            units.AddRange(await scope.Apply(db.Subjects.AsNoTracking())
                .Where(s => !s.Grids.Any())
                .OrderBy(s => s.Code)
                .Select(s => new InspectionUnit(s.Id, s.Code, s.Name, null, null, null, s.ContactPerson))
                .ToListAsync(ct));
        }
        return units;
    }

    /// <summary>
    /// The unit (subject, grid) if the user may submit it: a grid worker only their own grids; a liaison any
    /// workshop of their subject (or the subject itself when it has none); office staff any unit of the town.
    /// </summary>
    public async Task<InspectionUnit?> UnitAsync(int subjectId, int? gridId, CancellationToken ct)
    {
        if (gridId is { } id)
        {
            var userId = db.Actor.UserId;
            var grids = scope.Apply(db.Grids.AsNoTracking(), g => g.Subject).Where(g => g.Id == id && g.SubjectId == subjectId);
            if (IsGridWorker)
            {
                grids = grids.Where(g => userId != null && g.WorkerUserId == userId);
            }
            return await grids
                .Select(g => new InspectionUnit(g.SubjectId, g.Subject!.Code, g.Subject.Name, g.Id, g.Code, g.Name, g.WorkerName))
                .FirstOrDefaultAsync(ct);
        }
        if (IsGridWorker)
        {
            return null;
        }
        return await scope.Apply(db.Subjects.AsNoTracking())
            .Where(s => s.Id == subjectId && !s.Grids.Any())
            .Select(s => new InspectionUnit(s.Id, s.Code, s.Name, null, null, null, s.ContactPerson))
            .FirstOrDefaultAsync(ct);
    }

    public async Task<InspectionIndexPage> IndexAsync(DateOnly month, CancellationToken ct)
    {
        var today = Today;
        var units = await MyUnitsAsync(ct);
        var subjectIds = units.Select(u => u.SubjectId).Distinct().ToList();
        var done = await db.Inspections.AsNoTracking()
            .Where(i => i.Month == month && subjectIds.Contains(i.SubjectId))
            .Select(i => new { i.SubjectId, i.GridId, i.Status, i.IsLate, Findings = i.Findings.Count })
            .ToListAsync(ct);
        var dueDate = MonthPeriod.DueDate(month, await DueDayAsync(ct));
        var rows = units.Select(u =>
        {
            var i = done.FirstOrDefault(d => d.SubjectId == u.SubjectId && d.GridId == u.GridId);
            var state = i?.Status switch
            {
                InspectionStatus.Submitted => UnitState.Submitted,
                _ when dueDate < today => UnitState.Overdue,
                InspectionStatus.Draft => UnitState.Draft,
                _ => UnitState.NotStarted,
            };
            return new UnitRow(u, state, i?.IsLate == true, i?.Findings ?? 0);
        }).ToList();
        var open = await OpenFindings().CountAsync(ct);
        var locks = await db.MonthLocks.AsNoTracking()
            .Where(m => m.Month == month && m.UnlockedAt == null && (m.SubjectId == null || subjectIds.Contains(m.SubjectId.Value)))
            .Select(m => m.SubjectId)
            .ToListAsync(ct);
        // Locked for this user when the town locked the month or every subject they submit for is approved.
        var locked = locks.Contains(null) || (subjectIds.Count > 0 && subjectIds.All(id => locks.Contains(id)));
        return new InspectionIndexPage(month, MonthText.Choices(today), dueDate, locked, rows, open);
    }

    /// <summary>The form of the unit's inspection of the month: the saved one, or a fresh one with an empty finding row.</summary>
    public async Task<(InspectionForm Form, InspectionStatus? Status, bool IsLate)> FormAsync(InspectionUnit unit, DateOnly month, string? inspector, CancellationToken ct)
    {
        var saved = await db.Inspections.AsNoTracking()
            .Where(i => i.SubjectId == unit.SubjectId && i.GridId == unit.GridId && i.Month == month)
            .Select(i => new
            {
                i.InspectedOn,
                i.Inspector,
                i.NothingFound,
                i.Version,
                i.Status,
                i.IsLate,
                Findings = i.Findings.OrderBy(f => f.Id).Select(f => new FindingForm
                {
                    Id = f.Id,
                    Version = f.Version,
                    Type = f.Type,
                    DisputeCategory = f.DisputeCategory,
                    HazardCategory = f.HazardCategory,
                    Description = f.Description,
                    Parties = f.Parties,
                    RiskOfCriminalEscalation = f.RiskOfCriminalEscalation,
                    RiskOfGroupIncident = f.RiskOfGroupIncident,
                    RiskLevel = f.RiskLevel,
                    RectifyBy = f.RectifyBy,
                    Status = f.Status,
                    ClosedOn = f.ClosedOn,
                    ResolutionMethod = f.ResolutionMethod,
                }).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        var form = new InspectionForm
        {
            SubjectId = unit.SubjectId,
            GridId = unit.GridId,
            Month = MonthText.Format(month),
        };
        if (saved is null)
        {
            var today = Today;
            var lastOfMonth = month.AddMonths(1).AddDays(-1);
            form.InspectedOn = today < lastOfMonth ? today : lastOfMonth;
            form.Inspector = inspector;
            form.Findings.Add(new FindingForm());
            return (form, null, false);
        }
        form.InspectedOn = saved.InspectedOn;
        form.Inspector = saved.Inspector ?? inspector;
        form.NothingFound = saved.NothingFound;
        form.Version = saved.Version;
        form.Findings = saved.Findings;
        if (!saved.NothingFound)
        {
            form.Findings.Add(new FindingForm());
        }
        return (form, saved.Status, saved.IsLate);
    }

    /// <summary>The saved photos of the form's findings (in the user's scope), in one query.</summary>
    public async Task FillSavedPhotosAsync(IReadOnlyList<FindingForm> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToList();
        if (ids.Count == 0)
        {
            return;
        }
        var saved = (await scope.Apply(db.FindingPhotos.AsNoTracking(), p => p.Finding!.Inspection!.Subject)
                .Where(p => ids.Contains(p.FindingId))
                .Select(p => new { p.FindingId, p.Id, p.Stage })
                .ToListAsync(ct))
            .ToLookup(p => p.FindingId, p => new Photos.PhotoLink(p.Id, p.Stage));
        foreach (var row in rows.Where(r => r.Id is not null))
        {
            row.Saved = saved[row.Id!.Value].ToList();
        }
    }

    /// <summary>Open disputes (化解中) and hazards (整改中) of the user's scope.</summary>
    public IQueryable<Finding> OpenFindings() =>
        scope.Apply(db.Findings.AsNoTracking(), f => f.Inspection!.Subject)
            .Where(f => f.Status == FindingStatus.Mediating || f.Status == FindingStatus.Rectifying);

    public async Task<(IReadOnlyList<TodoItem> Items, int Total)> TodoAsync(int page, CancellationToken ct)
    {
        var today = Today;
        var open = OpenFindings();
        var total = await open.CountAsync(ct);
        var items = await ToTodoItems(open
            .OrderBy(f => f.Type == FindingType.Hazard && f.RectifyBy < today ? 0 : 1)
            .ThenBy(f => f.Inspection!.InspectedOn)
            .ThenBy(f => f.Id)
            .Skip((page - 1) * TodoPageSize)
            .Take(TodoPageSize))
            .ToListAsync(ct);
        return (items, total);
    }

    /// <summary>
    /// 上月未办结: the unit's findings of months before <paramref name="month"/> still open, carried into its form
    /// (at most <see cref="TodoPageSize"/>; the 待办 list has them all).
    /// </summary>
    public async Task<IReadOnlyList<TodoItem>> CarriedAsync(InspectionUnit unit, DateOnly month, CancellationToken ct) =>
        await ToTodoItems(OpenFindings()
            .Where(f => f.Inspection!.SubjectId == unit.SubjectId && f.Inspection.GridId == unit.GridId && f.Inspection.Month < month)
            .OrderBy(f => f.Inspection!.Month).ThenBy(f => f.Id)
            .Take(TodoPageSize))
            .ToListAsync(ct);

    private static IQueryable<TodoItem> ToTodoItems(IQueryable<Finding> findings) =>
        findings.Select(f => new TodoItem(
            f.Id, f.Version, f.Type, f.DisputeCategory, f.HazardCategory, f.Description, f.Parties,
            f.RiskOfCriminalEscalation, f.RiskOfGroupIncident, f.RiskLevel, f.RectifyBy,
            f.Inspection!.InspectedOn, f.Inspection.Subject!.Name, f.Inspection.Grid!.Name)
        {
            Photos = f.Photos.OrderBy(p => p.Id).Select(p => new Photos.PhotoLink(p.Id, p.Stage)).ToList(),
        });
}

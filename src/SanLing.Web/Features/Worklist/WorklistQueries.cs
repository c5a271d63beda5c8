using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Data;
using SanLing.Web.Features.Inspections;
using SanLing.Web.Security;

namespace SanLing.Web.Features.Worklist;

/// <summary>
/// The worklist with a fixed number of queries, whatever the number of grids, findings, people or houses:
/// the user's units, the due day, their subjects' dates, the inspections of the months shown, then a count and
/// the first rows of each list.
/// </summary>
public sealed class WorklistQueries(SanLingDbContext db, AccessScope scope, InspectionQueries inspections, TimeProvider clock)
{
    /// <summary>Earlier months still missing that the worklist shows (older ones stay in the month selector of 本月排查).</summary>
    public const int OverdueMonthsShown = 2;

    public const int ListLimit = 20;

    private bool IsGridWorker => scope.TerritoryId is not null;

    public async Task<WorklistPage> LoadAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var dueDay = await inspections.DueDayAsync(ct);
        var dueMonth = MonthPeriod.DueNow(today, dueDay);
        var months = Enumerable.Range(0, OverdueMonthsShown + 1).Select(i => dueMonth.AddMonths(-i)).ToList();
        var earliest = months[^1];

        var units = await inspections.MyUnitsAsync(ct);
        var subjectIds = units.Select(u => u.SubjectId).Distinct().ToList();
        var dates = await db.Subjects.AsNoTracking()
            .Where(s => subjectIds.Contains(s.Id))
            .Select(s => new { s.Id, s.EstablishedOn, s.DissolvedOn })
            .ToDictionaryAsync(s => s.Id, ct);
        var done = await db.Inspections.AsNoTracking()
            .Where(i => subjectIds.Contains(i.SubjectId) && i.Month >= earliest && i.Month <= dueMonth)
            .Select(i => new { i.SubjectId, i.GridId, i.Month, i.Status })
            .ToListAsync(ct);
        var status = done.ToDictionary(i => (i.SubjectId, i.GridId, i.Month), i => (InspectionStatus?)i.Status);

        var due = new List<DueInspection>();
        foreach (var unit in units)
        {
            var subject = dates.GetValueOrDefault(unit.SubjectId);
            foreach (var month in months)
            {
                if (!Completeness.IsRequired(month, subject?.EstablishedOn, subject?.DissolvedOn))
                {
                    continue;
                }
                var state = status.GetValueOrDefault((unit.SubjectId, unit.GridId, month));
                // The month due now is always shown (done or not); an earlier month only while it is missing.
                if (month == dueMonth || state != InspectionStatus.Submitted)
                {
                    due.Add(new DueInspection(unit, month, MonthPeriod.DueDate(month, dueDay), MonthPeriod.DaysLeft(month, today, dueDay), state));
                }
            }
        }
        // Returned for correction, whatever the month: only the units this user submits (a grid worker's own grids).
        var returned = (await db.Inspections.AsNoTracking()
                .Where(i => subjectIds.Contains(i.SubjectId) && i.ReviewState == ReviewState.Returned)
                .OrderBy(i => i.ReturnedAt).ThenBy(i => i.Id)
                .Select(i => new { i.SubjectId, i.GridId, i.Month, i.ReturnReason, i.ReturnedAt, i.ReturnedBy })
                .ToListAsync(ct))
            .Select(i => (Item: i, Unit: units.FirstOrDefault(u => u.SubjectId == i.SubjectId && u.GridId == i.GridId)))
            .Where(x => x.Unit is not null)
            .Select(x => new ReturnedInspection(x.Unit!, x.Item.Month, x.Item.ReturnReason, x.Item.ReturnedAt, x.Item.ReturnedBy))
            .ToList();

        due = due.OrderBy(d => d.IsSubmitted).ThenBy(d => d.Month).ThenBy(d => d.Unit.SubjectCode, StringComparer.Ordinal)
            .ThenBy(d => d.Unit.GridCode, StringComparer.Ordinal).ToList();

        return new WorklistPage(today, dueMonth, returned, due, await OpenFindingsAsync(today, ct),
            IsGridWorker ? await UnvisitedAsync(today, ct) : null,
            IsGridWorker ? await UnregisteredAsync(ct) : null);
    }

    private async Task<Capped<OpenFindingItem>> OpenFindingsAsync(DateOnly today, CancellationToken ct)
    {
        var open = inspections.OpenFindings();
        var overdue = FindingRules.Overdue(today);
        var items = await open
            .OrderBy(f => f.RectifyBy == null ? 1 : 0).ThenBy(f => f.RectifyBy).ThenBy(f => f.Inspection!.InspectedOn).ThenBy(f => f.Id)
            .Take(ListLimit)
            .Select(f => new OpenFindingItem(f.Id, f.Type, f.Description, f.RectifyBy, f.Inspection!.InspectedOn,
                f.Inspection.Subject!.Name, f.Inspection.Grid == null ? null : f.Inspection.Grid.Name, false))
            .ToListAsync(ct);
        var shown = items.Select(i => i with { IsOverdue = FindingRules.IsOverdueOn(i.Type, FindingStatus.Rectifying, i.RectifyBy, today) }).ToList();
        return new Capped<OpenFindingItem>(shown, await open.CountAsync(ct));
    }

    /// <summary>Key persons on the list this month without a 帮教 visit in it.</summary>
    private async Task<Capped<UnvisitedPerson>> UnvisitedAsync(DateOnly today, CancellationToken ct)
    {
        var first = MonthPeriod.Of(today);
        var last = first.AddMonths(1).AddDays(-1);
        var people = scope.Apply(db.KeyPersons.AsNoTracking(), k => k.Subject)
            .Where(KeyPersonRules.Active(first, today))
            .Where(k => !k.FollowUps.Any(v => v.VisitedOn >= first && v.VisitedOn <= last));
        var items = await people.OrderBy(k => k.Number).Take(ListLimit)
            .Select(k => new UnvisitedPerson(k.Id, k.Number, k.Name, k.Subject!.Name))
            .ToListAsync(ct);
        return new Capped<UnvisitedPerson>(items, await people.CountAsync(ct));
    }

    private async Task<Capped<UnregisteredHouse>> UnregisteredAsync(CancellationToken ct)
    {
        var houses = scope.Apply(db.RentalHouses.AsNoTracking(), h => h.Subject).Where(h => !h.IsRegistered);
        var items = await houses.OrderBy(h => h.Number).Take(ListLimit)
            .Select(h => new UnregisteredHouse(h.Id, h.Number, h.Address, h.Subject!.Name))
            .ToListAsync(ct);
        return new Capped<UnregisteredHouse>(items, await houses.CountAsync(ct));
    }
}

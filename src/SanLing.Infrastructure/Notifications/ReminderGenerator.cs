using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Notifications;
using SanLing.Domain.Supervision;
using SanLing.Infrastructure.Identity;

namespace SanLing.Infrastructure.Notifications;

/// <summary>
/// The scheduled reminders of the current town for one day: 督办 cards turning yellow or red and escalations, and the
/// due month's missing inspections 3 and 1 days before the due day. Idempotent: each reminder has a key, unique per
/// person, so a second run (or a second day at the same stage) adds nothing. A fixed number of queries per town.
/// </summary>
public sealed class ReminderGenerator(SanLingDbContext db, NotificationWriter writer)
{
    private sealed record Candidate(string UserId, NotificationKind Kind, string[] Args, string Link, string Key);

    /// <summary>Adds the reminders due on <paramref name="today"/>; returns how many were added.</summary>
    public async Task<int> RunAsync(DateOnly today, CancellationToken ct)
    {
        var townId = db.CurrentTownId ?? throw new InvalidOperationException("没有确定当前乡镇。");
        var deadlines = await db.DeadlinesAsync(ct);
        var candidates = new List<Candidate>();
        candidates.AddRange(await CardsAsync(today, deadlines, ct));
        candidates.AddRange(await DueMonthAsync(today, deadlines.DueDay, ct));
        if (candidates.Count == 0)
        {
            return 0;
        }
        var keys = candidates.Select(c => c.Key).Distinct().ToList();
        var existing = (await db.Notifications.AsNoTracking().Where(n => n.DedupeKey != null && keys.Contains(n.DedupeKey))
                .Select(n => new { n.UserId, n.DedupeKey }).ToListAsync(ct))
            .Select(n => (n.UserId, n.DedupeKey!)).ToHashSet();
        var added = 0;
        foreach (var c in candidates)
        {
            if (existing.Add((c.UserId, c.Key)))
            {
                writer.Add(townId, c.UserId, c.Kind, c.Args, c.Link, c.Key);
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Open orders in yellow or red: the addressee is told of each card once per limit; an escalation also tells the office.</summary>
    private async Task<List<Candidate>> CardsAsync(DateOnly today, TownDeadlines deadlines, CancellationToken ct)
    {
        var bounds = deadlines.BoundsOn(today);
        var orders = await db.SupervisionOrders.AsNoTracking()
            .Where(o => (o.Status == SupervisionStatus.Issued || o.Status == SupervisionStatus.Returned) && o.DueOn < bounds.YellowIfDueBefore)
            .Select(o => new { o.Id, o.AssigneeUserId, o.DueOn, Subject = o.Subject!.Name })
            .ToListAsync(ct);
        if (orders.Count == 0)
        {
            return [];
        }
        var office = orders.Any(o => o.DueOn < bounds.EscalatedIfDueBefore) ? await AccountsInRoleAsync(Roles.Office, ct) : [];
        var result = new List<Candidate>();
        foreach (var o in orders)
        {
            var link = $"/Supervision/Details/{o.Id}";
            var due = NotificationWriter.Day(o.DueOn);
            string[] args = [o.Subject, due];
            if (o.AssigneeUserId is { } addressee)
            {
                var red = o.DueOn < bounds.RedIfDueBefore;
                result.Add(new Candidate(addressee, red ? NotificationKind.CardRed : NotificationKind.CardYellow, args, link,
                    $"card:{o.Id}:{(red ? "red" : "yellow")}:{due}"));
            }
            if (o.DueOn < bounds.EscalatedIfDueBefore)
            {
                foreach (var user in office.Append(o.AssigneeUserId).OfType<string>().Distinct())
                {
                    result.Add(new Candidate(user, NotificationKind.Escalated, args, link, $"card:{o.Id}:escalated:{due}"));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The due month's grids and whole subjects still without a submitted inspection, at the 3-day and 1-day stage: the
    /// grid's worker, or the liaisons of a subject without grids.
    /// </summary>
    private async Task<List<Candidate>> DueMonthAsync(DateOnly today, int dueDay, CancellationToken ct)
    {
        var month = MonthPeriod.DueNow(today, dueDay);
        var daysLeft = MonthPeriod.DaysLeft(month, today, dueDay);
        if (DeliveryRules.ReminderStage(daysLeft) is not { } stage)
        {
            return [];
        }
        var due = NotificationWriter.Day(MonthPeriod.DueDate(month, dueDay));
        var monthText = NotificationWriter.Month(month);
        var keyPrefix = $"due:{monthText}:{stage}:";
        var required = db.Subjects.AsNoTracking().Where(Completeness.RequiredIn(month));
        var grids = await db.Grids.AsNoTracking()
            .Where(g => g.WorkerUserId != null && required.Select(s => s.Id).Contains(g.SubjectId))
            .Where(g => !db.Inspections.Any(i => i.GridId == g.Id && i.Month == month && i.Status == InspectionStatus.Submitted))
            .Where(g => db.Users.Any(u => u.Id == g.WorkerUserId && !u.IsDisabled && u.TownId == db.CurrentTownId))
            .Select(g => new { g.Id, g.SubjectId, g.WorkerUserId, Place = g.Subject!.Name + g.Name })
            .ToListAsync(ct);
        var wholes = await (
                from s in required
                where !s.Grids.Any() && !db.Inspections.Any(i => i.SubjectId == s.Id && i.GridId == null && i.Month == month && i.Status == InspectionStatus.Submitted)
                join u in db.Users on (int?)s.Id equals u.ScopeSubjectId
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where r.Name == Roles.Liaison && !u.IsDisabled && u.TownId == db.CurrentTownId
                select new { s.Id, UserId = u.Id, Place = s.Name })
            .ToListAsync(ct);
        var days = daysLeft.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return grids
            .Select(g => new Candidate(g.WorkerUserId!, NotificationKind.DueSoon, [g.Place, monthText, due, days],
                $"/Inspections/Edit?subjectId={g.SubjectId}&gridId={g.Id}&month={monthText}", keyPrefix + "g" + g.Id))
            .Concat(wholes.Select(s => new Candidate(s.UserId, NotificationKind.DueSoon, [s.Place, monthText, due, days],
                $"/Inspections/Edit?subjectId={s.Id}&month={monthText}", keyPrefix + "s" + s.Id)))
            .ToList();
    }

    private Task<List<string>> AccountsInRoleAsync(string role, CancellationToken ct) => (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == role && !u.IsDisabled && u.TownId == db.CurrentTownId
            select u.Id)
        .ToListAsync(ct);
}

using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;
using SanLing.Domain.Supervision;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.Inspections;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Supervision;

/// <summary>
/// 督办 writes: issue (office), answer (the addressee, or the office for someone without an account), close and return
/// (office). Each is one audited save of the order (the interceptor writes the audit line).
/// </summary>
public sealed class SupervisionCommands(SanLingDbContext db, TimeProvider clock, Infrastructure.Notifications.NotificationWriter notifications)
{
    /// <summary>The choice for a subject's 直接责任人, who has no account: the office records their answer.</summary>
    public const string LeaderChoice = "leader";

    public DateOnly Today => clock.Today();

    /// <summary>
    /// What an order from <paramref name="source"/> would be about, and to whom it may go; null when the source does not
    /// exist in the town or is not of that kind.
    /// </summary>
    public async Task<IssueContext?> ContextAsync(SupervisionSource source, int? id, int? subjectId, int? gridId, DateOnly? month, CancellationToken ct)
    {
        int subject;
        int? findingId = null, petitionId = null, grid = null;
        string about;
        string? gridName = null;
        string? gridWorker = null;
        switch (source)
        {
            case SupervisionSource.OverdueHazard or SupervisionSource.RiskyDispute or SupervisionSource.EscalatedDispute when id is { } fid:
            {
                var type = source == SupervisionSource.OverdueHazard ? FindingType.Hazard : FindingType.Dispute;
                var f = await db.Findings.AsNoTracking().Where(x => x.Id == fid && x.Type == type && x.Inspection!.Status == InspectionStatus.Submitted)
                    .Select(x => new { x.Id, x.Description, x.Status, x.Inspection!.SubjectId, x.Inspection.GridId, Grid = x.Inspection.Grid!.Name, x.Inspection.Grid.WorkerUserId })
                    .FirstOrDefaultAsync(ct);
                if (f is null || (source == SupervisionSource.EscalatedDispute) != (f.Status == FindingStatus.Escalated))
                {
                    return null;
                }
                (subject, findingId, grid, gridName, gridWorker, about) = (f.SubjectId, f.Id, f.GridId, f.Grid, f.WorkerUserId, f.Description);
                break;
            }
            case SupervisionSource.Backlog when id is { } pid:
            {
                var p = await db.Petitions.AsNoTracking().Where(x => x.Id == pid).Where(PetitionRules.Backlog(Today))
                    .Select(x => new { x.Id, x.SubjectId, x.Number, x.Matter }).FirstOrDefaultAsync(ct);
                if (p is null)
                {
                    return null;
                }
                (subject, petitionId, about) = (p.SubjectId, p.Id, $"{p.Number} {p.Matter}".Trim());
                break;
            }
            case SupervisionSource.MissingInspection when month is { } m && (gridId is not null || subjectId is not null):
            {
                if (gridId is { } gid)
                {
                    var g = await db.Grids.AsNoTracking().Where(x => x.Id == gid).Select(x => new { x.Id, x.SubjectId, x.Name, x.WorkerUserId }).FirstOrDefaultAsync(ct);
                    if (g is null)
                    {
                        return null;
                    }
                    (subject, grid, gridName, gridWorker) = (g.SubjectId, g.Id, g.Name, g.WorkerUserId);
                }
                else
                {
                    var s = await db.Subjects.AsNoTracking().Where(x => x.Id == subjectId && !x.Grids.Any()).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
                    if (s is null)
                    {
                        return null;
                    }
                    subject = s.Value;
                }
                about = string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}月度排查未提交", MonthText.Chinese(m));
                break;
            }
            default:
                return null;
        }
        var info = await db.Subjects.AsNoTracking().Where(s => s.Id == subject)
            .Select(s => new { s.Name, s.TerritoryId, s.LeaderInChargeName }).FirstAsync(ct);
        var territory = info.TerritoryId ?? subject;
        var accounts = await (
                from u in db.Users
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where u.TownId == db.CurrentTownId && !u.IsDisabled
                      && ((r.Name == Roles.GridWorker && u.ScopeSubjectId == territory) || (r.Name == Roles.Liaison && u.ScopeSubjectId == subject))
                orderby r.Name, u.DisplayName
                select new { u.Id, u.DisplayName, Role = r.Name })
            .AsNoTracking().ToListAsync(ct);
        var choices = accounts
            .Select(a => new AssigneeChoice(a.Id, a.DisplayName, a.Role == Roles.GridWorker ? AssigneeKind.GridWorker : AssigneeKind.Liaison))
            .ToList();
        if (!string.IsNullOrWhiteSpace(info.LeaderInChargeName))
        {
            choices.Add(new AssigneeChoice(LeaderChoice, info.LeaderInChargeName, AssigneeKind.SubjectLeader));
        }
        var preferred = choices.FirstOrDefault(c => c.Value == gridWorker)
            ?? choices.FirstOrDefault(c => c.Kind == AssigneeKind.Liaison)
            ?? choices.FirstOrDefault();
        var open = await db.SupervisionOrders.AsNoTracking()
            .Where(o => o.Source == source && o.Status != SupervisionStatus.Closed && o.SubjectId == subject
                        && o.FindingId == findingId && o.PetitionId == petitionId && o.GridId == grid && o.Month == month)
            .Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        return new IssueContext(source, subject, info.Name, findingId, petitionId, grid, gridName, source == SupervisionSource.MissingInspection ? month : null,
            about, choices, preferred?.Value, open);
    }

    public async Task<DateOnly> DueOnAsync(int limitDays, CancellationToken ct) =>
        (await db.DeadlinesAsync(ct)).Calendar.AddWorkingDays(Today, Math.Clamp(limitDays, Deadline.MinLimitDays, Deadline.MaxLimitDays));

    /// <summary>Issues the order; the subject, source and addressee come from <paramref name="context"/>, checked by the server.</summary>
    public async Task<int?> IssueAsync(IssueContext context, IssueForm form, CancellationToken ct)
    {
        var choice = context.Assignees.FirstOrDefault(a => a.Value == form.Assignee);
        if (choice is null)
        {
            return null;
        }
        var deadlines = await db.DeadlinesAsync(ct);
        var order = SupervisionRules.Issue(new SupervisionOrder
        {
            Source = context.Source,
            SubjectId = context.SubjectId,
            FindingId = context.FindingId,
            PetitionId = context.PetitionId,
            GridId = context.GridId,
            Month = context.Month,
            AssigneeKind = choice.Kind,
            AssigneeUserId = choice.Kind == AssigneeKind.SubjectLeader ? null : choice.Value,
            AssigneeName = choice.Name.Length > SupervisionRules.NameMaxLength ? choice.Name[..SupervisionRules.NameMaxLength] : choice.Name,
            Instruction = form.Instruction!.Trim(),
            LimitDays = form.LimitDays!.Value,
        }, Today, deadlines.Calendar);
        db.SupervisionOrders.Add(order);
        await db.SaveChangesAsync(ct);
        if (order.AssigneeUserId is { } addressee)
        {
            // After the order's save: the item links to the order's id.
            notifications.SupervisionIssued(order.TownId, addressee, order.Id, context.SubjectName, order.Instruction, order.DueOn);
            await db.SaveChangesAsync(ct);
        }
        return order.Id;
    }

    private Task<SupervisionOrder?> OrderAsync(int id, CancellationToken ct) =>
        db.SupervisionOrders.FirstOrDefaultAsync(o => o.Id == id, ct);

    /// <summary>
    /// One step on the order loaded at <paramref name="version"/>. The Domain step changes nothing when it refuses, and
    /// then nothing is saved; a stale form writes nothing either.
    /// </summary>
    private async Task<SaveOutcome> StepAsync(int id, Guid version, Func<SupervisionOrder, WorkingCalendar, SupervisionRefusal> step, CancellationToken ct)
    {
        var order = await OrderAsync(id, ct);
        if (order is null)
        {
            return SaveOutcome.NotFound;
        }
        var calendar = (await db.DeadlinesAsync(ct)).Calendar;
        switch (step(order, calendar))
        {
            case SupervisionRefusal.NotYours:
                return SaveOutcome.NotFound;
            case SupervisionRefusal.WrongStatus:
                return SaveOutcome.Refused;
        }
        return await db.SaveEditAsync(order, version, _ => { }, ct);
    }

    /// <summary>The addressee answers (NotFound for anyone else: an order that is not yours does not exist for you).</summary>
    public Task<SaveOutcome> AnswerAsync(int id, AnswerForm form, bool isOffice, CancellationToken ct) =>
        StepAsync(id, form.Version, (o, _) => SupervisionRules.Answer(o, db.Actor.UserId, isOffice, form.Answer!, db.Actor.UserName ?? "", Today), ct);

    public Task<SaveOutcome> CloseAsync(int id, Guid version, CancellationToken ct) =>
        StepAsync(id, version, (o, _) => SupervisionRules.Close(o, db.Actor.UserName ?? "", Today), ct);

    public async Task<SaveOutcome> ReturnAsync(int id, ReturnForm form, CancellationToken ct)
    {
        var outcome = await StepAsync(id, form.Version, (o, calendar) => SupervisionRules.Return(o, form.Reason!, Today, calendar), ct);
        if (outcome == SaveOutcome.Saved)
        {
            var o = await db.SupervisionOrders.AsNoTracking().Where(x => x.Id == id)
                .Select(x => new { x.TownId, x.AssigneeUserId, Subject = x.Subject!.Name, x.ReturnReason, x.DueOn }).FirstAsync(ct);
            if (o.AssigneeUserId is { } addressee)
            {
                notifications.SupervisionReturned(o.TownId, addressee, id, o.Subject, o.ReturnReason ?? "", o.DueOn);
                await db.SaveChangesAsync(ct);
            }
        }
        return outcome;
    }
}

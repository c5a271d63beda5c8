using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Domain.Supervision;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.InspectionReview;
using SanLing.Web.Features.Inspections;
using SanLing.Web.Security;

namespace SanLing.Web.Features.Supervision;

/// <summary>
/// Reads of 督办 orders. The office sees the town's; a grid worker or liaison only the orders addressed to their own
/// account (and within their scope). A fixed number of queries per page.
/// </summary>
public sealed class SupervisionQueries(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const int PageSize = 50;

    public DateOnly Today => clock.Today();

    public bool IsOffice => db.Actor.Role == Roles.Office;

    /// <summary>The orders the signed-in user may read: the office all, others those addressed to them.</summary>
    public IQueryable<SupervisionOrder> Readable()
    {
        var orders = db.SupervisionOrders.AsNoTracking();
        if (IsOffice)
        {
            return orders;
        }
        var me = db.Actor.UserId;
        return scope.Apply(orders.Where(o => me != null && o.AssigneeUserId == me), o => o.Subject);
    }

    public IQueryable<SupervisionOrder> Filtered(SupervisionFilter filter, CardBounds bounds)
    {
        var orders = Readable();
        if (filter.Status is { } status)
        {
            orders = orders.Where(o => o.Status == status);
        }
        if (filter.Source is { } source)
        {
            orders = orders.Where(o => o.Source == source);
        }
        if (filter.TerritoryId is { } t)
        {
            orders = orders.Where(o => o.SubjectId == t || o.Subject!.TerritoryId == t);
        }
        if (filter.SubjectId is { } s)
        {
            orders = orders.Where(o => o.SubjectId == s);
        }
        if (filter.Card is { } card)
        {
            orders = orders.Where(SupervisionRules.Waiting);
            orders = card switch
            {
                Card.Red => orders.Where(o => o.DueOn < bounds.RedIfDueBefore),
                Card.Yellow => orders.Where(o => o.DueOn >= bounds.RedIfDueBefore && o.DueOn < bounds.YellowIfDueBefore),
                _ => orders.Where(o => o.DueOn >= bounds.YellowIfDueBefore),
            };
        }
        if (filter.Escalated)
        {
            orders = orders.Where(SupervisionRules.EscalatedBy(bounds));
        }
        return orders;
    }

    private static IQueryable<SupervisionRow> Project(IQueryable<SupervisionOrder> orders) =>
        orders.Select(o => new SupervisionRow(
            o.Id, o.Source, o.SubjectId, o.Subject!.Code, o.Subject.Name, o.Subject.Territory != null ? o.Subject.Territory.Name : null,
            o.Grid != null ? o.Grid.Name : null, o.Subject.PrincipalName, o.AssigneeKind, o.AssigneeName, o.Instruction,
            o.IssuedOn, o.LimitDays, o.DueOn, o.Status, o.AnsweredOn, o.ReturnCount));

    private static SupervisionRow WithCard(SupervisionRow row, DateOnly today, TownDeadlines deadlines)
    {
        var waiting = row.Status is SupervisionStatus.Issued or SupervisionStatus.Returned;
        return row with
        {
            Card = Deadline.CardOn(row.DueOn, SupervisionRules.ClockDay(row.Status, row.AnsweredOn, today), deadlines.Calendar, deadlines.Thresholds),
            Escalated = waiting && Deadline.IsEscalatedOn(row.DueOn, today, deadlines.Calendar, deadlines.Thresholds),
        };
    }

    /// <summary>Rows of the list in order: waiting first, by due date.</summary>
    public async Task<(IReadOnlyList<SupervisionRow> Rows, int Total)> ListAsync(SupervisionFilter filter, int? take, CancellationToken ct)
    {
        var today = Today;
        var deadlines = await db.DeadlinesAsync(ct);
        var orders = Filtered(filter, deadlines.BoundsOn(today));
        var total = take is null ? 0 : await orders.CountAsync(ct);
        var ordered = orders
            .OrderBy(o => o.Status == SupervisionStatus.Closed ? 2 : o.Status == SupervisionStatus.Answered ? 1 : 0)
            .ThenBy(o => o.DueOn).ThenBy(o => o.Id);
        var page = Shared.PageInfo.Clamp(filter.Page);
        var rows = await Project(take is { } n ? ordered.Skip((page - 1) * n).Take(n) : ordered).ToListAsync(ct);
        return (rows.Select(r => WithCard(r, today, deadlines)).ToList(), take is null ? rows.Count : total);
    }

    public async Task<IReadOnlyList<TerritoryOption>> TerritoriesAsync(CancellationToken ct) =>
        await scope.Apply(db.Subjects.AsNoTracking()).Where(Subject.IsTerritory).OrderBy(s => s.Code)
            .Select(s => new TerritoryOption(s.Id, s.Name)).ToListAsync(ct);

    /// <summary>Whether the order is there for this user (their town, their scope).</summary>
    public Task<bool> IsReadableAsync(int id, CancellationToken ct) => Readable().AnyAsync(o => o.Id == id, ct);

    public async Task<SupervisionDetails?> DetailsAsync(int id, CancellationToken ct)
    {
        var today = Today;
        var order = await Readable().Where(o => o.Id == id)
            .Select(o => new
            {
                Row = new SupervisionRow(
                    o.Id, o.Source, o.SubjectId, o.Subject!.Code, o.Subject.Name, o.Subject.Territory != null ? o.Subject.Territory.Name : null,
                    o.Grid != null ? o.Grid.Name : null, o.Subject.PrincipalName, o.AssigneeKind, o.AssigneeName, o.Instruction,
                    o.IssuedOn, o.LimitDays, o.DueOn, o.Status, o.AnsweredOn, o.ReturnCount),
                o.Version, o.AssigneeUserId, o.Month, o.Answer, o.AnsweredBy, o.ReturnReason, o.ClosedOn, o.FindingId, o.PetitionId,
                Finding = o.Finding != null ? o.Finding.Description : null,
                Petition = o.Petition != null ? o.Petition.Number + " " + (o.Petition.Matter ?? "") : null,
            })
            .FirstOrDefaultAsync(ct);
        if (order is null)
        {
            return null;
        }
        var deadlines = await db.DeadlinesAsync(ct);
        var about = order.Finding ?? order.Petition
            ?? (order.Month is { } m ? string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}月度排查未提交", MonthText.Chinese(m)) : "");
        var waiting = order.Row.Status is SupervisionStatus.Issued or SupervisionStatus.Returned;
        return new SupervisionDetails(
            WithCard(order.Row, today, deadlines), order.Version, about, order.Month, order.Answer, order.AnsweredBy, order.ReturnReason, order.ClosedOn,
            waiting && SupervisionRules.MayAnswer(order.AssigneeUserId, db.Actor.UserId, IsOffice),
            IsOffice && order.Row.Status == SupervisionStatus.Answered,
            order.FindingId, order.PetitionId);
    }

    /// <summary>Counts by card of the orders still waiting, the orders waiting for verification and the escalated ones (one query).</summary>
    public static async Task<SupervisionCounts> CountsAsync(IQueryable<SupervisionOrder> orders, CardBounds bounds, CancellationToken ct)
    {
        var red = bounds.RedIfDueBefore;
        var yellow = bounds.YellowIfDueBefore;
        var escalated = bounds.EscalatedIfDueBefore;
        var counts = await orders
            .GroupBy(_ => 1)
            .Select(g => new SupervisionCounts(
                g.Count(o => (o.Status == SupervisionStatus.Issued || o.Status == SupervisionStatus.Returned) && o.DueOn >= yellow),
                g.Count(o => (o.Status == SupervisionStatus.Issued || o.Status == SupervisionStatus.Returned) && o.DueOn >= red && o.DueOn < yellow),
                g.Count(o => (o.Status == SupervisionStatus.Issued || o.Status == SupervisionStatus.Returned) && o.DueOn < red),
                g.Count(o => (o.Status == SupervisionStatus.Issued || o.Status == SupervisionStatus.Returned) && o.DueOn < escalated),
                g.Count(o => o.Status == SupervisionStatus.Answered)))
            .FirstOrDefaultAsync(ct);
        return counts ?? new SupervisionCounts(0, 0, 0, 0, 0);
    }
}

/// <summary>Orders still waiting for an answer by card, escalated ones, and answers waiting for the office's verification.</summary>
public sealed record SupervisionCounts(int InTime, int Yellow, int Red, int Escalated, int ToVerify);

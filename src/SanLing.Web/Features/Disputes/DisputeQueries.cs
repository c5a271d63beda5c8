using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Supervision;
using SanLing.Infrastructure.Data;

namespace SanLing.Web.Features.Disputes;

/// <summary>The escalated-dispute queue and flow (office only). Two queries per list page, whatever the number of disputes.</summary>
public sealed class DisputeQueries(SanLingDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public DateOnly Today => clock.Today();

    /// <summary>A finding and its flow; built by member initialisation so EF can filter and order on it.</summary>
    private sealed class Pair
    {
        public required Finding Finding { get; init; }
        public EscalatedDispute? Flow { get; init; }
    }

    /// <summary>Submitted 上报 disputes, with their flow when accepted (filtered on the entities, projected last).</summary>
    private IQueryable<Pair> Pairs() =>
        from f in db.Findings.AsNoTracking()
        where f.Type == FindingType.Dispute && f.Status == FindingStatus.Escalated && f.Inspection!.Status == InspectionStatus.Submitted
        join d in db.EscalatedDisputes.AsNoTracking() on f.Id equals d.FindingId into flows
        from d in flows.DefaultIfEmpty()
        select new Pair { Finding = f, Flow = d };

    private IQueryable<DisputeRow> Project(IQueryable<Pair> pairs)
    {
        var open = db.SupervisionOrders.Where(o => o.Status != SupervisionStatus.Closed);
        return pairs.Select(p => new DisputeRow(
            p.Finding.Id, p.Finding.Inspection!.Subject!.Name, p.Finding.Inspection.Grid != null ? p.Finding.Inspection.Grid.Name : null,
            p.Finding.Inspection.Grid != null ? p.Finding.Inspection.Grid.WorkerName : p.Finding.Inspection.Subject.ContactPerson,
            p.Finding.Description, p.Finding.Parties,
            p.Flow != null ? p.Flow.ReportedOn : p.Finding.Inspection.InspectedOn,
            p.Flow != null ? (DisputeStage?)p.Flow.Stage : null,
            p.Flow != null ? p.Flow.AssignedTo : null,
            p.Flow != null ? p.Flow.DueOn : p.Finding.Inspection.InspectedOn,
            p.Flow != null ? p.Flow.Outcome : null,
            p.Flow != null ? p.Flow.Satisfaction : null,
            open.Where(o => o.FindingId == p.Finding.Id).Select(o => (int?)o.Id).FirstOrDefault()));
    }

    /// <summary>The day a submitted 上报 dispute reached the office: its inspection's submission (in the town's time).</summary>
    private async Task<Dictionary<int, DateOnly>> ReportedOnAsync(IEnumerable<int> waiting, CancellationToken ct)
    {
        var ids = waiting.ToList();
        var submitted = await db.Findings.AsNoTracking().Where(f => ids.Contains(f.Id))
            .Select(f => new { f.Id, f.Inspection!.SubmittedAt, f.Inspection.InspectedOn }).ToListAsync(ct);
        return submitted.ToDictionary(s => s.Id, s => s.SubmittedAt is { } at ? DateOnly.FromDateTime(clock.InTownTime(at).DateTime) : s.InspectedOn);
    }

    private async Task<List<DisputeRow>> WithCardsAsync(List<DisputeRow> rows, CancellationToken ct)
    {
        var today = Today;
        var deadlines = await db.DeadlinesAsync(ct);
        var reported = await ReportedOnAsync(rows.Where(r => r.Stage is null).Select(r => r.FindingId), ct);
        return rows.Select(r =>
        {
            if (r.Stage is null)
            {
                var on = reported.GetValueOrDefault(r.FindingId, r.ReportedOn);
                r = r with { ReportedOn = on, DueOn = EscalatedDisputeRules.AcceptDueOn(on, deadlines.Calendar) };
            }
            return r with
            {
                Card = r.Stage == DisputeStage.Verified ? Card.None : Deadline.CardOn(r.DueOn, today, deadlines.Calendar, deadlines.Thresholds),
            };
        }).ToList();
    }

    public async Task<DisputeListPage> ListAsync(string? stage, int? page, Microsoft.AspNetCore.Http.PathString path, Microsoft.AspNetCore.Http.QueryString query, CancellationToken ct)
    {
        var pairs = Pairs();
        DisputeStage? wanted = stage switch
        {
            "accepted" => DisputeStage.Accepted,
            "assigned" => DisputeStage.Assigned,
            "concluded" => DisputeStage.Concluded,
            "verified" => DisputeStage.Verified,
            _ => null,
        };
        if (stage == "waiting")
        {
            pairs = pairs.Where(p => p.Flow == null);
        }
        else if (wanted is { } w)
        {
            pairs = pairs.Where(p => p.Flow != null && p.Flow.Stage == w);
        }
        var total = await pairs.CountAsync(ct);
        var current = Shared.PageInfo.Clamp(page);
        var list = await Project(pairs
                .OrderBy(p => p.Flow != null && p.Flow.Stage == DisputeStage.Verified ? 1 : 0)
                .ThenBy(p => p.Flow != null ? p.Flow.DueOn : p.Finding.Inspection!.InspectedOn)
                .ThenBy(p => p.Finding.Id)
                .Skip((current - 1) * PageSize).Take(PageSize))
            .ToListAsync(ct);
        return new DisputeListPage(stage, await WithCardsAsync(list, ct), new Shared.PageInfo(current, PageSize, total, path, query));
    }

    /// <summary>Whether the escalated dispute is there for this user (their town).</summary>
    public Task<bool> ExistsAsync(int findingId, CancellationToken ct) => Pairs().AnyAsync(p => p.Finding.Id == findingId, ct);

    public async Task<DisputeDetails?> DetailsAsync(int findingId, CancellationToken ct)
    {
        var row = await Project(Pairs().Where(p => p.Finding.Id == findingId)).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        row = (await WithCardsAsync([row], ct))[0];
        var flow = await db.EscalatedDisputes.AsNoTracking().Where(d => d.FindingId == findingId).FirstOrDefaultAsync(ct);
        var photos = await db.FindingPhotos.AsNoTracking().Where(p => p.FindingId == findingId).OrderBy(p => p.Id)
            .Select(p => new Photos.PhotoLink(p.Id, p.Stage)).ToListAsync(ct);
        return new DisputeDetails(row, flow?.Version, flow?.AcceptedOn, flow?.AssignedOn, flow?.LimitDays, flow?.ConclusionNote, flow?.ConcludedOn,
            flow?.VerificationNote, flow?.VerifiedOn, flow?.ReturnCount ?? 0, Today) { Photos = photos };
    }

    /// <summary>The day a waiting dispute reached the office, for 受理 (null when it is not a waiting 上报 dispute).</summary>
    public async Task<(int SubjectId, DateOnly ReportedOn)?> WaitingAsync(int findingId, CancellationToken ct)
    {
        var f = await db.Findings.AsNoTracking()
            .Where(f => f.Id == findingId && f.Type == FindingType.Dispute && f.Status == FindingStatus.Escalated && f.Inspection!.Status == InspectionStatus.Submitted
                        && !db.EscalatedDisputes.Any(d => d.FindingId == f.Id))
            .Select(f => new { f.Inspection!.SubjectId, f.Inspection.SubmittedAt, f.Inspection.InspectedOn })
            .FirstOrDefaultAsync(ct);
        return f is null ? null : (f.SubjectId, f.SubmittedAt is { } at ? DateOnly.FromDateTime(clock.InTownTime(at).DateTime) : f.InspectedOn);
    }
}

using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Web.Features.Inspections;

namespace SanLing.Web.Features.InspectionReview;

/// <summary>
/// 月度审核: each subject's month with its submissions, returns and approval, and the office's review queue
/// (resubmitted and still-returned inspections). A fixed number of queries, whatever the town's size.
/// </summary>
public sealed class SignOffQueries(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const int PageSize = 60;
    public const int QueueLimit = 50;

    public DateOnly Today => clock.Today();

    /// <summary>The month the office reviews by default: the latest one whose due date has passed.</summary>
    public async Task<DateOnly> LatestReviewableAsync(CancellationToken ct) => MonthPeriod.LastDueMonth(Today, await db.InspectionDueDayAsync(ct));

    /// <summary>Counted inspections per subject of the month, with the returned and resubmitted ones (one query).</summary>
    internal static async Task<Dictionary<int, MonthCounts>> CountsAsync(SanLingDbContext db, IQueryable<int> subjectIds, DateOnly month, CancellationToken ct) =>
        await db.Inspections.AsNoTracking()
            .Where(SignOffRules.CountsAsSubmitted)
            .Where(i => i.Month == month && subjectIds.Contains(i.SubjectId))
            .GroupBy(i => i.SubjectId)
            .Select(g => new
            {
                SubjectId = g.Key,
                Counts = new MonthCounts(
                    g.Count(i => i.GridId != null),
                    g.Count(i => i.GridId == null),
                    g.Count(i => i.GridId != null && i.IsLate),
                    g.Count(i => i.GridId == null && i.IsLate),
                    g.Count(i => i.ReviewState == ReviewState.Returned),
                    g.Count(i => i.ReviewState == ReviewState.Resubmitted)),
            })
            .ToDictionaryAsync(x => x.SubjectId, x => x.Counts, ct);

    public async Task<SignOffPage> PageAsync(DateOnly month, int? territoryId, int? page, Microsoft.AspNetCore.Http.PathString path, Microsoft.AspNetCore.Http.QueryString query, CancellationToken ct)
    {
        var today = Today;
        var dueDay = await db.InspectionDueDayAsync(ct);
        var subjects = scope.Apply(db.Subjects.AsNoTracking()).Where(Completeness.RequiredIn(month));
        if (territoryId is { } t)
        {
            subjects = subjects.Where(s => s.Id == t || s.TerritoryId == t);
        }
        var total = await subjects.CountAsync(ct);
        var current = PageInfo.Clamp(page);
        var shown = subjects
            .OrderBy(s => s.Territory != null ? s.Territory.Code : s.Code)
            .ThenBy(s => s.TerritoryId == null ? 0 : 1)
            .ThenBy(s => s.Code)
            .Skip((current - 1) * PageSize)
            .Take(PageSize);
        var list = await shown
            .Select(s => new { s.Id, s.Code, s.Name, s.Kind, s.TerritoryId, s.EstablishedOn, s.DissolvedOn, GridCount = s.Grids.Count })
            .ToListAsync(ct);
        var ids = list.Select(s => s.Id).ToList();
        var counts = await CountsAsync(db, db.Subjects.Where(s => ids.Contains(s.Id)).Select(s => s.Id), month, ct);
        var locks = await db.MonthLocks.AsNoTracking()
            .Where(m => m.Month == month && (m.SubjectId == null || ids.Contains(m.SubjectId.Value)))
            .Select(m => new MonthLockView(m.Id, m.Version, m.SubjectId, m.LockedAt, m.LockedBy, m.UnlockedAt, m.UnlockedBy, m.UnlockReason))
            .ToListAsync(ct);
        var townLock = locks.FirstOrDefault(l => l.SubjectId is null && l.IsInForce);
        var rows = list.Select(s =>
        {
            var standing = new SubjectMonth(s.Id, s.EstablishedOn, s.DissolvedOn, s.GridCount, counts.GetValueOrDefault(s.Id));
            var state = standing.StateOn(month, today, dueDay);
            var approval = locks.FirstOrDefault(l => l.SubjectId == s.Id);
            var refusal = SignOffRules.CanApprove(true, month, today, dueDay, approval?.IsInForce == true, state, standing.Returned);
            return new SignOffRow(s.Id, s.Code, s.Name, s.Kind, s.TerritoryId, s.GridCount, standing.Submissions.Expected, standing.Submissions.Submitted,
                state, standing.Returned, standing.Counts?.Resubmitted ?? 0, approval, refusal);
        }).ToList();

        var inScope = scope.Apply(db.Inspections.AsNoTracking(), i => i.Subject);
        var approvedMonths = db.MonthLocks.Where(m => m.UnlockedAt == null && m.SubjectId != null);
        var resubmitted = await Queue(inScope.Where(i => i.ReviewState == ReviewState.Resubmitted
                && !approvedMonths.Any(m => m.SubjectId == i.SubjectId && m.Month == i.Month)), ct);
        var returned = await Queue(inScope.Where(i => i.ReviewState == ReviewState.Returned), ct);

        return new SignOffPage(
            month,
            MonthText.Choices(today),
            MonthPeriod.DueDate(month, dueDay),
            SignOffRules.IsReviewable(month, today, dueDay),
            territoryId,
            await scope.Apply(db.Subjects.AsNoTracking()).Where(Subject.IsTerritory).OrderBy(s => s.Code).Select(s => new TerritoryOption(s.Id, s.Name)).ToListAsync(ct),
            rows,
            new PageInfo(current, PageSize, total, path, query),
            townLock,
            resubmitted,
            returned);
    }

    /// <summary>Where an inspection's form is: its subject, grid and month (in the user's scope).</summary>
    public async Task<(int SubjectId, int? GridId, DateOnly Month)?> UnitOfAsync(int inspectionId, CancellationToken ct)
    {
        var unit = await scope.Apply(db.Inspections.AsNoTracking(), i => i.Subject).Where(i => i.Id == inspectionId)
            .Select(i => new { i.SubjectId, i.GridId, i.Month }).FirstOrDefaultAsync(ct);
        return unit is null ? null : (unit.SubjectId, unit.GridId, unit.Month);
    }

    private static async Task<IReadOnlyList<ReviewQueueItem>> Queue(IQueryable<Inspection> inspections, CancellationToken ct) =>
        await inspections
            .OrderBy(i => i.ResubmittedAt ?? i.ReturnedAt).ThenBy(i => i.Id)
            .Take(QueueLimit)
            .Select(i => new ReviewQueueItem(i.Id, i.SubjectId, i.GridId, i.Subject!.Name, i.Grid == null ? null : i.Grid.Name,
                i.Grid == null ? i.Subject.ContactPerson : i.Grid.WorkerName, i.Month, i.ReviewState, i.ReturnReason, i.ReturnedAt, i.ResubmittedAt))
            .ToListAsync(ct);
}

/// <summary>A month lock as shown: the town's lock of the month or a subject's approval, in force or unlocked (with why).</summary>
public sealed record MonthLockView(int Id, Guid Version, int? SubjectId, DateTimeOffset LockedAt, string? LockedBy, DateTimeOffset? UnlockedAt, string? UnlockedBy, string? UnlockReason)
{
    public bool IsInForce => UnlockedAt is null;
}

/// <summary>One subject's month on the sign-off page; <see cref="Refusal"/> says why it cannot be approved now (None: it can).</summary>
public sealed record SignOffRow(int SubjectId, string Code, string Name, SubjectKind Kind, int? TerritoryId, int GridCount, int Expected, int Submitted,
    MonthState State, int Returned, int Resubmitted, MonthLockView? Approval, SignOffRefusal Refusal)
{
    public bool IsApproved => Approval?.IsInForce == true;
}

/// <summary>An inspection in the office's review queue: resubmitted after a return, or returned and waiting for the correction.</summary>
public sealed record ReviewQueueItem(int Id, int SubjectId, int? GridId, string SubjectName, string? GridName, string? Responsible, DateOnly Month,
    ReviewState State, string? Reason, DateTimeOffset? ReturnedAt, DateTimeOffset? ResubmittedAt);

public sealed record SignOffPage(
    DateOnly Month,
    IReadOnlyList<DateOnly> Months,
    DateOnly DueDate,
    bool Reviewable,
    int? TerritoryId,
    IReadOnlyList<TerritoryOption> TerritoryChoices,
    IReadOnlyList<SignOffRow> Rows,
    PageInfo Paging,
    MonthLockView? TownLock,
    IReadOnlyList<ReviewQueueItem> Resubmitted,
    IReadOnlyList<ReviewQueueItem> Returned);

using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.InspectionReview;

/// <summary>The result of a sign-off step: written, or refused with the rule's reason (nothing written).</summary>
public sealed record SignOffResult(SaveOutcome Outcome, SignOffRefusal Refusal = SignOffRefusal.None)
{
    public bool Succeeded => Outcome == SaveOutcome.Saved && Refusal == SignOffRefusal.None;

    public static SignOffResult Refused(SignOffRefusal refusal) => new(SaveOutcome.Refused, refusal);
}

/// <summary>
/// Monthly sign-off writes (office): return an inspection with a reason, approve (lock) a subject's month or every
/// ready subject of a village, unlock an approved month with a reason. The rules are <see cref="SignOffRules"/>'s;
/// each step is one audited save (the reasons are fields of the rows, so the audit lines carry them).
/// </summary>
public sealed class SignOffCommands(SanLingDbContext db, AccessScope scope, TimeProvider clock, Infrastructure.Notifications.NotificationWriter notifications)
{
    private DateOnly Today => clock.Today();

    private string By => db.Actor.UserName ?? "";

    private bool IsOffice => db.Actor.Role == Roles.Office;

    public async Task<SignOffResult> ReturnAsync(int inspectionId, Guid version, string reason, CancellationToken ct)
    {
        var inspection = await scope.Apply(db.Inspections, i => i.Subject).FirstOrDefaultAsync(i => i.Id == inspectionId, ct);
        if (inspection is null)
        {
            return new SignOffResult(SaveOutcome.NotFound);
        }
        var locked = await db.MonthLocks.AnyAsync(SignOffRules.Covers(inspection.SubjectId, inspection.Month), ct);
        var dueDay = await db.InspectionDueDayAsync(ct);
        var refusal = SignOffRefusal.None;
        var outcome = await db.SaveEditAsync(inspection, version, i =>
        {
            refusal = SignOffRules.Return(i, IsOffice, locked, reason, By, clock.GetUtcNow(), Today, dueDay);
            if (refusal != SignOffRefusal.None)
            {
                db.ChangeTracker.Clear();
            }
        }, ct);
        if (refusal != SignOffRefusal.None)
        {
            return SignOffResult.Refused(refusal);
        }
        if (outcome == SaveOutcome.Saved)
        {
            await TellSubmitterAsync(inspection, ct);
        }
        return new SignOffResult(outcome);
    }

    /// <summary>
    /// The returned inspection reaches whoever submits it: the grid's worker, or the subject's liaisons when it has no
    /// grid. A second save after the return's own, as the notice only announces it.
    /// </summary>
    private async Task TellSubmitterAsync(Inspection inspection, CancellationToken ct)
    {
        var place = await db.Subjects.AsNoTracking().Where(s => s.Id == inspection.SubjectId).Select(s => s.Name).FirstAsync(ct);
        List<string> recipients;
        if (inspection.GridId is { } gridId)
        {
            var grid = await db.Grids.AsNoTracking().Where(g => g.Id == gridId).Select(g => new { g.Name, g.WorkerUserId }).FirstAsync(ct);
            place += grid.Name;
            recipients = grid.WorkerUserId is { } worker ? [worker] : [];
        }
        else
        {
            recipients = await db.Users.AsNoTracking().Where(u => u.TownId == inspection.TownId && u.ScopeSubjectId == inspection.SubjectId && !u.IsDisabled)
                .Select(u => u.Id).ToListAsync(ct);
        }
        foreach (var userId in recipients)
        {
            notifications.InspectionReturned(inspection.TownId, userId, inspection.SubjectId, inspection.GridId, inspection.Month, place, inspection.ReturnReason ?? "");
        }
        if (recipients.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Approves one subject's month (locks it for that subject).</summary>
    public async Task<SignOffResult> ApproveAsync(int subjectId, DateOnly month, CancellationToken ct)
    {
        var subjects = scope.Apply(db.Subjects.AsNoTracking()).Where(s => s.Id == subjectId);
        var standing = await StandingAsync(subjects, month, ct);
        if (standing.Count == 0)
        {
            return new SignOffResult(SaveOutcome.NotFound);
        }
        var (approved, refusals) = await ApproveAsync(standing, month, ct);
        return approved == 1 ? new SignOffResult(SaveOutcome.Saved) : SignOffResult.Refused(refusals.Keys.First());
    }

    /// <summary>
    /// Approves every subject of a village/community (itself and the enterprises and units in it) whose month is ready;
    /// the others are counted by the reason they were skipped.
    /// </summary>
    public async Task<(int Approved, IReadOnlyDictionary<SignOffRefusal, int> Skipped)> ApproveTerritoryAsync(int territoryId, DateOnly month, CancellationToken ct)
    {
        var subjects = scope.Apply(db.Subjects.AsNoTracking()).Where(s => s.Id == territoryId || s.TerritoryId == territoryId);
        return await ApproveAsync(await StandingAsync(subjects, month, ct), month, ct);
    }

    private async Task<(int Approved, IReadOnlyDictionary<SignOffRefusal, int> Skipped)> ApproveAsync(IReadOnlyList<SubjectMonth> standing, DateOnly month, CancellationToken ct)
    {
        var today = Today;
        var dueDay = await db.InspectionDueDayAsync(ct);
        var ids = standing.Select(s => s.SubjectId).ToList();
        var earlier = await db.MonthLocks.Where(m => m.Month == month && m.SubjectId != null && ids.Contains(m.SubjectId.Value))
            .ToDictionaryAsync(m => m.SubjectId!.Value, ct);
        var skipped = new Dictionary<SignOffRefusal, int>();
        var approved = 0;
        var now = clock.GetUtcNow();
        foreach (var s in standing)
        {
            var previous = earlier.GetValueOrDefault(s.SubjectId);
            var refusal = SignOffRules.CanApprove(IsOffice, month, today, dueDay, previous?.IsInForce == true, s.StateOn(month, today, dueDay), s.Returned);
            if (refusal != SignOffRefusal.None)
            {
                skipped[refusal] = skipped.GetValueOrDefault(refusal) + 1;
                continue;
            }
            var entry = SignOffRules.Approve(previous, s.SubjectId, month, By, now);
            if (previous is null)
            {
                db.MonthLocks.Add(entry);
            }
            approved++;
        }
        if (approved > 0)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Approved by someone else at the same moment (unique index or version): nothing of this batch is written.
                db.ChangeTracker.Clear();
                return (0, new Dictionary<SignOffRefusal, int> { [SignOffRefusal.AlreadyApproved] = standing.Count });
            }
        }
        return (approved, skipped);
    }

    public async Task<SignOffResult> UnlockAsync(int lockId, Guid version, string reason, CancellationToken ct)
    {
        var entry = await db.MonthLocks.FirstOrDefaultAsync(m => m.Id == lockId && (m.SubjectId == null || scope.Apply(db.Subjects).Any(s => s.Id == m.SubjectId)), ct);
        var refusal = SignOffRefusal.None;
        var outcome = await db.SaveEditAsync(entry, version, m =>
        {
            refusal = SignOffRules.Unlock(m, IsOffice, reason, By, clock.GetUtcNow());
            if (refusal != SignOffRefusal.None)
            {
                db.ChangeTracker.Clear();
            }
        }, ct);
        return refusal != SignOffRefusal.None ? SignOffResult.Refused(refusal) : new SignOffResult(outcome);
    }

    /// <summary>How each of <paramref name="subjects"/> stands in the month: grids, submissions, returns (two queries, whatever their number).</summary>
    private async Task<IReadOnlyList<SubjectMonth>> StandingAsync(IQueryable<Subject> subjects, DateOnly month, CancellationToken ct)
    {
        var required = subjects.Where(Completeness.RequiredIn(month));
        var list = await required
            .Select(s => new { s.Id, s.EstablishedOn, s.DissolvedOn, GridCount = s.Grids.Count })
            .ToListAsync(ct);
        var counts = await SignOffQueries.CountsAsync(db, required.Select(s => s.Id), month, ct);
        return list.Select(s => new SubjectMonth(s.Id, s.EstablishedOn, s.DissolvedOn, s.GridCount, counts.GetValueOrDefault(s.Id))).ToList();
    }
}

/// <summary>One subject's standing in a month for the sign-off.</summary>
public sealed record SubjectMonth(int SubjectId, DateOnly? EstablishedOn, DateOnly? DissolvedOn, int GridCount, MonthCounts? Counts)
{
    public int Returned => Counts?.Returned ?? 0;

    public MonthSubmissions Submissions => Counts is { } c
        ? new MonthSubmissions(GridCount, c.Grids, c.Whole > 0, GridCount > 0 ? c.LateGrids : c.LateWhole)
        : new MonthSubmissions(GridCount, 0, false, 0);

    public MonthState StateOn(DateOnly month, DateOnly today, int dueDay) =>
        Completeness.StateOf(month, EstablishedOn, DissolvedOn, today, dueDay, Submissions);
}

/// <summary>Counted (submitted) inspections of a subject's month by grid and whole, late ones, and those in review.</summary>
public sealed record MonthCounts(int Grids, int Whole, int LateGrids, int LateWhole, int Returned, int Resubmitted);

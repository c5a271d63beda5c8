using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Supervision;
using SanLing.Infrastructure.Data;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Disputes;

/// <summary>The office's steps of the escalated-dispute flow; each an audited save of the flow record.</summary>
public sealed class DisputeCommands(SanLingDbContext db, DisputeQueries queries, TimeProvider clock)
{
    private DateOnly Today => clock.Today();

    private string By => db.Actor.UserName ?? "";

    public async Task<SaveOutcome> AcceptAsync(int findingId, CancellationToken ct)
    {
        if (await queries.WaitingAsync(findingId, ct) is not { } waiting)
        {
            return await db.EscalatedDisputes.AnyAsync(d => d.FindingId == findingId, ct) ? SaveOutcome.Unchanged : SaveOutcome.NotFound;
        }
        var calendar = (await db.DeadlinesAsync(ct)).Calendar;
        db.EscalatedDisputes.Add(EscalatedDisputeRules.Accept(findingId, waiting.SubjectId, waiting.ReportedOn, By, Today, calendar));
        try
        {
            await db.SaveChangesAsync(ct);
            return SaveOutcome.Saved;
        }
        catch (DbUpdateException)
        {
            // Accepted at the same moment in another tab (unique index on the finding).
            db.ChangeTracker.Clear();
            return SaveOutcome.Unchanged;
        }
    }

    private async Task<SaveOutcome> StepAsync(int findingId, Guid version, Func<EscalatedDispute, WorkingCalendar, bool> step, CancellationToken ct)
    {
        var flow = await db.EscalatedDisputes.FirstOrDefaultAsync(d => d.FindingId == findingId, ct);
        if (flow is null)
        {
            return SaveOutcome.NotFound;
        }
        var calendar = (await db.DeadlinesAsync(ct)).Calendar;
        if (!step(flow, calendar))
        {
            return SaveOutcome.Refused;
        }
        return await db.SaveEditAsync(flow, version, _ => { }, ct);
    }

    public Task<SaveOutcome> AssignAsync(int findingId, AssignForm form, CancellationToken ct) =>
        StepAsync(findingId, form.Version, (d, calendar) => EscalatedDisputeRules.Assign(d, form.AssignedTo!, null, form.LimitDays!.Value, Today, calendar), ct);

    public Task<SaveOutcome> ConcludeAsync(int findingId, ConcludeForm form, CancellationToken ct) =>
        StepAsync(findingId, form.Version, (d, calendar) => EscalatedDisputeRules.Conclude(d, form.Outcome!.Value, form.Note!, By, Today, calendar), ct);

    public Task<SaveOutcome> VerifyAsync(int findingId, VerifyForm form, CancellationToken ct) =>
        StepAsync(findingId, form.Version, (d, calendar) => EscalatedDisputeRules.Verify(d, form.Satisfaction!.Value, form.Note, form.SendBack, By, Today, calendar), ct);
}

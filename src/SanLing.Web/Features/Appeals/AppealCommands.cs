using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Infrastructure.Evaluation;
using SanLing.Web.Features.Attestations;

namespace SanLing.Web.Features.Appeals;

/// <summary>
/// Files and decides appeals. Each step is an audited save (the appeal, its items and evidence rows); an upheld appeal
/// and the run that answers it are written in one transaction.
/// </summary>
public sealed class AppealCommands(SanLingDbContext db, AppealQueries queries, AppealEvidenceStorageService storage, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, Infrastructure.Notifications.NotificationWriter notifications)
{
    /// <summary>Files the appeal (the form checked for its texts and files); returns its id, or why it was refused.</summary>
    public async Task<(int? Id, AppealRefusal Refusal)> FileAsync(AppealForm form, CancellationToken ct)
    {
        var subject = await db.Subjects.AsNoTracking().Where(s => s.Id == form.SubjectId).Select(s => new { s.Id, s.Kind }).FirstOrDefaultAsync(ct);
        if (subject is null || !AppealRules.MayAppealFor(queries.Role, queries.OwnSubjectId, subject.Id, subject.Kind))
        {
            return (null, AppealRefusal.NotYours);
        }
        var run = await db.EvaluationRuns.AsNoTracking().Where(r => r.Id == form.RunId).Select(r => new { r.Id, r.IsPublished, r.PublishedAt }).FirstOrDefaultAsync(ct);
        var result = run is null ? null : await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == run.Id && r.SubjectId == subject.Id)
            .Select(r => new { r.Verdict, r.IsVetoed }).FirstOrDefaultAsync(ct);
        if (run is null || result is null)
        {
            return (null, AppealRefusal.NotPublished);
        }
        var verdicts = await db.ItemResultsOf(db.EvaluationResults.Where(r => r.RunId == run.Id && r.SubjectId == subject.Id)).AsNoTracking()
            .ToDictionaryAsync(i => i.ItemCode, i => i.Verdict, StringComparer.Ordinal, ct);
        var waiting = await db.Appeals.AnyAsync(a => a.SubjectId == subject.Id && a.Status == AppealStatus.Filed, ct);
        DateOnly? publishedOn = run.IsPublished && run.PublishedAt is { } at ? DateOnly.FromDateTime(clock.InTownTime(at).DateTime) : null;
        var codes = form.Items.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        var refusal = AppealRules.CheckFiling(queries.Role, queries.OwnSubjectId, subject.Id, subject.Kind, publishedOn, await queries.TownPeriodDaysAsync(ct),
            clock.Today(), verdicts, result.IsVetoed, codes, form.AgainstVeto, waiting);
        if (refusal != AppealRefusal.None)
        {
            return (null, refusal);
        }

        var appeal = new Appeal
        {
            RunId = run.Id,
            SubjectId = subject.Id,
            FiledAs = queries.Role!.Value,
            FiledByUserId = db.Actor.UserId ?? "",
            FiledBy = db.Actor.UserName ?? "",
            FiledOn = clock.Today(),
            Reason = form.Reason!.Trim(),
            AgainstVeto = form.AgainstVeto,
            VerdictBefore = result.Verdict,
            VetoBefore = result.IsVetoed,
            Items = codes.Select(c => new AppealItem { ItemCode = c, Before = verdicts[c] }).ToList(),
        };
        // Files first (outside the save); removed again if the save fails.
        var written = new List<string>();
        try
        {
            foreach (var file in form.Files)
            {
                var (stored, contentType) = await storage.SaveAsync(file, ct);
                written.Add(stored);
                appeal.Evidence.Add(new AppealEvidence { FileName = EvidenceFile.OriginalName(file), StoredName = stored, ContentType = contentType, Length = file.Length });
            }
            db.Appeals.Add(appeal);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            foreach (var stored in written)
            {
                storage.Delete(stored);
            }
            throw;
        }
        return (appeal.Id, AppealRefusal.None);
    }

    /// <summary>
    /// Upheld (the error in the user's language when the subject cannot be judged again): the subject is judged again from today's data (the office has corrected the record or the attestation)
    /// into a new run answering the appeal, built on the newest run of the appealed run's chain; the appealed run is kept.
    /// </summary>
    public async Task<(SaveOutcome Outcome, AppealRefusal Refusal, string? Error, int? RunId)> UpholdAsync(int id, DecisionForm form, CancellationToken ct)
    {
        var found = await db.Appeals.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.RunId, a.SubjectId, a.Status, a.Version, a.Run!.Year }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return (SaveOutcome.NotFound, AppealRefusal.None, null, null);
        }
        if (found.Status != AppealStatus.Filed)
        {
            return (SaveOutcome.Unchanged, AppealRefusal.WrongStatus, null, null);
        }
        if (found.Version != form.Version)
        {
            return (SaveOutcome.Stale, AppealRefusal.None, null, null);
        }
        var corrections = await (from r in db.EvaluationRuns.AsNoTracking()
                                 join a in db.Appeals.AsNoTracking() on r.AnswersAppealId equals (int?)a.Id
                                 where r.Year == found.Year
                                 select new { r.Id, a.RunId }).ToListAsync(ct);
        var baseRunId = AppealChain.Newest(found.RunId, corrections.Select(c => (c.Id, c.RunId)));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        EvaluationRun run;
        EvaluationResult corrected;
        try
        {
            (run, corrected) = await new EvaluationRunner(db, clock).ReEvaluateSubjectAsync(baseRunId, found.SubjectId, id, ct);
        }
        catch (EvaluationRefusedException ex)
        {
            return (SaveOutcome.Unchanged, AppealRefusal.None, localizer[ex.Format, [.. ex.Args]], null);
        }
        var appeal = await db.Appeals.Include(a => a.Items).SingleAsync(a => a.Id == id, ct);
        db.Entry(appeal).Property(a => a.Version).OriginalValue = form.Version;
        AppealRules.Uphold(appeal, corrected, run.Id, form.Decision, db.Actor.UserName ?? "", clock.Today());
        await TellAppellantAsync(appeal, upheld: true, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (SaveOutcome.Stale, AppealRefusal.None, null, null);
        }
        await transaction.CommitAsync(ct);
        return (SaveOutcome.Saved, AppealRefusal.None, null, run.Id);
    }

    public async Task<(SaveOutcome Outcome, AppealRefusal Refusal)> RejectAsync(int id, DecisionForm form, CancellationToken ct)
    {
        var appeal = await db.Appeals.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (appeal is null)
        {
            return (SaveOutcome.NotFound, AppealRefusal.None);
        }
        db.Entry(appeal).Property(a => a.Version).OriginalValue = form.Version;
        if (AppealRules.Reject(appeal, form.Decision!, db.Actor.UserName ?? "", clock.Today()) is var refusal && refusal != AppealRefusal.None)
        {
            return (SaveOutcome.Unchanged, refusal);
        }
        await TellAppellantAsync(appeal, upheld: false, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (SaveOutcome.Stale, AppealRefusal.None);
        }
        return (SaveOutcome.Saved, AppealRefusal.None);
    }

    /// <summary>The appellant's notification, saved with the decision it announces.</summary>
    private async Task TellAppellantAsync(Appeal appeal, bool upheld, CancellationToken ct)
    {
        var subjectName = await db.Subjects.AsNoTracking().Where(s => s.Id == appeal.SubjectId).Select(s => s.Name).FirstAsync(ct);
        notifications.AppealDecided(appeal.TownId, appeal.FiledByUserId, subjectName, upheld, appeal.Decision);
    }
}

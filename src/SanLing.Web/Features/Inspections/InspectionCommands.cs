using SanLing.Domain.Common;
using SanLing.Domain.Inspections;

namespace SanLing.Web.Features.Inspections;

/// <summary>
/// Writes of the monthly inspection and of finding follow-ups. The form is already validated and the unit checked
/// against the user's scope; the month lock is checked here, inside the save.
/// </summary>
public sealed class InspectionCommands(SanLingDbContext db, AccessScope scope, TimeProvider clock, Photos.PhotoUploadService photos, CurrentActor actor)
{
    private DateOnly Today => clock.Today();

    /// <summary>
    /// Saves a draft or submits; a submitted inspection stays submitted when corrected. A post whose
    /// <see cref="InspectionForm.SubmissionKey"/> the town already holds was received before: <see cref="SaveOutcome.Unchanged"/>,
    /// nothing written.
    /// </summary>
    /// <param name="mayChangeLocked">Office staff may correct a locked month (the audit trail records it).</param>
    public async Task<SaveOutcome> SaveAsync(InspectionUnit unit, DateOnly month, InspectionForm form, bool submit, bool mayChangeLocked, CancellationToken ct)
    {
        var key = Text.Clean(form.SubmissionKey) is { } formKey ? Inspection.SubmissionKeyOf(formKey, submit) : null;
        if (key is not null && await db.Inspections.AnyAsync(i => i.SubmissionKey == key, ct))
        {
            return SaveOutcome.Unchanged;
        }
        if (!mayChangeLocked && await db.MonthLocks.AnyAsync(SignOffRules.Covers(unit.SubjectId, month), ct))
        {
            return SaveOutcome.Locked;
        }
        var inspection = await db.Inspections
            .Include(i => i.Findings)
            .FirstOrDefaultAsync(i => i.SubjectId == unit.SubjectId && i.GridId == unit.GridId && i.Month == month, ct);
        if (inspection is null)
        {
            if (form.Version != Guid.Empty)
            {
                return SaveOutcome.Stale;
            }
            inspection = new Inspection { SubjectId = unit.SubjectId, GridId = unit.GridId, Month = month };
            db.Inspections.Add(inspection);
        }
        else
        {
            // Compare against the version the user loaded; touch the row so that the check always runs.
            var entry = db.Entry(inspection);
            entry.Property(i => i.Version).OriginalValue = form.Version;
            entry.Property(i => i.InspectedOn).IsModified = true;
        }

        inspection.InspectedOn = form.InspectedOn!.Value;
        inspection.Inspector = Text.Clean(form.Inspector);
        inspection.NothingFound = form.NothingFound;
        inspection.SubmissionKey = key;
        if (submit && inspection.Status != InspectionStatus.Submitted)
        {
            var dueDay = await db.Towns.Where(t => t.Id == db.CurrentTownId).Select(t => t.InspectionDueDay).FirstAsync(ct);
            inspection.Status = InspectionStatus.Submitted;
            inspection.SubmittedAt = clock.GetUtcNow();
            inspection.IsLate = MonthPeriod.IsLate(month, Today, dueDay);
        }
        if (submit && inspection.ReviewState == ReviewState.Returned)
        {
            // The correction the office asked for: back into its review queue.
            SignOffRules.Resubmit(inspection, clock.GetUtcNow());
        }

        if (!ApplyFindings(inspection, form))
        {
            return SaveOutcome.NotFound;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return SaveOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveOutcome.Stale;
        }
        catch (DbUpdateException) when (inspection.Id == 0)
        {
            // Someone else created this unit's inspection of the month meanwhile (unique index), or the same key
            // arrived twice at once: the other post was stored.
            return key is not null && await db.Inspections.AsNoTracking().AnyAsync(i => i.SubmissionKey == key, ct) ? SaveOutcome.Unchanged : SaveOutcome.Stale;
        }
    }

    private bool ApplyFindings(Inspection inspection, InspectionForm form)
    {
        foreach (var row in form.FilledFindings)
        {
            Finding finding;
            if (row.Id is { } id)
            {
                var existing = inspection.Findings.FirstOrDefault(f => f.Id == id);
                if (existing is null)
                {
                    return false;
                }
                db.Entry(existing).Property(f => f.Version).OriginalValue = row.Version;
                if (row.Remove)
                {
                    db.Findings.Remove(existing);
                    continue;
                }
                finding = existing;
            }
            else if (row.Remove)
            {
                continue;
            }
            else
            {
                finding = new Finding { Description = "" };
                inspection.Findings.Add(finding);
            }
            Apply(row, finding);
            finding.Photos.AddRange(row.Staged.Select(p => photos.ToEntity(p, actor.UserName)));
        }
        return true;
    }

    private static void Apply(FindingForm row, Finding finding)
    {
        var dispute = row.Type == FindingType.Dispute;
        finding.Type = row.Type!.Value;
        finding.Description = row.Description!.Trim();
        finding.DisputeCategory = dispute ? row.DisputeCategory : null;
        finding.HazardCategory = dispute ? null : row.HazardCategory;
        finding.Parties = dispute ? Text.Clean(row.Parties) : null;
        finding.RiskOfCriminalEscalation = dispute && row.RiskOfCriminalEscalation;
        finding.RiskOfGroupIncident = dispute && row.RiskOfGroupIncident;
        finding.RiskLevel = dispute ? null : row.RiskLevel;
        finding.RectifyBy = dispute ? null : row.RectifyBy;
        finding.Status = row.Status ?? (dispute ? FindingStatus.Mediating : FindingStatus.Rectifying);
        var closed = finding.Status is FindingStatus.Resolved or FindingStatus.Rectified;
        finding.ClosedOn = closed ? row.ClosedOn : null;
        finding.ResolutionMethod = finding.Status == FindingStatus.Resolved ? row.ResolutionMethod : null;
    }

    /// <summary>One tap on the 待办 list: a dispute resolved or escalated, a hazard rectified.</summary>
    /// <param name="after">整改后 photos, checked and written; recorded with the follow-up (the caller discards them otherwise).</param>
    public async Task<(SaveOutcome Outcome, string? Error)> FollowUpAsync(int findingId, FollowUpForm form, IReadOnlyList<Photos.StagedPhoto> after, CancellationToken ct)
    {
        var finding = await scope.Apply(db.Findings, f => f.Inspection!.Subject)
            .Include(f => f.Inspection)
            .Where(f => f.Id == findingId)
            .FirstOrDefaultAsync(ct);
        if (finding is null)
        {
            return (SaveOutcome.NotFound, null);
        }
        if (finding.Status is not (FindingStatus.Mediating or FindingStatus.Rectifying))
        {
            return (SaveOutcome.Refused, "该问题已办结或已上报，无需再次处理。");
        }
        var fits = finding.Type == FindingType.Dispute
            ? form.Outcome is FindingStatus.Resolved or FindingStatus.Escalated
            : form.Outcome is FindingStatus.Rectified;
        if (!fits)
        {
            return (SaveOutcome.Refused, finding.Type == FindingType.Dispute ? "矛盾纠纷只能标记为已化解或上报。" : "安全隐患只能标记为已整改。");
        }
        if (form.ClosedOn is { } closedOn && closedOn < finding.Inspection!.InspectedOn)
        {
            return (SaveOutcome.Refused, "办结日期不能早于发现问题的排查日期。");
        }
        var outcome = await db.SaveEditAsync(finding, form.Version, f =>
        {
            f.Status = form.Outcome!.Value;
            f.ClosedOn = form.Outcome == FindingStatus.Escalated ? null : form.ClosedOn;
            f.ResolutionMethod = form.Outcome == FindingStatus.Resolved ? form.ResolutionMethod : null;
            f.Photos.AddRange(after.Select(p => photos.ToEntity(p, actor.UserName)));
        }, ct);
        return (outcome, outcome == SaveOutcome.Stale ? "保存失败：该问题已被他人更新，请刷新后再处理。" : null);
    }
}

using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Evaluation;

namespace SanLing.Web.Features.Appeals;

/// <summary>
/// Reads appeals. The office sees them all; a liaison or grid worker only those of the subject they may appeal for
/// (<see cref="AppealRules.MayAppealFor"/>); nobody else any. A fixed number of queries per page.
/// </summary>
public sealed class AppealQueries(SanLingDbContext db, AccessScope scope, IHttpContextAccessor http, TimeProvider clock)
{
    public bool IsOffice => http.HttpContext?.User.IsInRole(Roles.Office) == true;

    /// <summary>The role the user appeals in (null for office, leadership, admin).</summary>
    public AppellantRole? Role => http.HttpContext?.User is { } user ? AppealRules.RoleOf(user.IsInRole(Roles.Liaison), user.IsInRole(Roles.GridWorker)) : null;

    /// <summary>The subject the user appeals for: a liaison's own, a grid worker's village/community.</summary>
    public int? OwnSubjectId => Role switch
    {
        AppellantRole.Liaison => scope.SubjectId,
        AppellantRole.GridWorker => scope.TerritoryId,
        _ => null,
    };

    /// <summary>Appeals the user may read.</summary>
    public IQueryable<Appeal> Visible()
    {
        var appeals = db.Appeals.AsNoTracking();
        if (IsOffice)
        {
            return appeals;
        }
        var own = OwnSubjectId;
        return Role switch
        {
            AppellantRole.Liaison => appeals.Where(a => a.SubjectId == own),
            AppellantRole.GridWorker => appeals.Where(a => a.SubjectId == own && (a.Subject!.Kind == SubjectKind.Village || a.Subject.Kind == SubjectKind.Community)),
            _ => appeals.Where(_ => false),
        };
    }

    public Task<int> TownPeriodDaysAsync(CancellationToken ct) =>
        db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId).Select(t => t.AppealPeriodDays).FirstOrDefaultAsync(ct);

    /// <summary>The 公示 period of a run published at <paramref name="publishedAt"/> (town days, town calendar).</summary>
    public AppealNotice NoticeOf(DateTimeOffset publishedAt, int days)
    {
        var first = DateOnly.FromDateTime(clock.InTownTime(publishedAt).DateTime);
        return new AppealNotice(first, AppealRules.LastDay(first, days), days, AppealRules.IsOpen(first, days, clock.Today()));
    }

    /// <summary>The appellant's page: the newest published run with a result for their subject, and their appeals.</summary>
    public async Task<MyAppealsPage?> MineAsync(AppealForm? form, CancellationToken ct)
    {
        if (OwnSubjectId is not { } subjectId)
        {
            return null;
        }
        var subject = await db.Subjects.AsNoTracking().Where(s => s.Id == subjectId).Select(s => new { s.Id, s.Code, s.Name, s.Kind }).FirstOrDefaultAsync(ct);
        if (subject is null || !AppealRules.MayAppealFor(Role, subjectId, subject.Id, subject.Kind))
        {
            return null;
        }
        var appeals = await RowsAsync(Visible().Where(a => a.SubjectId == subjectId), ct);
        var result = await db.EvaluationResults.AsNoTracking()
            .Where(r => r.SubjectId == subjectId && db.EvaluationRuns.Any(run => run.Id == r.RunId && run.IsPublished))
            .OrderByDescending(r => r.RunId)
            .Select(r => new { r.Id, r.RunId, r.Verdict, r.IsVetoed })
            .FirstOrDefaultAsync(ct);
        form ??= new AppealForm();
        if (result is null)
        {
            return new MyAppealsPage(subject.Id, subject.Code, subject.Name, subject.Kind, null, null, null, null, false, [], false, "本单位还没有已公示的评定结果。", form, appeals);
        }
        var run = await db.EvaluationRuns.AsNoTracking().SingleAsync(r => r.Id == result.RunId, ct);
        var notice = NoticeOf(run.PublishedAt ?? run.RunAt, await TownPeriodDaysAsync(ct));
        var titles = (await new EvaluationReports(db).ItemsAsync(run, ct)).ToDictionary(i => i.Code, i => i.Title, StringComparer.Ordinal);
        var items = (await db.EvaluationItemResults.AsNoTracking().Where(i => i.ResultId == result.Id)
                .Select(i => new { i.ItemCode, i.Verdict, i.Reason, i.ReasonData }).ToListAsync(ct))
            .Where(i => AppealRules.IsAppealable(i.Verdict))
            .OrderBy(i => i.ItemCode, StringComparer.Ordinal)
            .Select(i => new AppealableItem(i.ItemCode, titles.GetValueOrDefault(i.ItemCode, ""), i.Verdict, i.Reason, i.ReasonData)).ToList();
        var waiting = appeals.Any(a => a.Status == AppealStatus.Filed);
        string? whyNot = !notice.IsOpen ? "公示期已过，不能再提出申诉。"
            : waiting ? "本单位已有待复核的申诉，复核后才能再次提出。"
            : items.Count == 0 && !result.IsVetoed ? "本单位的评定结果中没有可以申诉的事项。"
            : null;
        form.RunId = run.Id;
        form.SubjectId = subject.Id;
        return new MyAppealsPage(subject.Id, subject.Code, subject.Name, subject.Kind, run.Id, run.Year, notice, result.Verdict, result.IsVetoed, items,
            whyNot is null, whyNot, form, appeals);
    }

    public async Task<AppealQueuePage> QueueAsync(AppealStatus? status, CancellationToken ct)
    {
        var appeals = Visible();
        if (status is { } s)
        {
            appeals = appeals.Where(a => a.Status == s);
        }
        var rows = await RowsAsync(appeals, ct);
        var waiting = await Visible().CountAsync(a => a.Status == AppealStatus.Filed, ct);
        return new AppealQueuePage(rows, status, waiting);
    }

    /// <summary>Appeals waiting for the office (今日工作).</summary>
    public static Task<int> WaitingCountAsync(SanLingDbContext db, CancellationToken ct) =>
        db.Appeals.AsNoTracking().CountAsync(a => a.Status == AppealStatus.Filed, ct);

    private async Task<IReadOnlyList<AppealRow>> RowsAsync(IQueryable<Appeal> appeals, CancellationToken ct)
    {
        var rows = await appeals
            .OrderBy(a => a.Status == AppealStatus.Filed ? 0 : 1).ThenByDescending(a => a.Id)
            .Take(500)
            .Select(a => new
            {
                a.Id, a.SubjectId, a.Subject!.Code, a.Subject.Name, a.Run!.Year, a.RunId, a.FiledOn, a.FiledAs, a.AgainstVeto, a.Status, a.Decision, a.DecidedOn,
                a.CorrectionRunId,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var codes = (await db.AppealItems.AsNoTracking().Where(i => ids.Contains(i.AppealId)).Select(i => new { i.AppealId, i.ItemCode }).ToListAsync(ct))
            .ToLookup(i => i.AppealId, i => i.ItemCode);
        return rows.Select(r => new AppealRow(r.Id, r.SubjectId, r.Code, r.Name, r.Year, r.RunId, r.FiledOn, r.FiledAs,
            codes[r.Id].Order(StringComparer.Ordinal).ToList(), r.AgainstVeto, r.Status, r.Decision, r.DecidedOn, r.CorrectionRunId)).ToList();
    }

    public async Task<AppealDetails?> DetailsAsync(int id, CancellationToken ct)
    {
        var rows = await RowsAsync(Visible().Where(a => a.Id == id), ct);
        if (rows.Count == 0)
        {
            return null;
        }
        var a = await db.Appeals.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Reason, x.FiledBy, x.Subject!.Kind, x.VerdictBefore, x.VerdictAfter, x.VetoBefore, x.VetoAfter, x.DecidedBy, x.Version, x.Run })
            .SingleAsync(ct);
        var titles = (await new EvaluationReports(db).ItemsAsync(a.Run!, ct)).ToDictionary(i => i.Code, i => i.Title, StringComparer.Ordinal);
        var items = await db.AppealItems.AsNoTracking().Where(i => i.AppealId == id).OrderBy(i => i.ItemCode)
            .Select(i => new { i.ItemCode, i.Before, i.After }).ToListAsync(ct);
        var evidence = await db.AppealEvidence.AsNoTracking().Where(e => e.AppealId == id).OrderBy(e => e.Id)
            .Select(e => new EvidenceLine(e.Id, e.FileName, e.ContentType, e.Length)).ToListAsync(ct);
        var attested = await db.RuleSetItems.AsNoTracking().Where(i => i.RuleSetId == a.Run!.RuleSetId).ToListAsync(ct);
        var attestedCodes = attested.Where(i => i.IsAttestedFor(a.Kind)).Select(i => i.Code).ToList();
        return new AppealDetails(rows[0], a.Reason, IsOffice ? a.FiledBy : "", a.Kind, a.VerdictBefore, a.VerdictAfter, a.VetoBefore, a.VetoAfter,
            items.Select(i => new AppealItemView(i.ItemCode, titles.GetValueOrDefault(i.ItemCode, ""), i.Before, i.After)).ToList(),
            evidence, IsOffice ? a.DecidedBy : null, a.Version, IsOffice, attestedCodes);
    }

    /// <summary>An evidence file the user may download (the appellant's side and the office only).</summary>
    public Task<AppealEvidence?> EvidenceAsync(int id, CancellationToken ct)
    {
        var visible = Visible().Select(a => a.Id);
        return db.AppealEvidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && visible.Contains(e.AppealId), ct);
    }
}

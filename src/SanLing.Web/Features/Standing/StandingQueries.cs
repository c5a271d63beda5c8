using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Evaluation;
using SanLing.Web.Features.Evaluation;
using SanLing.Web.Security;

namespace SanLing.Web.Features.Standing;

/// <summary>One item: its reason in Chinese and, where it has them, as codes (rendered in the reader's language).</summary>
public sealed record StandingItem(string Code, string Title, ItemVerdict Verdict, string Reason, string? ReasonData);

public sealed record LastYearResult(int Year, DateOnly AsOf, SubjectVerdict Verdict, IReadOnlyList<StandingItem> Failed);

/// <summary>A liaison's own subject: this year as of the stored as-of run, item by item, last year's published result, what is left to do.</summary>
public sealed record StandingPage(
    string Code,
    string Name,
    SubjectKind Kind,
    DateOnly AsOf,
    SubjectVerdict Verdict,
    IReadOnlyList<StandingItem> Items,
    int OpenHazards,
    LastYearResult? LastYear,
    string? Refusal)
{
    public int SubjectId { get; init; }
}

/// <summary>
/// The liaison's standing is their subject's line of the current year's stored as-of run (预评) — the run the early
/// warning (<see cref="WarningQueries"/>) reads, so the two never disagree — and nothing is judged per visit.
/// </summary>
public sealed class StandingQueries(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const string NotEvaluated = "本单位今年不参加评定。";

    public const string NoAsOfRun = "本年度的预评尚未生成（每晚自动生成），请明天再来查看。";

    public async Task<StandingPage?> LoadAsync(CancellationToken ct)
    {
        if (scope.SubjectId is not { } subjectId)
        {
            return null;
        }
        var subject = await db.Subjects.AsNoTracking().Where(s => s.Id == subjectId)
            .Select(s => new { s.Code, s.Name, s.Kind }).FirstOrDefaultAsync(ct);
        if (subject is null)
        {
            return null;
        }
        var today = clock.Today();
        var lastYear = await LastYearAsync(subjectId, today.Year - 1, ct);
        var openHazards = await db.Findings.AsNoTracking()
            .CountAsync(f => f.Inspection!.SubjectId == subjectId && f.Type == FindingType.Hazard && f.Status == FindingStatus.Rectifying, ct);
        var run = await new WarningQueries(db, clock).CurrentAsOfRunAsync(ct);
        if (run is null)
        {
            return new StandingPage(subject.Code, subject.Name, subject.Kind, today, SubjectVerdict.Pending, [], openHazards, lastYear, NoAsOfRun) { SubjectId = subjectId };
        }
        var result = await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == run.Id && r.SubjectId == subjectId)
            .Select(r => new { r.Id, r.Verdict }).FirstOrDefaultAsync(ct);
        if (result is null)
        {
            // Not active on the run's date (dissolved, or established later): it is not evaluated this year.
            return new StandingPage(subject.Code, subject.Name, subject.Kind, run.AsOf, SubjectVerdict.Pending, [], openHazards, lastYear, NotEvaluated) { SubjectId = subjectId };
        }
        var titles = await db.RuleSetItems.AsNoTracking().Where(i => i.RuleSetId == run.RuleSetId)
            .Select(i => new { i.Code, i.Title, i.SortOrder }).ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        var items = (await db.EvaluationItemResults.AsNoTracking()
                .Where(i => i.ResultId == result.Id && i.Verdict != ItemVerdict.NotApplicable)
                .Select(i => new { i.ItemCode, i.Verdict, i.Reason, i.ReasonData }).ToListAsync(ct))
            .OrderBy(i => titles.TryGetValue(i.ItemCode, out var t) ? t.SortOrder : int.MaxValue).ThenBy(i => i.ItemCode, StringComparer.Ordinal)
            .Select(i => new StandingItem(i.ItemCode, titles.TryGetValue(i.ItemCode, out var t) ? t.Title : "", i.Verdict, i.Reason, i.ReasonData))
            .ToList();
        return new StandingPage(subject.Code, subject.Name, subject.Kind, run.AsOf, result.Verdict, items, openHazards, lastYear, null) { SubjectId = subjectId };
    }

    /// <summary>The subject's result in the latest published run of <paramref name="year"/>, with the items it failed.</summary>
    private async Task<LastYearResult?> LastYearAsync(int subjectId, int year, CancellationToken ct)
    {
        var result = await db.EvaluationResults.AsNoTracking()
            .Where(r => r.SubjectId == subjectId && db.EvaluationRuns.Any(run => run.Id == r.RunId && run.Year == year && run.IsPublished))
            .OrderByDescending(r => r.RunId)
            .Select(r => new
            {
                AsOf = db.EvaluationRuns.Where(run => run.Id == r.RunId).Select(run => run.AsOf).First(),
                r.Verdict,
                Failed = r.Items.Where(i => i.Verdict == ItemVerdict.Fail).OrderBy(i => i.ItemCode)
                    .Select(i => new StandingItem(i.ItemCode, "", i.Verdict, i.Reason, i.ReasonData)).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        return result is null ? null : new LastYearResult(year, result.AsOf, result.Verdict, result.Failed);
    }
}

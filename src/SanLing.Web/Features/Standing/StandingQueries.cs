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

/// <summary>A liaison's own subject: this year as of today item by item, last year's published result, what is left to do.</summary>
public sealed record StandingPage(
    string Code,
    string Name,
    SubjectKind Kind,
    DateOnly AsOf,
    SubjectVerdict Verdict,
    IReadOnlyList<StandingItem> Items,
    IReadOnlyList<ReasonPart> StillToDo,
    int OpenHazards,
    LastYearResult? LastYear,
    string? Refusal);

/// <summary>
/// The liaison's standing is the early warning (<see cref="WarningQueries"/>) for one subject: the same
/// <see cref="EvaluationRunner.JudgeAsync"/> and the same <see cref="WarningQueries.RisksOf"/>, so the two never disagree.
/// The facts are gathered for the town with the gatherer's fixed number of queries, then the liaison's subject is kept.
/// </summary>
public sealed class StandingQueries(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const string NotEvaluated = "本单位今年不参加评定。";

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
        var runner = new EvaluationRunner(db, clock);
        try
        {
            var period = await runner.PeriodAsync(today.Year, today, ct);
            var (ruleSet, evaluations) = await runner.JudgeAsync(period, ct);
            var titles = ruleSet.Items.ToDictionary(i => i.Code, i => i.Title, StringComparer.Ordinal);
            var mine = evaluations.FirstOrDefault(e => e.Facts.SubjectId == subjectId);
            if (mine is null)
            {
                // Not active on today's date (dissolved, or established later): it is not evaluated this year.
                return new StandingPage(subject.Code, subject.Name, subject.Kind, today, SubjectVerdict.Pending, [], [], 0, lastYear, NotEvaluated);
            }
            var items = mine.Items
                .Where(i => i.Verdict != ItemVerdict.NotApplicable)
                .Select(i => new StandingItem(i.Code, titles.GetValueOrDefault(i.Code, ""), i.Verdict, i.Reason, ReasonJson.Write(i.Parts)))
                .ToList();
            var toDo = WarningQueries.RisksOf(mine.Facts, period);
            var openHazards = mine.Facts.Hazards.Count(h => h.Status == FindingStatus.Rectifying);
            return new StandingPage(subject.Code, subject.Name, subject.Kind, today, mine.Verdict, items, toDo, openHazards, lastYear, null);
        }
        catch (EvaluationRefusedException ex)
        {
            return new StandingPage(subject.Code, subject.Name, subject.Kind, today, SubjectVerdict.Pending, [], [], 0, lastYear, ex.Message);
        }
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

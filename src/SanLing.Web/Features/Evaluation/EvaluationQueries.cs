using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Evaluation;

namespace SanLing.Web.Features.Evaluation;

/// <summary>
/// Reads stored runs. Runs are town-filtered; results and items are reached only through a run of the town.
/// Leadership sees published runs only. A fixed number of queries per page.
/// </summary>
public sealed class EvaluationQueries(SanLingDbContext db, IHttpContextAccessor http, Appeals.AppealQueries appeals, TimeProvider clock)
{
    public const int PageSize = 50;

    public bool PublishedOnly => http.HttpContext?.User.IsInRole(Roles.Leadership) == true
        && !http.HttpContext.User.IsInRole(Roles.Office) && !http.HttpContext.User.IsInRole(Roles.Admin);

    private int CurrentYear => clock.Today().Year;

    /// <summary>Leadership: published runs, and the current year's provisional (as-of) run (预评).</summary>
    private IQueryable<EvaluationRun> Runs => db.EvaluationRuns.AsNoTracking()
        .Where(r => !PublishedOnly || r.IsPublished || (r.Kind == EvaluationRunKind.AsOf && r.Year == CurrentYear));

    private EvaluationReports Reports => new(db);

    public async Task<IReadOnlyList<RunRow>> RunsAsync(CancellationToken ct)
    {
        var runs = await Runs.OrderByDescending(r => r.Year).ThenByDescending(r => r.Id).Take(200).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var counts = await db.EvaluationResults.AsNoTracking().Where(r => ids.Contains(r.RunId))
            .GroupBy(r => r.RunId)
            .Select(g => new { RunId = g.Key, Subjects = g.Count(), Compliant = g.Count(x => x.Verdict == SubjectVerdict.Compliant), Pending = g.Count(x => x.Verdict == SubjectVerdict.Pending) })
            .ToDictionaryAsync(c => c.RunId, ct);
        return runs.Select(r => Row(r, counts.TryGetValue(r.Id, out var c) ? (c.Subjects, c.Compliant, c.Pending) : (0, 0, 0))).ToList();
    }

    private static RunRow Row(EvaluationRun r, (int Subjects, int Compliant, int Pending) c) =>
        new(r.Id, r.Year, r.AsOf, r.RunAt, r.RunBy, r.IsPublished, r.PublishedAt, c.Subjects, c.Compliant, c.Pending, r.Version, r.Kind);

    public async Task<RunRow?> RunAsync(int id, CancellationToken ct)
    {
        var run = await Runs.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return null;
        }
        var c = await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == id)
            .GroupBy(r => r.RunId)
            .Select(g => new { Subjects = g.Count(), Compliant = g.Count(x => x.Verdict == SubjectVerdict.Compliant), Pending = g.Count(x => x.Verdict == SubjectVerdict.Pending) })
            .FirstOrDefaultAsync(ct);
        var notice = run is { IsPublished: true, PublishedAt: { } at } ? appeals.NoticeOf(at, await appeals.TownPeriodDaysAsync(ct)) : null;
        return Row(run, c is null ? (0, 0, 0) : (c.Subjects, c.Compliant, c.Pending)) with { AppealNotice = notice, AnswersAppealId = run.AnswersAppealId };
    }

    public async Task<ResultsPage?> ResultsAsync(int id, ResultFilter filter, bool canPublish, PathString path, QueryString query, CancellationToken ct)
    {
        var row = await RunAsync(id, ct);
        if (row is null)
        {
            return null;
        }
        var run = await Runs.SingleAsync(r => r.Id == id, ct);
        var ruleSet = await db.RuleSets.AsNoTracking().Where(r => r.Id == run.RuleSetId).Select(r => new { r.Name, FromCounty = r.CountyRuleSetId != null, r.CountyRevision }).SingleAsync(ct);
        var ruleSetName = ruleSet.Name;
        var rates = await Reports.RatesAsync(run, ct);

        var previousYear = await Runs.Where(r => r.Year == run.Year - 1 && r.Kind == EvaluationRunKind.Annual).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var previousRates = previousYear is null ? null : await Reports.RatesAsync(previousYear, ct);
        var previousSameYear = await Runs.Where(r => r.Year == run.Year && r.Id < run.Id).OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);

        static IReadOnlyList<RateWithTrend> Trend(IReadOnlyList<RateRow> rows, IReadOnlyList<RateRow>? before) =>
            rows.Select(r => new RateWithTrend(r, before?.FirstOrDefault(b => b.Label == r.Label)?.Rate)).ToList();

        var results = db.EvaluationResults.AsNoTracking().Where(r => r.RunId == id);
        if (filter.Verdict is { } verdict)
        {
            results = results.Where(r => r.Verdict == verdict);
        }
        if (filter.Kind is { } kind)
        {
            results = results.Where(r => r.Kind == kind);
        }
        if (filter.TerritoryId is { } territory)
        {
            results = results.Where(r => r.TerritoryId == territory || r.SubjectId == territory);
        }
        var total = await results.CountAsync(ct);
        var page = PageInfo.Clamp(filter.Page);
        var rows = await results
            .OrderBy(r => r.Verdict == SubjectVerdict.NonCompliant ? 0 : r.Verdict == SubjectVerdict.Pending ? 1 : 2)
            .ThenBy(r => r.Subject!.Code)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new
            {
                r.Id, r.SubjectId, r.Subject!.Code, r.Subject.Name, r.Kind,
                TerritoryName = r.Subject.Territory == null ? null : r.Subject.Territory.Name,
                r.Verdict, r.ConsecutiveCompliantYears, r.Honour, r.IsVetoed,
            })
            .ToListAsync(ct);
        var resultIds = rows.Select(r => r.Id).ToList();
        var open = (await db.EvaluationItemResults.AsNoTracking()
                .Where(i => resultIds.Contains(i.ResultId) && (i.Verdict == ItemVerdict.Fail || i.Verdict == ItemVerdict.Pending))
                .Select(i => new { i.ResultId, i.ItemCode, i.Verdict }).ToListAsync(ct))
            .ToLookup(i => i.ResultId);
        var subjects = rows.Select(r => new SubjectResultRow(r.SubjectId, r.Code, r.Name, r.Kind, r.TerritoryName, r.Verdict,
            r.ConsecutiveCompliantYears, r.Honour, r.IsVetoed,
            open[r.Id].Where(i => i.Verdict == ItemVerdict.Fail).Select(i => i.ItemCode).Order(StringComparer.Ordinal).ToList(),
            open[r.Id].Where(i => i.Verdict == ItemVerdict.Pending).Select(i => i.ItemCode).Order(StringComparer.Ordinal).ToList())).ToList();

        var territories = (await db.Subjects.AsNoTracking().Where(Subject.IsTerritory)
                .OrderBy(s => s.Code).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(t => (t.Id, t.Name)).ToList();

        return new ResultsPage(row, ruleSetName,
            Trend(rates.Groups, previousRates?.Groups), Trend(rates.Kinds, previousRates?.Kinds), Trend(rates.Territories, previousRates?.Territories),
            previousYear?.Id, previousSameYear, filter, subjects, new PageInfo(page, PageSize, total, path, query), territories, canPublish && run.CanBePublished)
        {
            ChangedOnAppeal = await Reports.ChangedOnAppealAsync(run, ct),
            ItemTitles = await ItemTitlesAsync(run.RuleSetId, ct),
            RuleSetFromCounty = ruleSet.FromCounty,
            RuleSetCountyRevision = ruleSet.CountyRevision,
        };
    }

    public async Task<SubjectCard?> CardAsync(int id, int subjectId, CancellationToken ct)
    {
        var row = await RunAsync(id, ct);
        if (row is null)
        {
            return null;
        }
        var result = await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == id && r.SubjectId == subjectId)
            .Select(r => new
            {
                r.Id, r.Subject!.Code, r.Subject.Name, r.Kind,
                TerritoryName = r.Subject.Territory == null ? null : r.Subject.Territory.Name,
                r.Verdict, r.ConsecutiveCompliantYears, r.Honour, r.IsVetoed,
            })
            .FirstOrDefaultAsync(ct);
        if (result is null)
        {
            return null;
        }
        var run = await Runs.SingleAsync(r => r.Id == id, ct);
        var titles = (await Reports.ItemsAsync(run, ct)).ToList();
        var items = await db.EvaluationItemResults.AsNoTracking().Where(i => i.ResultId == result.Id)
            .Select(i => new { i.ItemCode, i.Verdict, i.Reason, i.ReasonData }).ToListAsync(ct);
        var ordered = titles.Select(t => (t, item: items.FirstOrDefault(i => i.ItemCode == t.Code)))
            .Where(x => x.item is not null)
            .Select(x => new ItemCardRow(x.t.Code, x.t.Title, x.item!.Verdict, x.item.Reason, x.item.ReasonData)).ToList();
        return new SubjectCard(row, result.Code, result.Name, result.Kind, result.TerritoryName, result.Verdict,
            result.ConsecutiveCompliantYears, result.Honour, result.IsVetoed, ordered) { SubjectId = subjectId };
    }

    public async Task<ListsPage?> ListsAsync(int id, CancellationToken ct)
    {
        var row = await RunAsync(id, ct);
        if (row is null)
        {
            return null;
        }
        var run = await Runs.SingleAsync(r => r.Id == id, ct);
        var lines = await Reports.ResultLinesAsync(run, ct);
        var incidents = await Reports.FlaggedIncidentsAsync(run, ct);
        return new ListsPage(row,
            lines.Where(l => l.Honour != Honour.None).OrderByDescending(l => l.ConsecutiveCompliantYears).ThenBy(l => l.Code, StringComparer.Ordinal).ToList(),
            lines.Where(l => l.IsVetoed).ToList(),
            incidents)
        {
            ChangedOnAppeal = await Reports.ChangedOnAppealAsync(run, ct),
        };
    }

    public async Task<ComparePage?> CompareAsync(int id, CancellationToken ct)
    {
        var row = await RunAsync(id, ct);
        if (row is null)
        {
            return null;
        }
        var previousId = await Runs.Where(r => r.Year == row.Year && r.Id < id).OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (previousId is not { } pid)
        {
            return new ComparePage(row, null, []);
        }
        var previous = await RunAsync(pid, ct);
        var results = await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == id || r.RunId == pid)
            .Select(r => new { r.RunId, r.SubjectId, r.Subject!.Code, r.Subject.Name, r.Kind, r.Verdict }).ToListAsync(ct);
        var items = (await (from i in db.EvaluationItemResults.AsNoTracking()
                            join r in db.EvaluationResults.AsNoTracking() on i.ResultId equals r.Id
                            where r.RunId == id || r.RunId == pid
                            select new { r.RunId, r.SubjectId, i.ItemCode, i.Verdict }).ToListAsync(ct))
            .ToLookup(i => i.SubjectId);
        var changes = new List<VerdictChange>();
        foreach (var subject in results.GroupBy(r => r.SubjectId))
        {
            var before = subject.FirstOrDefault(r => r.RunId == pid);
            var after = subject.FirstOrDefault(r => r.RunId == id);
            if (before?.Verdict == after?.Verdict)
            {
                continue;
            }
            var any = after ?? before!;
            var itemChanges = items[subject.Key].GroupBy(i => i.ItemCode)
                .Select(g => (Code: g.Key, Before: g.FirstOrDefault(i => i.RunId == pid)?.Verdict, After: g.FirstOrDefault(i => i.RunId == id)?.Verdict))
                .Where(c => c.Before != c.After)
                .OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
            changes.Add(new VerdictChange(any.Code, any.Name, any.Kind, before?.Verdict, after?.Verdict, itemChanges));
        }
        var ruleSetId = await Runs.Where(r => r.Id == id).Select(r => r.RuleSetId).SingleAsync(ct);
        return new ComparePage(row, previous, changes.OrderBy(c => c.Code, StringComparer.Ordinal).ToList()) { ItemTitles = await ItemTitlesAsync(ruleSetId, ct) };
    }

    private async Task<IReadOnlyDictionary<string, string>> ItemTitlesAsync(int ruleSetId, CancellationToken ct) =>
        await db.RuleSetItems.AsNoTracking().Where(i => i.RuleSetId == ruleSetId).ToDictionaryAsync(i => i.Code, i => i.Title, StringComparer.Ordinal, ct);

    /// <summary>The stored run for the annual report download (published only for leadership).</summary>
    public Task<EvaluationRun?> StoredRunAsync(int id, CancellationToken ct) => Runs.FirstOrDefaultAsync(r => r.Id == id, ct);
}

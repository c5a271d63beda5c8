using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Dashboard;

/// <summary>
/// The leadership dashboard and its drill-downs, read from stored published runs with a fixed number of set-based
/// queries (their count does not depend on the number of subjects). Aggregates and subject verdicts only.
/// </summary>
public sealed class DashboardQueries(SanLingDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public DateOnly Today => clock.Today();

    internal sealed record RunInfo(int Id, int Year, DateOnly AsOf, DateTimeOffset RunAt, int RuleSetId, EvaluationRunKind Kind)
    {
        public bool IsProvisional => Kind == EvaluationRunKind.AsOf;
    }

    /// <summary>Published runs, and the current year's provisional run (预评, stored nightly): what leadership reads.</summary>
    private IQueryable<EvaluationRun> VisibleRuns
    {
        get
        {
            return db.EvaluationRuns.AsNoTracking().Where(IsVisible(Today.Year));
        }
    }

    /// <summary>What leadership reads (the town's and the county's dashboards): published runs, and the current year's as-of run.</summary>
    internal static System.Linq.Expressions.Expression<Func<EvaluationRun, bool>> IsVisible(int currentYear) =>
        r => r.IsPublished || (r.Kind == EvaluationRunKind.AsOf && r.Year == currentYear);

    /// <summary>The run shown for a year: its latest published run, else (the current year) its latest as-of run.</summary>
    internal static RunInfo ShownRun(IEnumerable<RunInfo> runsOfYear) =>
        runsOfYear.OrderBy(r => r.IsProvisional).ThenByDescending(r => r.RunAt).ThenByDescending(r => r.Id).First();

    /// <summary>
    /// By year: the latest published run (max RunAt among the year's published runs); for the current year, while it is
    /// not published, its latest as-of run.
    /// </summary>
    private async Task<SortedDictionary<int, RunInfo>> LatestRunsAsync(CancellationToken ct)
    {
        var runs = await VisibleRuns
            .Select(r => new RunInfo(r.Id, r.Year, r.AsOf, r.RunAt, r.RuleSetId, r.Kind))
            .ToListAsync(ct);
        return new SortedDictionary<int, RunInfo>(runs.GroupBy(r => r.Year)
            .ToDictionary(g => g.Key, g => ShownRun(g)));
    }

    public async Task<LeadershipDashboard> LeadershipAsync(int? year, int? territoryId, CancellationToken ct)
    {
        var runs = await LatestRunsAsync(ct);
        var territories = await db.Subjects.AsNoTracking()
            .Where(Subject.IsTerritory)
            .OrderBy(s => s.Code)
            .Select(s => new TerritoryOption(s.Id, s.Code, s.Name))
            .ToListAsync(ct);
        var territory = territories.FirstOrDefault(t => t.Id == territoryId);
        var tid = territory?.Id;
        RunInfo? run = year is { } y && runs.TryGetValue(y, out var chosen) ? chosen : runs.Count > 0 ? runs.Values.Last() : null;
        var shownYear = run?.Year ?? year ?? Today.Year;

        var runIds = runs.Values.Select(r => r.Id).ToList();
        var ruleSetIds = runs.Values.Select(r => r.RuleSetId).Distinct().ToList();
        var targets = await db.RuleSets.AsNoTracking().Where(r => ruleSetIds.Contains(r.Id))
            .Select(r => new { r.Id, r.VillageCommunityTarget, r.EnterpriseUnitTarget })
            .ToDictionaryAsync(r => r.Id, ct);

        // One GROUP BY over every year's latest run: the trend, the year's group counts, honours and vetoes.
        var results = db.EvaluationResults.AsNoTracking().Where(r => runIds.Contains(r.RunId));
        if (tid is { } t1)
        {
            results = results.Where(r => r.SubjectId == t1 || r.TerritoryId == t1);
        }
        var counts = await results
            .GroupBy(r => new { r.RunId, r.Kind, r.Verdict, r.Honour, r.IsVetoed })
            .Select(g => new { g.Key.RunId, g.Key.Kind, g.Key.Verdict, g.Key.Honour, g.Key.IsVetoed, Count = g.Count() })
            .ToListAsync(ct);

        VerdictCounts Tally(int runId, SubjectGroup group) => counts
            .Where(c => c.RunId == runId && c.Kind.Group() == group)
            .Aggregate(VerdictCounts.Empty, (acc, c) => acc.Add(c.Verdict, c.Count));

        var points = runs.Values.Select(r => new TrendPoint(r.Year, r.Id,
                Tally(r.Id, SubjectGroup.VillageCommunity), Tally(r.Id, SubjectGroup.EnterpriseUnit),
                targets.TryGetValue(r.RuleSetId, out var tg) ? tg.VillageCommunityTarget : 0.90m,
                targets.TryGetValue(r.RuleSetId, out var te) ? te.EnterpriseUnitTarget : 0.95m))
            .ToList();
        // The trend is of published years: a provisional year's pending subjects would read as a fall.
        var provisionalIds = runs.Values.Where(r => r.IsProvisional).Select(r => r.Id).ToHashSet();
        var trend = points.Where(p => !provisionalIds.Contains(p.RunId)).ToList();

        var groups = new List<GroupStanding>();
        var honours = new List<HonourCount>();
        var vetoed = 0;
        var byTerritory = new List<TerritoryStanding>();
        if (run is not null)
        {
            var point = points.Single(p => p.RunId == run.Id);
            groups.Add(new GroupStanding(SubjectGroup.VillageCommunity, point.VillageCommunity, point.VillageCommunityTarget));
            groups.Add(new GroupStanding(SubjectGroup.EnterpriseUnit, point.EnterpriseUnit, point.EnterpriseUnitTarget));
            var ofRun = counts.Where(c => c.RunId == run.Id).ToList();
            honours = Enum.GetValues<Honour>().Where(h => h != Honour.None)
                .Select(h => new HonourCount(h, ofRun.Where(c => c.Honour == h).Sum(c => c.Count))).ToList();
            vetoed = ofRun.Where(c => c.IsVetoed).Sum(c => c.Count);
            byTerritory = await ByTerritoryAsync(run.Id, territories, ct);
        }

        var incidents = await IncidentsByMonthAsync(shownYear, tid, ct);
        var inspections = await InspectionsByMonthAsync(shownYear, tid, ct);
        var deadlines = await db.DeadlinesAsync(ct);
        var escalated = await db.SupervisionOrders.AsNoTracking().CountAsync(Domain.Supervision.SupervisionRules.EscalatedBy(deadlines.BoundsOn(clock.Today())), ct);
        return new LeadershipDashboard(run?.Year, run?.Id, run?.AsOf, runs.Keys.Reverse().ToList(), tid, territory?.Name, territories,
            groups, trend, byTerritory, incidents, inspections, honours, vetoed)
        {
            EscalatedOrders = escalated,
            IsProvisional = run?.IsProvisional ?? false,
            ProvisionalYears = runs.Values.Where(r => r.IsProvisional).Select(r => r.Year).ToList(),
        };
    }

    /// <summary>Each territory: the village/community itself plus the enterprises and units whose 属地 it is.</summary>
    private async Task<List<TerritoryStanding>> ByTerritoryAsync(int runId, IReadOnlyList<TerritoryOption> territories, CancellationToken ct)
    {
        var rows = await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == runId)
            .Select(r => new
            {
                Territory = r.Kind == SubjectKind.Village || r.Kind == SubjectKind.Community ? (int?)r.SubjectId : r.TerritoryId,
                Own = r.Kind == SubjectKind.Village || r.Kind == SubjectKind.Community,
                r.Verdict,
            })
            .GroupBy(r => new { r.Territory, r.Own, r.Verdict })
            .Select(g => new { g.Key.Territory, g.Key.Own, g.Key.Verdict, Count = g.Count() })
            .ToListAsync(ct);
        return territories
            .Where(t => rows.Any(r => r.Territory == t.Id))
            .Select(t =>
            {
                var mine = rows.Where(r => r.Territory == t.Id).ToList();
                var own = mine.FirstOrDefault(r => r.Own)?.Verdict;
                var enterprises = mine.Where(r => !r.Own).Aggregate(VerdictCounts.Empty, (acc, r) => acc.Add(r.Verdict, r.Count));
                var all = mine.Aggregate(VerdictCounts.Empty, (acc, r) => acc.Add(r.Verdict, r.Count));
                return new TerritoryStanding(t.Id, t.Code, t.Name, own, enterprises, all);
            })
            .OrderByDescending(t => t.All.Rate ?? -1).ThenBy(t => t.Code, StringComparer.Ordinal)
            .ToList();
    }

    private int LastMonthShown(int year) => year < Today.Year ? 12 : year == Today.Year ? Today.Month : 0;

    /// <summary>New petitions, accidents and cases of the year by month (three GROUP BY queries).</summary>
    internal async Task<List<MonthIncidents>> IncidentsByMonthAsync(int year, int? territoryId, CancellationToken ct)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var petitions = await ByMonthAsync(db.Petitions.AsNoTracking().Where(p => p.OccurredOn >= start && p.OccurredOn <= end)
            .Where(p => territoryId == null || p.SubjectId == territoryId || p.Subject!.TerritoryId == territoryId)
            .Select(p => p.OccurredOn), ct);
        var accidents = await ByMonthAsync(db.Accidents.AsNoTracking().Where(p => p.OccurredOn >= start && p.OccurredOn <= end)
            .Where(p => territoryId == null || p.SubjectId == territoryId || p.Subject!.TerritoryId == territoryId)
            .Select(p => p.OccurredOn), ct);
        var cases = await ByMonthAsync(db.Cases.AsNoTracking().Where(p => p.OccurredOn >= start && p.OccurredOn <= end)
            .Where(p => territoryId == null || p.SubjectId == territoryId || p.Subject!.TerritoryId == territoryId)
            .Select(p => p.OccurredOn), ct);
        return Enumerable.Range(1, LastMonthShown(year))
            .Select(m => new MonthIncidents(m, petitions.GetValueOrDefault(m), accidents.GetValueOrDefault(m), cases.GetValueOrDefault(m)))
            .ToList();
    }

    private static async Task<Dictionary<int, int>> ByMonthAsync(IQueryable<DateOnly> days, CancellationToken ct) =>
        await days.GroupBy(d => d.Month).Select(g => new { Month = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Month, g => g.Count, ct);

    /// <summary>
    /// Submitted inspections ÷ expected by month. Expected: the grids of active villages/communities, and for active
    /// enterprises/units their workshops, or 1 without any (three GROUP BY queries).
    /// </summary>
    internal async Task<List<MonthInspections>> InspectionsByMonthAsync(int year, int? territoryId, CancellationToken ct)
    {
        var subjects = db.Subjects.AsNoTracking().Where(s => territoryId == null || s.Id == territoryId || s.TerritoryId == territoryId);
        var grids = await db.Grids.AsNoTracking()
            .Where(g => subjects.Any(s => s.Id == g.SubjectId))
            .GroupBy(g => new { g.Subject!.EstablishedOn, g.Subject.DissolvedOn })
            .Select(g => new { g.Key.EstablishedOn, g.Key.DissolvedOn, Count = g.Count() })
            .ToListAsync(ct);
        var wholeSubjects = await subjects
            // NOT IN over a non-correlated subquery: SQLite would otherwise scan the grids once per subject.
            .Where(Subject.IsEnterpriseOrUnit).Where(s => !db.Grids.Select(g => g.SubjectId).Contains(s.Id))
            .GroupBy(s => new { s.EstablishedOn, s.DissolvedOn })
            .Select(g => new { g.Key.EstablishedOn, g.Key.DissolvedOn, Count = g.Count() })
            .ToListAsync(ct);
        var first = MonthPeriod.Of(year, 1);
        var last = MonthPeriod.Of(year, 12);
        var inspections = db.Inspections.AsNoTracking().Where(SignOffRules.CountsAsSubmitted).Where(i => i.Month >= first && i.Month <= last);
        if (territoryId is not null)
        {
            // Only for a territory: for the whole town the town filter suffices, and a per-row lookup of the subject costs.
            inspections = inspections.Where(i => subjects.Any(s => s.Id == i.SubjectId));
        }
        var submitted = await inspections
            .GroupBy(i => i.Month)
            .Select(g => new { Month = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Month.Month, g => g.Count, ct);

        return Enumerable.Range(1, LastMonthShown(year)).Select(m =>
        {
            var month = MonthPeriod.Of(year, m);
            var expected = grids.Where(g => Completeness.IsRequired(month, g.EstablishedOn, g.DissolvedOn)).Sum(g => g.Count)
                + wholeSubjects.Where(s => Completeness.IsRequired(month, s.EstablishedOn, s.DissolvedOn)).Sum(s => s.Count);
            return new MonthInspections(m, submitted.GetValueOrDefault(m), expected);
        }).ToList();
    }

    /// <summary>A visible run's subjects with their verdicts (paged in SQL), or null when the run is not published (nor the current as-of run) here.</summary>
    public async Task<ResultListPage?> ResultsAsync(int runId, ResultFilter filter, string path, QueryString query, CancellationToken ct)
    {
        var run = await PublishedRunAsync(runId, ct);
        if (run is null)
        {
            return null;
        }
        var results = db.EvaluationResults.AsNoTracking().Where(r => r.RunId == runId);
        string? territoryName = null;
        if (filter.TerritoryId is { } t)
        {
            results = results.Where(r => r.SubjectId == t || r.TerritoryId == t);
            territoryName = await db.Subjects.AsNoTracking().Where(s => s.Id == t).Select(s => s.Name).FirstOrDefaultAsync(ct);
        }
        if (filter.Group == SubjectGroup.VillageCommunity)
        {
            results = results.Where(r => r.Kind == SubjectKind.Village || r.Kind == SubjectKind.Community);
        }
        else if (filter.Group == SubjectGroup.EnterpriseUnit)
        {
            results = results.Where(r => r.Kind == SubjectKind.Enterprise || r.Kind == SubjectKind.Unit);
        }
        var beforeVerdict = results;
        if (filter.Verdict is { } v)
        {
            results = results.Where(r => r.Verdict == v);
        }
        if (filter.Honour is { } h)
        {
            results = results.Where(r => r.Honour == h);
        }
        if (filter.Vetoed)
        {
            results = results.Where(r => r.IsVetoed);
        }
        var counts = (await beforeVerdict.GroupBy(r => r.Verdict).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Aggregate(VerdictCounts.Empty, (acc, c) => acc.Add(c.Key, c.Count));
        var total = await results.CountAsync(ct);
        var page = PageInfo.Clamp(filter.Page);
        var rows = await ToRows(results.OrderBy(r => r.Subject!.Code)).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new ResultListPage(run.Id, run.Year, run.AsOf, filter, territoryName, counts, rows, new PageInfo(page, PageSize, total, path, query))
        {
            IsProvisional = run.IsProvisional,
        };
    }

    /// <summary>One subject's stored item verdicts and reasons in a published run.</summary>
    public async Task<SubjectCard?> SubjectAsync(int runId, int subjectId, CancellationToken ct)
    {
        var run = await PublishedRunAsync(runId, ct);
        if (run is null)
        {
            return null;
        }
        var result = await ToRows(db.EvaluationResults.AsNoTracking().Where(r => r.RunId == runId && r.SubjectId == subjectId)).FirstOrDefaultAsync(ct);
        if (result is null)
        {
            return null;
        }
        var items = await db.ItemResultsOf(db.EvaluationResults.Where(r => r.RunId == runId && r.SubjectId == subjectId)).AsNoTracking()
            .Select(i => new { i.ItemCode, i.Verdict, i.Reason, i.ReasonData })
            .ToListAsync(ct);
        var titles = await db.RuleSetItems.AsNoTracking().Where(i => i.RuleSetId == run.RuleSetId)
            .Select(i => new { i.Code, i.Title, i.SortOrder }).ToListAsync(ct);
        var order = titles.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var rows = items
            .OrderBy(i => order.TryGetValue(i.ItemCode, out var o) ? o.SortOrder : int.MaxValue).ThenBy(i => i.ItemCode, StringComparer.Ordinal)
            .Select(i => new ItemRow(i.ItemCode, order.TryGetValue(i.ItemCode, out var o) ? o.Title : "", i.Verdict, i.Reason, i.ReasonData))
            .ToList();
        return new SubjectCard(run.Id, run.Year, run.AsOf, result, rows) { IsProvisional = run.IsProvisional };
    }

    private Task<RunInfo?> PublishedRunAsync(int runId, CancellationToken ct) =>
        VisibleRuns.Where(r => r.Id == runId)
            .Select(r => new RunInfo(r.Id, r.Year, r.AsOf, r.RunAt, r.RuleSetId, r.Kind))
            .FirstOrDefaultAsync(ct);

    private static IQueryable<ResultRow> ToRows(IQueryable<EvaluationResult> results) =>
        results.Select(r => new ResultRow(r.SubjectId, r.Subject!.Code, r.Subject.Name, r.Kind, r.Subject.Territory != null ? r.Subject.Territory.Name : null,
            r.Verdict, r.ConsecutiveCompliantYears, r.Honour, r.IsVetoed));
}

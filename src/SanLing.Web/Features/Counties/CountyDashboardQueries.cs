using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Subjects;
using SanLing.Domain.Supervision;
using SanLing.Web.Features.Dashboard;

namespace SanLing.Web.Features.Counties;

/// <summary>
/// The county roll-up, read from the towns' STORED runs (never evaluated here) and aggregates, with a fixed number of
/// set-based queries whatever the number of towns: each reads across the county's towns with the town filter lifted
/// and restricted explicitly to those towns' ids.
/// </summary>
public sealed class CountyDashboardQueries(SanLingDbContext db, TimeProvider clock)
{
    private DateOnly Today => clock.Today();

    private sealed record TownRow(int Id, string Code, string Name, int DueDay);

    public async Task<CountyDashboard?> LoadAsync(int countyId, int? year, CancellationToken ct)
    {
        var countyName = await db.Counties.AsNoTracking().Where(c => c.Id == countyId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (countyName is null)
        {
            return null;
        }
        var towns = await TownsAsync(countyId, ct);
        var runs = await RunsAsync(towns, ct);
        var years = runs.Select(r => r.Year).Distinct().OrderByDescending(y => y).ToList();
        var provisionalYears = runs.Where(r => r.IsProvisional).Select(r => r.Year).Distinct().ToList();
        // The year asked for when it has runs; else the current year's (as-of) runs, else the latest year with runs.
        var shownYear = year is { } y && years.Contains(y) ? y
            : years.Contains(Today.Year) ? Today.Year
            : years.Count > 0 ? years[0] : Today.Year;

        var ofYear = runs.Where(r => r.Year == shownYear).ToDictionary(r => r.TownId);
        var ranked = ofYear.Values.OrderByDescending(r => r.RankingKey).ThenBy(r => towns.First(t => t.Id == r.TownId).Code, StringComparer.Ordinal)
            .Select((r, i) => (r.TownId, Rank: i + 1)).ToDictionary(r => r.TownId, r => r.Rank);
        // A town without a run of the year (no as-of run yet in the current year) shows its latest published earlier year.
        var earlierPublished = runs.Where(r => !r.IsProvisional && r.Year < shownYear).GroupBy(r => r.TownId)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Year)!.Run);
        var standings = towns
            .Select(t => new TownStanding(new CountyTown(t.Id, t.Code, t.Name), ofYear.GetValueOrDefault(t.Id)?.Run, ranked.TryGetValue(t.Id, out var rank) ? rank : null)
            {
                EarlierPublished = ofYear.ContainsKey(t.Id) ? null : earlierPublished.GetValueOrDefault(t.Id),
            })
            .OrderBy(s => s.Rank ?? int.MaxValue).ThenBy(s => s.Town.Code, StringComparer.Ordinal)
            .ToList();

        var shown = ofYear.Values.ToList();
        var trend = runs.Where(r => !r.IsProvisional).GroupBy(r => r.Year).OrderBy(g => g.Key)
            .Select(g => new CountyTrendPoint(g.Key, g.Count(), Sum(g.Select(r => r.VillageCommunity)), Sum(g.Select(r => r.EnterpriseUnit))))
            .ToList();
        var work = await WorkAsync(towns, shownYear, ct);
        return new CountyDashboard(countyId, countyName, shownYear, years, provisionalYears,
            Sum(shown.Select(r => r.VillageCommunity)), Sum(shown.Select(r => r.EnterpriseUnit)),
            shown.Count == 0 ? 0.90m : shown.Max(r => r.VillageCommunityTarget), shown.Count == 0 ? 0.95m : shown.Max(r => r.EnterpriseUnitTarget),
            standings, trend, work)
        {
            TargetsDiffer = shown.Select(r => (r.VillageCommunityTarget, r.EnterpriseUnitTarget)).Distinct().Count() > 1,
        };
    }

    private static VerdictCounts Sum(IEnumerable<VerdictCounts> counts) =>
        counts.Aggregate(VerdictCounts.Empty, (acc, c) => new VerdictCounts(acc.Compliant + c.Compliant, acc.NonCompliant + c.NonCompliant, acc.Pending + c.Pending));

    private async Task<List<TownRow>> TownsAsync(int countyId, CancellationToken ct) =>
        await db.Towns.AsNoTracking().Where(t => t.CountyId == countyId).OrderBy(t => t.Code)
            .Select(t => new TownRow(t.Id, t.Code, t.Name, t.InspectionDueDay)).ToListAsync(ct);

    /// <summary>A town's run as the county reads it (with the town it belongs to).</summary>
    internal sealed record CountyRun(int TownId, TownRun Run)
    {
        public int Year => Run.Year;
        public bool IsProvisional => Run.IsProvisional;
        public VerdictCounts VillageCommunity => Run.VillageCommunity;
        public VerdictCounts EnterpriseUnit => Run.EnterpriseUnit;
        public decimal VillageCommunityTarget => Run.VillageCommunityTarget;
        public decimal EnterpriseUnitTarget => Run.EnterpriseUnitTarget;
        public decimal RankingKey => Run.RankingKey;
    }

    /// <summary>
    /// Every town's shown run of every year (the choice of the town dashboard, <see cref="DashboardQueries.ShownRun"/>),
    /// with its counts by group and its rule set's targets: three queries for all towns and years.
    /// </summary>
    private async Task<List<CountyRun>> RunsAsync(IReadOnlyList<TownRow> towns, CancellationToken ct)
    {
        var townIds = towns.Select(t => t.Id).ToList();
        var stored = await db.EvaluationRuns.IgnoreQueryFilters().AsNoTracking()
            .Where(r => townIds.Contains(r.TownId))
            .Where(DashboardQueries.IsVisible(Today.Year))
            .Select(r => new { r.TownId, Info = new DashboardQueries.RunInfo(r.Id, r.Year, r.AsOf, r.RunAt, r.RuleSetId, r.Kind) })
            .ToListAsync(ct);
        var shown = stored.GroupBy(r => (r.TownId, r.Info.Year))
            .Select(g => (g.Key.TownId, Run: DashboardQueries.ShownRun(g.Select(r => r.Info))))
            .ToList();
        var runIds = shown.Select(r => r.Run.Id).ToList();
        var ruleSetIds = shown.Select(r => r.Run.RuleSetId).Distinct().ToList();
        // Restricted to the rule sets the county's runs used (a county-published set may belong to no single town).
        var ruleSets = await db.RuleSets.IgnoreQueryFilters().AsNoTracking()
            .Where(r => ruleSetIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Name, r.VillageCommunityTarget, r.EnterpriseUnitTarget })
            .ToDictionaryAsync(r => r.Id, ct);
        // One GROUP BY over the shown runs of every town and year (results carry no town: the runs' ids restrict them).
        var counts = await db.EvaluationResults.AsNoTracking()
            .Where(r => runIds.Contains(r.RunId))
            .GroupBy(r => new { r.RunId, r.Kind, r.Verdict })
            .Select(g => new { g.Key.RunId, g.Key.Kind, g.Key.Verdict, Count = g.Count() })
            .ToListAsync(ct);
        var byRun = counts.ToLookup(c => c.RunId);

        VerdictCounts Tally(int runId, SubjectGroup group) => byRun[runId]
            .Where(c => c.Kind.Group() == group)
            .Aggregate(VerdictCounts.Empty, (acc, c) => acc.Add(c.Verdict, c.Count));

        return shown.Select(s =>
        {
            var ruleSet = ruleSets.GetValueOrDefault(s.Run.RuleSetId);
            return new CountyRun(s.TownId, new TownRun(s.Run.Id, s.Run.Year, s.Run.AsOf, s.Run.RunAt, s.Run.IsProvisional, ruleSet?.Name ?? "",
                Tally(s.Run.Id, SubjectGroup.VillageCommunity), Tally(s.Run.Id, SubjectGroup.EnterpriseUnit),
                ruleSet?.VillageCommunityTarget ?? 0.90m, ruleSet?.EnterpriseUnitTarget ?? 0.95m));
        }).ToList();
    }

    /// <summary>
    /// Each town's monthly inspection completeness of the year and its open and overdue 督办 orders (four GROUP BY
    /// queries for all towns). Expected units: the grids of the subjects required that month, or the subject itself
    /// without grids (<see cref="Completeness.IsRequired"/>); submitted: the units with an inspection that
    /// <see cref="SignOffRules.CountsAsSubmitted"/> (a whole-subject inspection does not stand in for missing grids).
    /// </summary>
    private async Task<List<TownWork>> WorkAsync(IReadOnlyList<TownRow> towns, int year, CancellationToken ct)
    {
        var townIds = towns.Select(t => t.Id).ToList();
        var grids = await db.Grids.IgnoreQueryFilters().AsNoTracking()
            .Where(g => townIds.Contains(g.TownId))
            .GroupBy(g => new { g.TownId, g.Subject!.EstablishedOn, g.Subject.DissolvedOn })
            .Select(g => new { g.Key.TownId, g.Key.EstablishedOn, g.Key.DissolvedOn, Count = g.Count() })
            .ToListAsync(ct);
        // NOT IN over a non-correlated subquery (as the town dashboard): SQLite would otherwise scan the grids per subject.
        var gridSubjects = db.Grids.IgnoreQueryFilters().Where(g => townIds.Contains(g.TownId)).Select(g => g.SubjectId);
        var wholeSubjects = await db.Subjects.IgnoreQueryFilters().AsNoTracking()
            .Where(s => townIds.Contains(s.TownId))
            .Where(Subject.IsEnterpriseOrUnit).Where(s => !gridSubjects.Contains(s.Id))
            .GroupBy(s => new { s.TownId, s.EstablishedOn, s.DissolvedOn })
            .Select(g => new { g.Key.TownId, g.Key.EstablishedOn, g.Key.DissolvedOn, Count = g.Count() })
            .ToListAsync(ct);
        var first = MonthPeriod.Of(year, 1);
        var last = MonthPeriod.Of(year, 12);
        var submitted = await db.Inspections.IgnoreQueryFilters().AsNoTracking()
            .Where(i => townIds.Contains(i.TownId))
            .Where(SignOffRules.CountsAsSubmitted).Where(i => i.Month >= first && i.Month <= last)
            .Where(i => i.GridId != null || !gridSubjects.Contains(i.SubjectId))
            .GroupBy(i => new { i.TownId, i.Month })
            .Select(g => new { g.Key.TownId, g.Key.Month, Count = g.Count() })
            .ToListAsync(ct);
        var today = Today;
        var orders = await db.SupervisionOrders.IgnoreQueryFilters().AsNoTracking()
            .Where(o => townIds.Contains(o.TownId))
            .Where(SupervisionRules.Waiting)
            .GroupBy(o => o.TownId)
            // Red card: past its due date (CardBounds.RedIfDueBefore is today).
            .Select(g => new { TownId = g.Key, Open = g.Count(), Overdue = g.Count(o => o.DueOn < today) })
            .ToDictionaryAsync(o => o.TownId, ct);

        var lastMonth = year < today.Year ? 12 : year == today.Year ? today.Month : 0;
        return towns.Select(t =>
        {
            var months = Enumerable.Range(1, lastMonth).Select(m =>
            {
                var month = MonthPeriod.Of(year, m);
                var expected = grids.Where(g => g.TownId == t.Id && Completeness.IsRequired(month, g.EstablishedOn, g.DissolvedOn)).Sum(g => g.Count)
                    + wholeSubjects.Where(s => s.TownId == t.Id && Completeness.IsRequired(month, s.EstablishedOn, s.DissolvedOn)).Sum(s => s.Count);
                var done = submitted.Where(s => s.TownId == t.Id && s.Month == month).Sum(s => s.Count);
                return new MonthInspections(m, Math.Min(done, expected), expected);
            }).ToList();
            // The year's rate counts the months whose due date (the town's due day) has passed, as the completeness matrix does.
            var due = months.Where(m => Completeness.IsDue(MonthPeriod.Of(year, m.Month), today, t.DueDay)).ToList();
            var o = orders.GetValueOrDefault(t.Id);
            return new TownWork(new CountyTown(t.Id, t.Code, t.Name), months, due.Sum(m => m.Submitted), due.Sum(m => m.Expected), o?.Open ?? 0, o?.Overdue ?? 0);
        }).ToList();
    }

    /// <summary>The towns' shown runs of a year, for the county workbook (same choice and counts as the dashboard).</summary>
    internal async Task<(string CountyName, IReadOnlyList<(CountyTown Town, TownRun? Run)> Towns)?> YearAsync(int countyId, int year, CancellationToken ct)
    {
        var countyName = await db.Counties.AsNoTracking().Where(c => c.Id == countyId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (countyName is null)
        {
            return null;
        }
        var towns = await TownsAsync(countyId, ct);
        var runs = (await RunsAsync(towns, ct)).Where(r => r.Year == year).ToDictionary(r => r.TownId, r => r.Run);
        return (countyName, towns.Select(t => (new CountyTown(t.Id, t.Code, t.Name), runs.GetValueOrDefault(t.Id))).ToList());
    }
}

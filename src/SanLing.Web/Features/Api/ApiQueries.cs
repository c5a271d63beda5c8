using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Domain.Supervision;
using SanLing.Web.Features.Dashboard;

namespace SanLing.Web.Features.Api;

/// <summary>
/// The API's figures, read under the token's town (the global town filter) from stored runs and aggregates only, with
/// a fixed number of set-based queries. Month series reuse the leadership dashboard's queries, so both say the same.
/// </summary>
public sealed class ApiQueries(SanLingDbContext db, TimeProvider clock, DashboardQueries dashboard)
{
    public const int MaxPageSize = 200;

    private sealed record RunRow(int Id, int Year, DateOnly AsOf, DateTimeOffset RunAt, int RuleSetId, EvaluationRunKind Kind, bool IsPublished);

    /// <summary>The town the call reads; without one (a county token naming no town), every town of <paramref name="countyId"/>.</summary>
    public async Task<List<ApiTown>> TownsAsync(int? countyId, CancellationToken ct)
    {
        var town = db.CurrentTownId;
        var towns = town is not null ? db.Towns.Where(t => t.Id == town) : db.Towns.Where(t => countyId != null && t.CountyId == countyId);
        return await towns.AsNoTracking().OrderBy(t => t.Code).Select(t => new ApiTown(t.Code, t.Name)).ToListAsync(ct);
    }

    private Task<string> TownCodeAsync(CancellationToken ct) =>
        db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId).Select(t => t.Code).FirstAsync(ct);

    /// <summary>
    /// The run a year is read from: its latest published run, else (current year only) its latest as-of run; without a
    /// year, the latest such year. Null when none is stored.
    /// </summary>
    private async Task<RunRow?> RunAsync(int? year, CancellationToken ct)
    {
        var current = clock.Today().Year;
        var runs = db.EvaluationRuns.AsNoTracking()
            .Where(r => r.IsPublished || (r.Kind == EvaluationRunKind.AsOf && r.Year == current));
        if (year is { } y)
        {
            runs = runs.Where(r => r.Year == y);
        }
        return await runs
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.IsPublished).ThenByDescending(r => r.RunAt).ThenByDescending(r => r.Id)
            .Select(r => new RunRow(r.Id, r.Year, r.AsOf, r.RunAt, r.RuleSetId, r.Kind, r.IsPublished))
            .FirstOrDefaultAsync(ct);
    }

    private static ApiRun Describe(RunRow run) =>
        new(run.Year, run.Kind == EvaluationRunKind.AsOf ? "asOf" : "annual", !run.IsPublished, run.AsOf, run.RunAt);

    private static ApiCounts Counts(VerdictCounts c) => new(c.Subjects, c.Compliant, c.NonCompliant, c.Pending, c.Rate is { } r ? Math.Round(r, 4) : null);

    public async Task<ApiRates?> RatesAsync(int? year, CancellationToken ct)
    {
        if (await RunAsync(year, ct) is not { } run)
        {
            return null;
        }
        var targets = await db.RuleSets.AsNoTracking().Where(r => r.Id == run.RuleSetId)
            .Select(r => new { r.VillageCommunityTarget, r.EnterpriseUnitTarget }).FirstAsync(ct);
        var byKind = await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == run.Id)
            .GroupBy(r => new { r.Kind, r.Verdict })
            .Select(g => new { g.Key.Kind, g.Key.Verdict, Count = g.Count() })
            .ToListAsync(ct);
        VerdictCounts Tally(Func<SubjectKind, bool> which) => byKind.Where(k => which(k.Kind))
            .Aggregate(VerdictCounts.Empty, (acc, k) => acc.Add(k.Verdict, k.Count));

        var groups = Enum.GetValues<SubjectGroup>().Select(g =>
        {
            var counts = Tally(k => k.Group() == g);
            var target = g == SubjectGroup.VillageCommunity ? targets.VillageCommunityTarget : targets.EnterpriseUnitTarget;
            // A provisional run's pending subjects would read as failures: no target verdict before publication.
            bool? met = run.IsPublished && counts.Rate is { } rate ? rate >= target : null;
            return new ApiGroupRate(GroupName(g), Terms.Of(g), target, met, Counts(counts));
        }).ToList();
        var kinds = Enum.GetValues<SubjectKind>()
            .Select(k => new ApiKindRate(KindName(k), Terms.Of(k), Counts(Tally(x => x == k)))).ToList();

        var rows = await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == run.Id)
            .Select(r => new
            {
                Territory = r.Kind == SubjectKind.Village || r.Kind == SubjectKind.Community ? (int?)r.SubjectId : r.TerritoryId,
                Own = r.Kind == SubjectKind.Village || r.Kind == SubjectKind.Community,
                r.Verdict,
            })
            .GroupBy(r => new { r.Territory, r.Own, r.Verdict })
            .Select(g => new { g.Key.Territory, g.Key.Own, g.Key.Verdict, Count = g.Count() })
            .ToListAsync(ct);
        var territories = await db.Subjects.AsNoTracking().Where(Subject.IsTerritory).OrderBy(s => s.Code)
            .Select(s => new { s.Id, s.Code, s.Name, s.Kind }).ToListAsync(ct);
        var byTerritory = territories.Where(t => rows.Any(r => r.Territory == t.Id)).Select(t =>
        {
            var mine = rows.Where(r => r.Territory == t.Id).ToList();
            SubjectVerdict? own = mine.FirstOrDefault(r => r.Own)?.Verdict;
            var enterprises = mine.Where(r => !r.Own).Aggregate(VerdictCounts.Empty, (acc, r) => acc.Add(r.Verdict, r.Count));
            var all = mine.Aggregate(VerdictCounts.Empty, (acc, r) => acc.Add(r.Verdict, r.Count));
            return new ApiTerritoryRate(t.Code, t.Name, Terms.Of(t.Kind), own is { } o ? VerdictName(o) : null, own is { } v ? Terms.Of(v) : null,
                Counts(enterprises), Counts(all));
        }).ToList();
        return new ApiRates(await TownCodeAsync(ct), Describe(run), groups, kinds, byTerritory);
    }

    /// <summary>A page of the run's subjects (by code) with each item's verdict and reason codes (never the reason's text or record numbers).</summary>
    public async Task<ApiVerdicts?> VerdictsAsync(int? year, string? subjectCode, int page, int pageSize, CancellationToken ct)
    {
        if (await RunAsync(year, ct) is not { } run)
        {
            return null;
        }
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var results = db.EvaluationResults.AsNoTracking().Where(r => r.RunId == run.Id);
        if (!string.IsNullOrWhiteSpace(subjectCode))
        {
            var code = subjectCode.Trim();
            results = results.Where(r => r.Subject!.Code == code);
        }
        var total = await results.CountAsync(ct);
        var subjects = await results.OrderBy(r => r.Subject!.Code).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new
            {
                r.Id, r.Subject!.Code, r.Subject.Name, r.Kind, r.Verdict,
                TerritoryCode = r.Subject.Territory != null ? r.Subject.Territory.Code : null,
            })
            .ToListAsync(ct);
        var ids = subjects.Select(s => s.Id).ToList();
        var items = (await db.EvaluationItemResults.AsNoTracking().Where(i => ids.Contains(i.ResultId))
                .Select(i => new { i.ResultId, i.ItemCode, i.Verdict, i.ReasonData })
                .ToListAsync(ct))
            .ToLookup(i => i.ResultId);
        var titles = await db.RuleSetItems.AsNoTracking().Where(i => i.RuleSetId == run.RuleSetId)
            .Select(i => new { i.Code, i.Title, i.SortOrder }).ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        var rows = subjects.Select(s => new ApiSubjectVerdict(s.Code, s.Name, KindName(s.Kind), Terms.Of(s.Kind), s.TerritoryCode,
                VerdictName(s.Verdict), Terms.Of(s.Verdict),
                items[s.Id]
                    .OrderBy(i => titles.TryGetValue(i.ItemCode, out var t) ? t.SortOrder : int.MaxValue).ThenBy(i => i.ItemCode, StringComparer.Ordinal)
                    .Select(i => new ApiItemVerdict(i.ItemCode, titles.TryGetValue(i.ItemCode, out var t) ? t.Title : "",
                        ItemVerdictName(i.Verdict), Terms.Of(i.Verdict),
                        ReasonJson.Read(i.ReasonData)?.Select(p => p.Code).Distinct(StringComparer.Ordinal).ToList() ?? []))
                    .ToList()))
            .ToList();
        return new ApiVerdicts(await TownCodeAsync(ct), Describe(run), page, pageSize, total, rows);
    }

    public async Task<ApiCompleteness> CompletenessAsync(int year, CancellationToken ct)
    {
        var months = await dashboard.InspectionsByMonthAsync(year, null, ct);
        return new ApiCompleteness(await TownCodeAsync(ct), year,
            months.Select(m => new ApiMonthCompleteness(m.Month, m.Expected, m.Submitted, m.Rate is { } r ? Math.Round(r, 4) : null)).ToList());
    }

    public async Task<ApiIncidents> IncidentsAsync(int year, CancellationToken ct)
    {
        var months = await dashboard.IncidentsByMonthAsync(year, null, ct);
        var open = await db.SupervisionOrders.AsNoTracking().CountAsync(o => o.Status != SupervisionStatus.Closed, ct);
        var deadlines = await db.DeadlinesAsync(ct);
        var escalated = await db.SupervisionOrders.AsNoTracking().CountAsync(SupervisionRules.EscalatedBy(deadlines.BoundsOn(clock.Today())), ct);
        return new ApiIncidents(await TownCodeAsync(ct), year,
            months.Select(m => new ApiMonthIncidents(m.Month, m.Petitions, m.Accidents, m.Cases)).ToList(),
            new ApiSupervision(open, escalated));
    }

    // Stable English names (not the enum's C# names, which may be renamed in code).
    private static string GroupName(SubjectGroup group) => group == SubjectGroup.VillageCommunity ? "villageCommunity" : "enterpriseUnit";

    private static string KindName(SubjectKind kind) => kind switch
    {
        SubjectKind.Village => "village",
        SubjectKind.Community => "community",
        SubjectKind.Enterprise => "enterprise",
        _ => "unit",
    };

    private static string VerdictName(SubjectVerdict verdict) => verdict switch
    {
        SubjectVerdict.Compliant => "compliant",
        SubjectVerdict.NonCompliant => "nonCompliant",
        _ => "pending",
    };

    private static string ItemVerdictName(ItemVerdict verdict) => verdict switch
    {
        ItemVerdict.Pass => "pass",
        ItemVerdict.Fail => "fail",
        ItemVerdict.NotApplicable => "notApplicable",
        _ => "pending",
    };
}

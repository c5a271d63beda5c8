using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Evaluation;

/// <summary>A stored item verdict with its title and reason.</summary>
public sealed record StoredItem(string Code, string Title, ItemVerdict Verdict, string Reason, string? ReasonData);

/// <summary>A subject on the warning page: the items it already fails, or the items still open (its risks).</summary>
public sealed record WarningRow(int SubjectId, string Code, string Name, SubjectKind Kind, string? TerritoryName, IReadOnlyList<StoredItem> Items);

public sealed record WarningPage(
    int Year,
    int? RunId,
    DateOnly? AsOf,
    DateTimeOffset? RunAt,
    int Evaluated,
    int FailingCount,
    int AtRiskCount,
    IReadOnlyList<WarningRow> Failing,
    IReadOnlyList<WarningRow> AtRisk,
    IReadOnlyList<(string Code, string Title, int Subjects)> PendingAttestations,
    int SubjectsAwaitingAttestation)
{
    public bool HasRun => RunId is not null;
}

/// <summary>
/// 预警, the one definition (both dashboards link here; the office dashboard counts it): the current year's stored
/// as-of run (预评) — subjects already failing (不达标, with the failed items) and subjects at risk (待评定 on an item
/// judged from data: an open hazard, a dispute in mediation, a month or a key person still to do), and the attested
/// items still to be attested. Nothing is judged per request; a fixed number of queries whatever the town's size.
/// </summary>
public sealed class WarningQueries(SanLingDbContext db, TimeProvider clock)
{
    public const int MaxRows = 300;

    /// <summary>The current year's latest stored as-of run.</summary>
    public Task<EvaluationRun?> CurrentAsOfRunAsync(CancellationToken ct)
    {
        var year = clock.Today().Year;
        return db.EvaluationRuns.AsNoTracking().Where(r => r.Kind == EvaluationRunKind.AsOf && r.Year == year)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    private IQueryable<EvaluationResult> Failing(int runId) =>
        db.EvaluationResults.AsNoTracking().Where(r => r.RunId == runId && r.Verdict == SubjectVerdict.NonCompliant);

    /// <summary>待评定 on an item judged from data (an item only waiting for the office's attestation is no risk).</summary>
    private static readonly System.Linq.Expressions.Expression<Func<EvaluationItemResult, bool>> OpenOnData =
        i => i.Verdict == ItemVerdict.Pending && (i.ReasonData == null || !i.ReasonData.Contains(ReasonWording.NotYetAttested));

    private static readonly System.Linq.Expressions.Expression<Func<EvaluationItemResult, bool>> AwaitingAttestation =
        i => i.Verdict == ItemVerdict.Pending && i.ReasonData != null && i.ReasonData.Contains(ReasonWording.NotYetAttested);

    private IQueryable<EvaluationResult> AtRisk(int runId) =>
        db.EvaluationResults.AsNoTracking().Where(r => r.RunId == runId && r.Verdict == SubjectVerdict.Pending
            && db.EvaluationItemResults.Where(OpenOnData).Any(i => i.ResultId == r.Id));

    /// <summary>The office dashboard's figure: failing plus at-risk subjects of the stored as-of run (0 without one).</summary>
    public async Task<int> CountAsync(CancellationToken ct)
    {
        var run = await CurrentAsOfRunAsync(ct);
        return run is null ? 0 : await Failing(run.Id).CountAsync(ct) + await AtRisk(run.Id).CountAsync(ct);
    }

    public async Task<WarningPage> CurrentYearAsync(CancellationToken ct)
    {
        var year = clock.Today().Year;
        var run = await CurrentAsOfRunAsync(ct);
        if (run is null)
        {
            return new WarningPage(year, null, null, null, 0, 0, 0, [], [], [], 0);
        }
        var titles = await db.RuleSetItems.AsNoTracking().Where(i => i.RuleSetId == run.RuleSetId)
            .Select(i => new { i.Code, i.Title, i.SortOrder }).ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, ct);
        var evaluated = await db.EvaluationResults.AsNoTracking().CountAsync(r => r.RunId == run.Id, ct);
        var failingCount = await Failing(run.Id).CountAsync(ct);
        var atRiskCount = await AtRisk(run.Id).CountAsync(ct);

        var failing = await Rows(Failing(run.Id)).ToListAsync(ct);
        var atRisk = await Rows(AtRisk(run.Id)).ToListAsync(ct);
        var failingIds = failing.Select(r => r.Id).ToList();
        var atRiskIds = atRisk.Select(r => r.Id).ToList();
        var items = (await db.EvaluationItemResults.AsNoTracking()
                .Where(i => (failingIds.Contains(i.ResultId) && i.Verdict == ItemVerdict.Fail) || (atRiskIds.Contains(i.ResultId) && i.Verdict == ItemVerdict.Pending))
                .Select(i => new { i.ResultId, i.ItemCode, i.Verdict, i.Reason, i.ReasonData })
                .ToListAsync(ct))
            .Where(i => i.Verdict == ItemVerdict.Fail || !(i.ReasonData?.Contains(ReasonWording.NotYetAttested, StringComparison.Ordinal) ?? false))
            .ToLookup(i => i.ResultId);

        var pending = await db.ItemResultsOf(db.EvaluationResults.Where(r => r.RunId == run.Id)).AsNoTracking()
            .Where(AwaitingAttestation)
            .GroupBy(i => i.ItemCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(ct);
        var awaiting = await db.EvaluationResults.AsNoTracking()
            .CountAsync(r => r.RunId == run.Id && db.EvaluationItemResults.Where(AwaitingAttestation).Any(i => i.ResultId == r.Id), ct);

        WarningRow ToRow(ResultHead r) => new(r.SubjectId, r.Code, r.Name, r.Kind, r.TerritoryName,
            items[r.Id].OrderBy(i => titles.TryGetValue(i.ItemCode, out var t) ? t.SortOrder : int.MaxValue).ThenBy(i => i.ItemCode, StringComparer.Ordinal)
                .Select(i => new StoredItem(i.ItemCode, titles.TryGetValue(i.ItemCode, out var t) ? t.Title : "", i.Verdict, i.Reason, i.ReasonData)).ToList());

        return new WarningPage(year, run.Id, run.AsOf, run.RunAt, evaluated, failingCount, atRiskCount,
            failing.Select(ToRow).ToList(), atRisk.Select(ToRow).ToList(),
            pending.OrderBy(p => titles.TryGetValue(p.Code, out var t) ? t.SortOrder : int.MaxValue)
                .Select(p => (p.Code, titles.TryGetValue(p.Code, out var t) ? t.Title : "", p.Count)).ToList(),
            awaiting);
    }

    private sealed record ResultHead(long Id, int SubjectId, string Code, string Name, SubjectKind Kind, string? TerritoryName);

    private static IQueryable<ResultHead> Rows(IQueryable<EvaluationResult> results) =>
        results.OrderBy(r => r.Subject!.Code).Take(MaxRows)
            .Select(r => new ResultHead(r.Id, r.SubjectId, r.Subject!.Code, r.Subject.Name, r.Kind,
                r.Subject.Territory == null ? null : r.Subject.Territory.Name));
}

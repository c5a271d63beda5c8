using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Inspections;
using SanLing.Domain.Ledgers;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Dashboard;

/// <summary>The office's work of today and the early-warning board, with a fixed number of set-based queries.</summary>
public sealed class OfficeDashboardQueries(SanLingDbContext db, TimeProvider clock)
{
    public DateOnly Today => clock.Today();

    private async Task<int> DueDayAsync(CancellationToken ct) =>
        await db.InspectionDueDayAsync(ct);

    public async Task<OfficeDashboard> LoadAsync(CancellationToken ct)
    {
        var today = Today;
        var dueDay = await DueDayAsync(ct);
        var month = MonthPeriod.DueNow(today, dueDay);
        var active = db.Subjects.AsNoTracking().Where(Completeness.RequiredIn(month));
        // Non-correlated NOT IN subqueries: evaluated once, whatever the number of grids and subjects.
        var submitted = db.Inspections.Where(SignOffRules.CountsAsSubmitted).Where(i => i.Month == month);
        var missingGrids = await db.Grids.AsNoTracking()
            .Where(g => active.Select(s => s.Id).Contains(g.SubjectId))
            .CountAsync(g => !submitted.Where(i => i.GridId != null).Select(i => i.GridId!.Value).Contains(g.Id), ct);
        var missingWhole = await active
            .Where(Subject.IsEnterpriseOrUnit).Where(s => !db.Grids.Select(g => g.SubjectId).Contains(s.Id))
            .CountAsync(s => !submitted.Where(i => i.GridId == null).Select(i => i.SubjectId).Contains(s.Id), ct);

        var overdue = await db.Findings.AsNoTracking()
            .CountAsync(FindingRules.Overdue(today), ct);
        var risky = await db.Findings.AsNoTracking()
            .CountAsync(f => f.Type == FindingType.Dispute && f.Status == FindingStatus.Mediating && (f.RiskOfCriminalEscalation || f.RiskOfGroupIncident), ct);

        // 积案: the petition ledger's backlog filter and the evaluation's 3.3 share PetitionRules.Backlog.
        var backlog = await db.Petitions.AsNoTracking().CountAsync(PetitionRules.Backlog(today), ct);

        var attestationYear = today.Year - 1;
        var pending = await PendingAttestationsAsync(attestationYear, ct);
        // The one early-warning definition: the stored as-of run's failing and at-risk subjects.
        var warnings = await new Evaluation.WarningQueries(db, clock).CountAsync(ct);

        // Escalated disputes the office has not accepted yet: submitted 上报 findings without a flow.
        var waiting = await db.Findings.AsNoTracking()
            .CountAsync(f => f.Type == FindingType.Dispute && f.Status == FindingStatus.Escalated && f.Inspection!.Status == InspectionStatus.Submitted
                             && !db.EscalatedDisputes.Any(d => d.FindingId == f.Id), ct);
        var deadlines = await db.DeadlinesAsync(ct);
        var orders = await Supervision.SupervisionQueries.CountsAsync(db.SupervisionOrders.AsNoTracking(), deadlines.BoundsOn(today), ct);
        var appeals = await Appeals.AppealQueries.WaitingCountAsync(db, ct);
        return new OfficeDashboard(today, month, missingGrids + missingWhole, overdue, risky, backlog, attestationYear, pending, warnings)
        {
            EscalatedWaiting = waiting,
            AppealsWaiting = appeals,
            Orders = orders,
        };
    }

    /// <summary>
    /// Attested (A) items of <paramref name="year"/> still without an attestation: active subjects × their A items, minus
    /// the attestations recorded for those items (an approximation: a row counts wherever it belongs).
    /// </summary>
    private async Task<int> PendingAttestationsAsync(int year, CancellationToken ct)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        var ruleSetId = await db.RuleSetIdForAsync(year, ct);
        var items = ruleSetId is null
            ? DefaultRuleSet.Create2020().Items
            : await db.RuleSetItems.AsNoTracking().Where(i => i.RuleSetId == ruleSetId).ToListAsync(ct);
        var byKind = await db.Subjects.AsNoTracking()
            .Where(SubjectRules.ActiveOn(yearEnd))
            .GroupBy(s => s.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var expected = 0;
        foreach (var kind in byKind)
        {
            var forKind = RuleItem.AttestedFor(items, kind.Key);
            expected += kind.Count * forKind.Count;
            codes.UnionWith(forKind.Select(i => i.Code));
        }
        var codeList = codes.ToList();
        var done = await db.Attestations.AsNoTracking().CountAsync(a => a.Year == year && codeList.Contains(a.ItemCode), ct);
        return Math.Max(0, expected - done);
    }
}

using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Evaluation;

namespace SanLing.Web.Features.Evaluation;

/// <summary>A subject on the warning page: the items it already fails, or the risks it runs.</summary>
public sealed record WarningRow(int SubjectId, string Code, string Name, SubjectKind Kind, IReadOnlyList<ItemEvaluation> Failed, IReadOnlyList<ReasonPart> Risks);

public sealed record WarningPage(
    DateOnly AsOf,
    int Evaluated,
    IReadOnlyList<WarningRow> Failing,
    IReadOnlyList<WarningRow> AtRisk,
    IReadOnlyList<(string Code, int Subjects)> PendingAttestations,
    int SubjectsAwaitingAttestation);

/// <summary>
/// 预警: the current year judged as of today, not stored — subjects already failing, subjects at risk (open
/// disputes, overdue hazards, months missing so far, key persons not yet visited) and attestations still to do.
/// A fixed number of queries (the facts gathering).
/// </summary>
public sealed class WarningQueries(SanLingDbContext db, TimeProvider clock)
{
    public const int MaxRows = 300;

    public async Task<WarningPage> CurrentYearAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var runner = new EvaluationRunner(db, clock);
        var period = await runner.PeriodAsync(today.Year, today, ct);
        var (_, evaluations) = await runner.JudgeAsync(period, ct);

        var failing = new List<WarningRow>();
        var atRisk = new List<WarningRow>();
        var pendingByItem = new Dictionary<string, int>(StringComparer.Ordinal);
        var awaiting = 0;
        foreach (var e in evaluations)
        {
            var f = e.Facts;
            var failed = e.Items.Where(i => i.Verdict == ItemVerdict.Fail).ToList();
            if (failed.Count > 0)
            {
                failing.Add(new WarningRow(f.SubjectId, f.Code, f.Name, f.Kind, failed, []));
            }
            var risks = RisksOf(f, period);
            if (risks.Count > 0)
            {
                atRisk.Add(new WarningRow(f.SubjectId, f.Code, f.Name, f.Kind, [], risks));
            }
            var unattested = e.Items.Where(i => i.Verdict == ItemVerdict.Pending && i.Parts.Any(p => p.Code == ReasonWording.NotYetAttested)).ToList();
            if (unattested.Count > 0)
            {
                awaiting++;
            }
            foreach (var item in unattested)
            {
                pendingByItem[item.Code] = pendingByItem.GetValueOrDefault(item.Code) + 1;
            }
        }
        return new WarningPage(today, evaluations.Count, failing.Take(MaxRows).ToList(),
            atRisk.OrderByDescending(r => r.Risks.Count).ThenBy(r => r.Code, StringComparer.Ordinal).Take(MaxRows).ToList(),
            pendingByItem.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList(), awaiting);
    }

    /// <summary>Shortfalls that can still be made good this year.</summary>
    public static List<ReasonPart> RisksOf(SubjectFacts f, EvaluationPeriod period)
    {
        var risks = new List<ReasonPart>();
        var missing = period.RequiredMonths(f.EstablishedOn).Where(m => !f.CompleteMonths.Contains(m)).ToList();
        if (missing.Count > 0 && !(f.Kind.IsTerritory() && f.Grids.Count == 0))
        {
            risks.Add(ReasonWording.Part("risk.months", ReasonArg.Months(missing, maxListed: 12)));
        }
        var openDisputes = f.Disputes.Where(d => d.Month.Year == period.Year && !d.IsClosedBy(period.CutOff) && !d.IsEscalated).ToList();
        if (openDisputes.Count > 0)
        {
            risks.Add(ReasonWording.Part("risk.disputes", ReasonArg.Number(openDisputes.Count)));
        }
        var overdue = f.Hazards.Where(h => h.Status != Domain.Inspections.FindingStatus.Rectified && h.RectifyBy is { } by && by < period.CutOff).ToList();
        if (overdue.Count > 0)
        {
            risks.Add(ReasonWording.Part("risk.hazards", ReasonArg.Number(overdue.Count)));
        }
        var silent = f.KeyPersons.Where(k => k.IsActiveIn(period) && k.FollowUpsIn(period) == 0).Select(k => k.Number).ToList();
        if (silent.Count > 0)
        {
            risks.Add(ReasonWording.Part("risk.key-persons", ReasonArg.Records(silent, "人", maxListed: 5)));
        }
        return risks;
    }
}

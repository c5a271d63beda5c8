using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;

namespace SanLing.Infrastructure.Evaluation;

/// <summary>One row of the rates: a group, kind or territory with its counts, rate and (groups, kinds) target.</summary>
public sealed record RateRow(string Label, int Subjects, int Compliant, int Pending, int NonCompliant, decimal? Target)
{
    /// <summary>Compliant ÷ evaluated; only 达标 counts.</summary>
    public decimal? Rate => Honours.Rate(Compliant, Subjects);

    public bool? MeetsTarget => Rate is { } r && Target is { } t ? r >= t : null;
}

/// <summary>The rates of a stored run by group, kind and territory.</summary>
public sealed record RunRates(IReadOnlyList<RateRow> Groups, IReadOnlyList<RateRow> Kinds, IReadOnlyList<RateRow> Territories);

/// <summary>One subject's stored result with its item verdicts by code.</summary>
public sealed record ResultLine(
    int SubjectId, string Code, string Name, SubjectKind Kind, string? TerritoryName, SubjectVerdict Verdict,
    int ConsecutiveCompliantYears, Honour Honour, bool IsVetoed, IReadOnlyDictionary<string, ItemVerdict> Items);

/// <summary>An impactful or major incident of the run's year, with its subject.</summary>
public sealed record IncidentLine(int SubjectId, string SubjectCode, string SubjectName, FlaggedIncident Incident);

/// <summary>Reads stored runs (results pages, annual report and command line share it, so they agree).</summary>
/// <summary>One appeal as the report and the final list show it: what was disputed, the decision, and the verdicts before and after.</summary>
public sealed record AppealLine(
    int Id, int RunId, int SubjectId, string SubjectCode, string SubjectName, AppellantRole FiledAs, DateOnly FiledOn, bool AgainstVeto, string Reason,
    AppealStatus Status, DateOnly? DecidedOn, string? Decision, SubjectVerdict VerdictBefore, SubjectVerdict? VerdictAfter, bool VetoBefore, bool? VetoAfter,
    int? CorrectionRunId, IReadOnlyList<AppealItemLine> Items)
{
    /// <summary>An upheld appeal whose corrected result differs from the appealed one.</summary>
    public bool ChangedResult => AppealRules.ChangedResult(Status, VerdictBefore, VerdictAfter, VetoBefore, VetoAfter, Items.Select(i => (i.Before, i.After)));
}

public sealed record AppealItemLine(string Code, ItemVerdict Before, ItemVerdict? After);

public sealed class EvaluationReports(SanLingDbContext db)
{
    /// <summary>The latest run of a year in the current town (published only, when asked).</summary>
    public Task<EvaluationRun?> LatestRunAsync(int year, bool publishedOnly = false, CancellationToken cancellationToken = default) =>
        db.EvaluationRuns.AsNoTracking()
            .Where(r => r.Year == year && (!publishedOnly || r.IsPublished))
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The run by id in the current town (the town filter applies to runs; results hang off them).</summary>
    public Task<EvaluationRun?> RunAsync(int id, CancellationToken cancellationToken = default) =>
        db.EvaluationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public async Task<RunRates> RatesAsync(EvaluationRun run, CancellationToken cancellationToken = default)
    {
        var targets = await db.RuleSets.AsNoTracking().Where(r => r.Id == run.RuleSetId)
            .Select(r => new { r.VillageCommunityTarget, r.EnterpriseUnitTarget }).SingleAsync(cancellationToken);
        var counts = await db.EvaluationResults.AsNoTracking()
            .Where(r => r.RunId == run.Id)
            // A village or community is its own territory (属地).
            .Select(r => new { r.Kind, Territory = r.Kind == SubjectKind.Village || r.Kind == SubjectKind.Community ? (int?)r.SubjectId : r.TerritoryId, r.Verdict })
            .GroupBy(r => new { r.Kind, r.Territory, r.Verdict })
            .Select(g => new { g.Key.Kind, g.Key.Territory, g.Key.Verdict, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var rows = counts.Select(c => (c.Kind, c.Territory, c.Verdict, c.Count)).ToList();

        decimal TargetOf(SubjectGroup g) => g == SubjectGroup.VillageCommunity ? targets.VillageCommunityTarget : targets.EnterpriseUnitTarget;

        var groups = Enum.GetValues<SubjectGroup>()
            .Select(g => Row(Terms.Of(g), rows.Where(r => r.Kind.Group() == g), TargetOf(g))).ToList();
        var kinds = Enum.GetValues<SubjectKind>()
            .Select(k => Row(Terms.Of(k), rows.Where(r => r.Kind == k), TargetOf(k.Group()))).ToList();

        var territoryIds = rows.Where(r => r.Territory != null).Select(r => r.Territory!.Value).Distinct().ToList();
        var names = await db.Subjects.AsNoTracking().Where(Subject.IsTerritory)
            .Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(cancellationToken);
        var territories = names.Where(n => territoryIds.Contains(n.Id)).OrderBy(n => n.Code, StringComparer.Ordinal)
            .Select(n => Row(n.Name, rows.Where(r => r.Territory == n.Id), null)).ToList();
        return new RunRates(groups, kinds, territories);
    }

    private static RateRow Row(string label, IEnumerable<(SubjectKind Kind, int? Territory, SubjectVerdict Verdict, int Count)> rows, decimal? target)
    {
        var list = rows.ToList();
        int Count(SubjectVerdict v) => list.Where(r => r.Verdict == v).Sum(r => r.Count);
        return new RateRow(label, list.Sum(r => r.Count), Count(SubjectVerdict.Compliant), Count(SubjectVerdict.Pending), Count(SubjectVerdict.NonCompliant), target);
    }

    /// <summary>"88.0%", or "—" when nothing was evaluated.</summary>
    public static string Percent(decimal? rate) => rate is { } r ? $"{r * 100:0.0}%" : "—";

    /// <summary>The item codes of the run's rule set, in order.</summary>
    public async Task<IReadOnlyList<(string Code, string Title)>> ItemsAsync(EvaluationRun run, CancellationToken cancellationToken = default) =>
        (await db.RuleSetItems.AsNoTracking().Where(i => i.RuleSetId == run.RuleSetId).OrderBy(i => i.SortOrder)
            .Select(i => new { i.Code, i.Title }).ToListAsync(cancellationToken))
        .Select(i => (i.Code, i.Title)).ToList();

    /// <summary>Every subject of the run with its item verdicts (three queries, whatever the number of subjects).</summary>
    public async Task<IReadOnlyList<ResultLine>> ResultLinesAsync(EvaluationRun run, CancellationToken cancellationToken = default)
    {
        var results = await db.EvaluationResults.AsNoTracking().Where(r => r.RunId == run.Id)
            .Select(r => new { r.Id, r.SubjectId, r.Kind, r.TerritoryId, r.Verdict, r.ConsecutiveCompliantYears, r.Honour, r.IsVetoed })
            .ToListAsync(cancellationToken);
        var subjects = await db.Subjects.AsNoTracking()
            .Select(s => new { s.Id, s.Code, s.Name }).ToDictionaryAsync(s => s.Id, cancellationToken);
        var items = (await db.ItemResultsOf(db.EvaluationResults.Where(r => r.RunId == run.Id)).AsNoTracking()
                .Select(i => new { i.ResultId, i.ItemCode, i.Verdict }).ToListAsync(cancellationToken))
            .ToLookup(i => i.ResultId);
        return results
            .Where(r => subjects.ContainsKey(r.SubjectId))
            .Select(r => new ResultLine(r.SubjectId, subjects[r.SubjectId].Code, subjects[r.SubjectId].Name, r.Kind,
                r.TerritoryId is { } t && subjects.TryGetValue(t, out var territory) ? territory.Name : null,
                r.Verdict, r.ConsecutiveCompliantYears, r.Honour, r.IsVetoed,
                items[r.Id].ToDictionary(i => i.ItemCode, i => i.Verdict, StringComparer.Ordinal)))
            .OrderBy(r => r.Kind).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The impactful (一票否优) and major (倒查追责) incidents of the run's year up to its cut-off, on subjects of the run
    /// (three queries, one per ledger).
    /// </summary>
    public async Task<IReadOnlyList<IncidentLine>> FlaggedIncidentsAsync(EvaluationRun run, CancellationToken cancellationToken = default)
    {
        var start = new DateOnly(run.Year, 1, 1);
        var end = run.AsOf;
        var inRun = db.EvaluationResults.Where(r => r.RunId == run.Id).Select(r => r.SubjectId);
        var petitions = await db.Petitions.AsNoTracking()
            .Where(p => p.OccurredOn >= start && p.OccurredOn <= end && (p.IsImpactful || p.IsMajor) && inRun.Contains(p.SubjectId))
            .Select(p => new { p.SubjectId, p.Subject!.Code, p.Subject.Name, p.Number, p.OccurredOn, p.IsImpactful, p.IsMajor })
            .ToListAsync(cancellationToken);
        var accidents = await db.Accidents.AsNoTracking()
            .Where(p => p.OccurredOn >= start && p.OccurredOn <= end && (p.IsImpactful || p.IsMajor) && inRun.Contains(p.SubjectId))
            .Select(p => new { p.SubjectId, p.Subject!.Code, p.Subject.Name, p.Number, p.OccurredOn, p.IsImpactful, p.IsMajor })
            .ToListAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Where(p => p.OccurredOn >= start && p.OccurredOn <= end && (p.IsImpactful || p.IsMajor) && inRun.Contains(p.SubjectId))
            .Select(p => new { p.SubjectId, p.Subject!.Code, p.Subject.Name, p.Number, p.OccurredOn, p.IsImpactful, p.IsMajor })
            .ToListAsync(cancellationToken);
        return petitions.Select(p => new IncidentLine(p.SubjectId, p.Code, p.Name, new FlaggedIncident(IncidentType.Petition, p.Number, p.OccurredOn, p.IsImpactful, p.IsMajor)))
            .Concat(accidents.Select(p => new IncidentLine(p.SubjectId, p.Code, p.Name, new FlaggedIncident(IncidentType.Accident, p.Number, p.OccurredOn, p.IsImpactful, p.IsMajor))))
            .Concat(cases.Select(p => new IncidentLine(p.SubjectId, p.Code, p.Name, new FlaggedIncident(IncidentType.Case, p.Number, p.OccurredOn, p.IsImpactful, p.IsMajor))))
            .OrderBy(i => i.Incident.OccurredOn).ThenBy(i => i.Incident.Number, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every appeal against a run of <paramref name="year"/>, oldest first (two queries).</summary>
    public async Task<IReadOnlyList<AppealLine>> AppealsAsync(int year, CancellationToken cancellationToken = default)
    {
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.Run!.Year == year).OrderBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.RunId, a.SubjectId, a.Subject!.Code, a.Subject.Name, a.FiledAs, a.FiledOn, a.AgainstVeto, a.Reason, a.Status, a.DecidedOn, a.Decision,
                a.VerdictBefore, a.VerdictAfter, a.VetoBefore, a.VetoAfter, a.CorrectionRunId,
            })
            .ToListAsync(cancellationToken);
        var items = (await db.AppealItems.AsNoTracking().Where(i => db.Appeals.Any(a => a.Id == i.AppealId && a.Run!.Year == year))
                .Select(i => new { i.AppealId, i.ItemCode, i.Before, i.After }).ToListAsync(cancellationToken))
            .ToLookup(i => i.AppealId);
        return appeals.Select(a => new AppealLine(a.Id, a.RunId, a.SubjectId, a.Code, a.Name, a.FiledAs, a.FiledOn, a.AgainstVeto, a.Reason, a.Status, a.DecidedOn,
                a.Decision, a.VerdictBefore, a.VerdictAfter, a.VetoBefore, a.VetoAfter, a.CorrectionRunId,
                items[a.Id].OrderBy(i => i.ItemCode, StringComparer.Ordinal).Select(i => new AppealItemLine(i.ItemCode, i.Before, i.After)).ToList()))
            .ToList();
    }

    /// <summary>
    /// The results <paramref name="run"/> carries because appeals were upheld: the appeals answered by the run itself and
    /// by the correction runs it was made from (<see cref="AppealChain.Ancestry"/>), where the result changed.
    /// </summary>
    public async Task<IReadOnlyList<AppealLine>> ChangedOnAppealAsync(EvaluationRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var corrections = await (from r in db.EvaluationRuns.AsNoTracking()
                                 join a in db.Appeals.AsNoTracking() on r.AnswersAppealId equals (int?)a.Id
                                 where r.Year == run.Year
                                 select new { r.Id, a.RunId }).ToDictionaryAsync(c => c.Id, c => c.RunId, cancellationToken);
        var ancestry = AppealChain.Ancestry(run.Id, corrections);
        if (ancestry.Count == 0)
        {
            return [];
        }
        var lines = await AppealsAsync(run.Year, cancellationToken);
        return lines.Where(l => l.CorrectionRunId is { } c && ancestry.Contains(c) && l.ChangedResult).ToList();
    }
}

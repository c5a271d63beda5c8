using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;

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

/// <summary>Reads stored runs (results pages, annual report and command line share it, so they agree).</summary>
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
        var names = await db.Subjects.AsNoTracking().Where(s => s.Kind == SubjectKind.Village || s.Kind == SubjectKind.Community)
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
}

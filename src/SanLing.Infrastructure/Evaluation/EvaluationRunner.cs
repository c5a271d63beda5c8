using System.Globalization;
using System.Text.Json;
using SanLing.Domain.Auditing;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;

namespace SanLing.Infrastructure.Evaluation;

/// <summary>What a stored run produced (its results are in the database, not held: see <see cref="RunCounts"/>).</summary>
public sealed record RunOutcome(EvaluationRun Run, RuleSet RuleSet, RunCounts Counts, bool PreviousYearMissing);

/// <summary>How many subjects a run judged, by verdict, and how many item verdicts it wrote.</summary>
public sealed record RunCounts(int Subjects, int Compliant, int Pending, int NonCompliant, int Vetoed, int Items);

/// <summary>Why a run was refused: the Chinese composite format (also the key of the web's resource file) and its arguments.</summary>
public sealed class EvaluationRefusedException(string format, params object[] args)
    : Exception(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args))
{
    public string Format { get; } = format;

    public IReadOnlyList<object> Args { get; } = args;
}

/// <summary>
/// Evaluates a year (or the current year as of a date) for the current town: streams the facts subject by subject
/// (<see cref="FactsGatherer.StreamAsync"/>), judges each with the town's rule set of that year and hands its result to
/// the <see cref="ResultWriter"/> at once, so the town's facts and results are never held together; the run row goes
/// through EF (row audit suppressed), with one summary audit line, all in one transaction.
/// </summary>
public sealed class EvaluationRunner(SanLingDbContext db, TimeProvider clock)
{
    /// <summary>The rule set a year is judged by (<see cref="RuleSetChoice"/>: the county's, or the town's variant or own set).</summary>
    public async Task<RuleSet?> RuleSetForAsync(int year, CancellationToken cancellationToken = default) =>
        await db.RuleSetIdForAsync(year, cancellationToken) is { } id
            ? await db.RuleSets.AsNoTracking().Include(r => r.Items).SingleAsync(r => r.Id == id, cancellationToken)
            : null;

    /// <summary>The period of a year for the current town (its due day), as of a date or for the whole year.</summary>
    public async Task<EvaluationPeriod> PeriodAsync(int year, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var townId = db.CurrentTownId ?? throw new EvaluationRefusedException("没有确定当前乡镇。");
        var dueDay = await db.Towns.AsNoTracking().Where(t => t.Id == townId).Select(t => t.InspectionDueDay).SingleAsync(cancellationToken);
        if (asOf is { } a && a.Year != year)
        {
            throw new EvaluationRefusedException("截止日期 {0} 不在 {1} 年内。", a.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), year);
        }
        return new EvaluationPeriod(year, asOf, dueDay);
    }

    /// <summary>Judges every subject without storing anything (the early-warning view).</summary>
    public async Task<(RuleSet RuleSet, IReadOnlyList<SubjectEvaluation> Evaluations)> JudgeAsync(EvaluationPeriod period, CancellationToken cancellationToken = default)
    {
        var ruleSet = await RuleSetForAsync(period.Year, cancellationToken)
            ?? throw new EvaluationRefusedException("没有适用于 {0} 年的评定细则，请先建立评定细则。", period.Year);
        var evaluations = new List<SubjectEvaluation>();
        await foreach (var facts in new FactsGatherer(db).StreamAsync(period, cancellationToken))
        {
            evaluations.Add(Evaluator.Judge(ruleSet, facts, period));
        }
        return (ruleSet, evaluations);
    }

    /// <summary>
    /// Evaluates and stores. A run before 31 Dec is provisional (<see cref="EvaluationRunKind.AsOf"/>), as is any run the
    /// caller marks so (the nightly refresh on 31 Dec); storing one removes the year's earlier provisional runs.
    /// </summary>
    public async Task<RunOutcome> RunAsync(int year, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        await RunAsync(year, asOf, null, cancellationToken);

    public async Task<RunOutcome> RunAsync(int year, DateOnly? asOf, EvaluationRunKind? kind, CancellationToken cancellationToken = default)
    {
        var period = await PeriodAsync(year, asOf, cancellationToken);
        var runKind = kind ?? EvaluationRun.KindFor(year, period.CutOff);
        var ruleSet = await RuleSetForAsync(period.Year, cancellationToken)
            ?? throw new EvaluationRefusedException("没有适用于 {0} 年的评定细则，请先建立评定细则。", period.Year);
        // The previous year's consecutive compliant years: a compact dictionary by subject id, read up front.
        var previous = await PreviousYearAsync(year, cancellationToken);
        var run = new EvaluationRun
        {
            Year = year,
            AsOf = period.CutOff,
            Kind = runKind,
            RuleSetId = ruleSet.Id,
            RunAt = clock.GetUtcNow(),
            RunBy = db.Actor.UserName,
        };
        RunCounts counts = new(0, 0, 0, 0, 0, 0);
        var reasons = new ReasonJsonWriter();
        await StoreAsync(run, async writer =>
        {
            int subjects = 0, compliant = 0, pending = 0, nonCompliant = 0, vetoed = 0;
            await foreach (var facts in new FactsGatherer(db).StreamAsync(period, cancellationToken))
            {
                var evaluation = Evaluator.Judge(ruleSet, facts, period);
                subjects++;
                compliant += evaluation.Verdict == SubjectVerdict.Compliant ? 1 : 0;
                pending += evaluation.Verdict == SubjectVerdict.Pending ? 1 : 0;
                nonCompliant += evaluation.Verdict == SubjectVerdict.NonCompliant ? 1 : 0;
                vetoed += evaluation.IsVetoed ? 1 : 0;
                await writer.AddAsync(ResultOf(evaluation, runKind, previous.Years, reasons), cancellationToken);
            }
            await writer.FlushAsync(cancellationToken);
            counts = new RunCounts(subjects, compliant, pending, nonCompliant, vetoed, writer.Items);
            return new
            {
                run.Year,
                AsOf = run.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                RuleSet = ruleSet.Name,
                Subjects = subjects,
                Compliant = compliant,
                Pending = pending,
                NonCompliant = nonCompliant,
            };
        }, cancellationToken);
        return new RunOutcome(run, ruleSet, counts, year > ruleSet.Year && previous.RunId is null);
    }

    /// <summary>
    /// 申诉复核: a new run answering <paramref name="appealId"/>, made of the stored results of <paramref name="baseRunId"/>
    /// with one subject judged again from today's data (same period, the year's rule set). It keeps the base run's 公示;
    /// the base run is not touched. Runs inside the caller's transaction when there is one.
    /// </summary>
    public async Task<(EvaluationRun Run, EvaluationResult Corrected)> ReEvaluateSubjectAsync(int baseRunId, int subjectId, int appealId, CancellationToken cancellationToken = default)
    {
        var baseRun = await db.EvaluationRuns.AsNoTracking().SingleAsync(r => r.Id == baseRunId, cancellationToken);
        var fullYear = baseRun.AsOf == new DateOnly(baseRun.Year, 12, 31);
        var period = await PeriodAsync(baseRun.Year, fullYear ? null : baseRun.AsOf, cancellationToken);
        var ruleSet = await RuleSetForAsync(period.Year, cancellationToken)
            ?? throw new EvaluationRefusedException("没有适用于 {0} 年的评定细则，请先建立评定细则。", period.Year);
        // Only the appealed subject is judged again: its facts alone are gathered (a fixed number of queries).
        var facts = await new FactsGatherer(db).GatherOneAsync(period, subjectId, cancellationToken)
            ?? throw new EvaluationRefusedException("该单位在 {0} 年不参加评定，无法重新评定。", baseRun.Year);
        var evaluation = Evaluator.Judge(ruleSet, facts, period);
        var previous = await PreviousYearAsync(baseRun.Year, cancellationToken);
        var corrected = ResultOf(evaluation, baseRun.Kind, previous.Years, new ReasonJsonWriter());

        var results = await db.EvaluationResults.AsNoTracking().Include(r => r.Items)
            .Where(r => r.RunId == baseRunId && r.SubjectId != subjectId).ToListAsync(cancellationToken);
        foreach (var result in results)
        {
            result.Id = 0;
        }
        results.Add(corrected);
        var run = new EvaluationRun
        {
            Year = baseRun.Year,
            AsOf = baseRun.AsOf,
            Kind = baseRun.Kind,
            RuleSetId = ruleSet.Id,
            RunAt = clock.GetUtcNow(),
            RunBy = db.Actor.UserName,
            IsPublished = baseRun.IsPublished,
            PublishedAt = baseRun.PublishedAt,
            PublishedBy = baseRun.PublishedBy,
            AnswersAppealId = appealId,
        };
        var ordered = results.OrderBy(r => r.SubjectId).ToList();
        var summary = new
        {
            run.Year,
            AsOf = run.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            RuleSet = ruleSet.Name,
            Appeal = appealId,
            BaseRun = baseRunId,
            Subject = subjectId,
            Verdict = corrected.Verdict.ToString(),
        };
        await StoreAsync(run, async writer =>
        {
            foreach (var result in ordered)
            {
                await writer.AddAsync(result, cancellationToken);
            }
            await writer.FlushAsync(cancellationToken);
            return summary;
        }, cancellationToken);
        run.Results = ordered;
        return (run, corrected);
    }

    /// <summary>Consecutive compliant years continue from the latest full-year run of the previous year.</summary>
    private async Task<(int? RunId, IReadOnlyDictionary<int, int> Years)> PreviousYearAsync(int year, CancellationToken cancellationToken)
    {
        var previousYearEnd = new DateOnly(year - 1, 12, 31);
        var previousRunId = await db.EvaluationRuns.AsNoTracking()
            .Where(r => r.Year == year - 1 && r.AsOf == previousYearEnd)
            .OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var previous = previousRunId is { } pid
            ? await db.EvaluationResults.AsNoTracking()
                .Where(r => r.RunId == pid && r.Verdict == SubjectVerdict.Compliant)
                .ToDictionaryAsync(r => r.SubjectId, r => r.ConsecutiveCompliantYears, cancellationToken)
            : [];
        return (previousRunId, previous);
    }

    private static EvaluationResult ResultOf(SubjectEvaluation e, EvaluationRunKind runKind, IReadOnlyDictionary<int, int> previous, ReasonJsonWriter reasons)
    {
        var years = Honours.ConsecutiveYears(e.Verdict, previous.GetValueOrDefault(e.Facts.SubjectId));
        return new EvaluationResult
        {
            SubjectId = e.Facts.SubjectId,
            Kind = e.Facts.Kind,
            TerritoryId = e.Facts.TerritoryId,
            Verdict = e.Verdict,
            ConsecutiveCompliantYears = years,
            Honour = runKind == EvaluationRunKind.Annual ? Honours.For(years) : Honour.None,
            IsVetoed = e.IsVetoed,
            Items = e.Items.Select(i => new EvaluationItemResult
            {
                ItemCode = i.Code, Verdict = i.Verdict, Reason = Truncate(i.Reason), ReasonData = ReasonDataOf(reasons.Write(i.Parts)),
            }).ToList(),
        };
    }

    /// <summary>
    /// Stores the run (EF, row audit off), then lets <paramref name="writeResults"/> write its result rows (and return the
    /// summary), then one summary audit line, in one transaction.
    /// </summary>
    private async Task StoreAsync(EvaluationRun run, Func<ResultWriter, Task<object>> writeResults, CancellationToken cancellationToken)
    {
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        var ownsTransaction = db.Database.CurrentTransaction is null;
        await using var transaction = ownsTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.SuppressRowAudit = true;
        object summary;
        try
        {
            // The run through EF (row audit off); its thousands of result rows through the writer.
            db.EvaluationRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            await using (var writer = await ResultWriter.OpenAsync(db, run.Id, cancellationToken))
            {
                summary = await writeResults(writer);
            }
            db.ChangeTracker.Clear();
            if (run.Kind == EvaluationRunKind.AsOf)
            {
                await RemoveEarlierAsOfRunsAsync(run.Year, run.Id, cancellationToken);
            }
        }
        finally
        {
            db.SuppressRowAudit = false;
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        await AuditChain.AppendAsync(db, clock, AuditAction.Create, nameof(EvaluationRun), run.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(summary, JsonOptions), cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Keeps the year's latest <see cref="EvaluationRun.AsOfRunsKept"/> provisional runs (this one included), so the
    /// nightly refresh does not grow the database. Set-based deletes, items first (no reliance on cascades).
    /// </summary>
    private async Task RemoveEarlierAsOfRunsAsync(int year, int keptRunId, CancellationToken cancellationToken)
    {
        var stale = db.EvaluationRuns.Where(r => r.Year == year && r.Kind == EvaluationRunKind.AsOf && !r.IsPublished && r.Id != keptRunId)
            .OrderByDescending(r => r.Id).Skip(EvaluationRun.AsOfRunsKept - 1).Select(r => r.Id);
        var ids = await stale.ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return;
        }
        await db.ItemResultsOf(db.EvaluationResults.Where(r => ids.Contains(r.RunId))).ExecuteDeleteAsync(cancellationToken);
        await db.EvaluationResults.Where(r => ids.Contains(r.RunId)).ExecuteDeleteAsync(cancellationToken);
        await db.EvaluationRuns.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Truncate(string reason) =>
        reason.Length <= EvaluationItemResult.ReasonMaxLength ? reason : reason[..(EvaluationItemResult.ReasonMaxLength - 1)] + "…";

    /// <summary>The coded reason; null when it would not fit its column (readers then fall back to the Chinese text).</summary>
    private static string? ReasonDataOf(string json) => json.Length <= EvaluationItemResult.ReasonDataMaxLength ? json : null;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

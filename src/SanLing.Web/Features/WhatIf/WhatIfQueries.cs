using SanLing.Domain.Common;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Evaluation;

namespace SanLing.Web.Features.WhatIf;

/// <summary>One open fact offered as a checkbox, ticked when the reader assumes it stays open on 31 Dec.</summary>
public sealed record WhatIfToggle(OpenFact Fact, bool StaysOpen);

/// <summary>One item now (as of today) and on 31 Dec under the reader's assumptions.</summary>
public sealed record WhatIfItem(string Code, string Title, ItemEvaluation Now, ItemEvaluation YearEnd)
{
    public bool Changes => Now.Verdict != YearEnd.Verdict;
}

/// <summary>假设分析 of one subject: its open facts, and its verdicts now and at year end. Nothing here is stored.</summary>
public sealed record WhatIfPage(
    int SubjectId,
    string Code,
    string Name,
    SubjectKind Kind,
    DateOnly Today,
    int Year,
    IReadOnlyList<WhatIfToggle> Toggles,
    SubjectVerdict Now,
    SubjectVerdict YearEnd,
    bool IsVetoed,
    IReadOnlyList<WhatIfItem> Items,
    bool WithRecords,
    string? Refusal);

/// <summary>
/// Gathers one subject's facts of the current year (the gatherer's fixed queries, filtered to the subject), and judges
/// them twice with the pure <see cref="Evaluator"/>: as of today, and at 31 Dec after <see cref="WhatIf.Apply"/>.
/// Reads only; writes nothing.
/// </summary>
public sealed class WhatIfQueries(SanLingDbContext db, AccessScope scope, TimeProvider clock)
{
    public const string NoRuleSet = "没有适用于本年度的评定细则，无法进行假设分析。";

    /// <summary>Null when the subject is outside the reader's scope or not evaluated this year.</summary>
    public async Task<WhatIfPage?> LoadAsync(int subjectId, IReadOnlySet<string> staysOpen, CancellationToken ct)
    {
        var subject = await scope.Apply(db.Subjects.AsNoTracking()).Where(s => s.Id == subjectId)
            .Select(s => new { s.Id, s.Code, s.Name, s.Kind }).FirstOrDefaultAsync(ct);
        if (subject is null)
        {
            return null;
        }
        var today = clock.Today();
        var runner = new EvaluationRunner(db, clock);
        var ruleSet = await runner.RuleSetForAsync(today.Year, ct);
        if (ruleSet is null)
        {
            return new WhatIfPage(subject.Id, subject.Code, subject.Name, subject.Kind, today, today.Year, [], SubjectVerdict.Pending,
                SubjectVerdict.Pending, false, [], scope.SeesRecordNumbers, NoRuleSet);
        }
        var now = await runner.PeriodAsync(today.Year, today, ct);
        var facts = await new FactsGatherer(db).GatherOneAsync(now, subject.Id, ct);
        if (facts is null)
        {
            return null;
        }
        var yearEnd = Domain.Evaluation.WhatIf.YearEnd(now);
        var before = Evaluator.Judge(ruleSet, facts, now);
        var after = Evaluator.Judge(ruleSet, Domain.Evaluation.WhatIf.Apply(facts, now, staysOpen), yearEnd);
        var titles = ruleSet.Items.ToDictionary(i => i.Code, i => i.Title, StringComparer.Ordinal);
        var items = before.Items.Zip(after.Items, (b, a) => new WhatIfItem(b.Code, titles.GetValueOrDefault(b.Code, ""), b, a))
            .Where(i => i.Now.Verdict != ItemVerdict.NotApplicable || i.YearEnd.Verdict != ItemVerdict.NotApplicable).ToList();
        var toggles = Domain.Evaluation.WhatIf.OpenFacts(facts, now).Select(f => new WhatIfToggle(f, staysOpen.Contains(f.Key))).ToList();
        return new WhatIfPage(subject.Id, subject.Code, subject.Name, subject.Kind, today, today.Year, toggles,
            before.Verdict, after.Verdict, after.IsVetoed, items, scope.SeesRecordNumbers, null);
    }
}

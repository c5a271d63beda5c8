using SanLing.Domain.Common;
using SanLing.Domain.Standards;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Evaluation;

/// <summary>One item's verdict with its reason as coded parts.</summary>
public sealed record ItemEvaluation(string Code, ItemVerdict Verdict, IReadOnlyList<ReasonPart> Parts)
{
    /// <summary>The reason in Chinese, e.g. "3.3 不达标：当年新发信访 2 件（XF-2025-013、XF-2025-031）".</summary>
    public string Reason => ReasonWording.Chinese(Code, Verdict, Parts);
}

/// <summary>
/// One subject's verdict for the year, item by item, with the impactful incidents of the year (一票否优, whatever the
/// items say) and its major incidents (倒查追责).
/// </summary>
public sealed record SubjectEvaluation(
    SubjectFacts Facts,
    SubjectVerdict Verdict,
    IReadOnlyList<ItemEvaluation> Items,
    IReadOnlyList<FlaggedIncident> ImpactfulIncidents,
    IReadOnlyList<FlaggedIncident> MajorIncidents)
{
    public bool IsVetoed => ImpactfulIncidents.Count > 0;
}

/// <summary>Turns (rule set, facts, period) into item verdicts and the subject's result. Pure.</summary>
public static class Evaluator
{
    public static SubjectEvaluation Judge(RuleSet ruleSet, SubjectFacts facts, EvaluationPeriod period)
    {
        var items = ruleSet.Items.OrderBy(i => i.SortOrder).Select(i => JudgeItem(i, facts, period)).ToList();
        var flagged = facts.FlaggedIncidents.Where(i => period.Contains(i.OccurredOn)).OrderBy(i => i.OccurredOn).ToList();
        return new SubjectEvaluation(facts, ResultOf(items.Select(i => i.Verdict)), items,
            flagged.Where(i => i.IsImpactful).ToList(), flagged.Where(i => i.IsMajor).ToList());
    }

    /// <summary>不达标 if any applicable item fails; else 待评定 if any is pending; else 达标.</summary>
    public static SubjectVerdict ResultOf(IEnumerable<ItemVerdict> verdicts)
    {
        var list = verdicts.ToList();
        if (list.Contains(ItemVerdict.Fail))
        {
            return SubjectVerdict.NonCompliant;
        }
        return list.Contains(ItemVerdict.Pending) ? SubjectVerdict.Pending : SubjectVerdict.Compliant;
    }

    public static ItemEvaluation JudgeItem(RuleSetItem item, SubjectFacts facts, EvaluationPeriod period)
    {
        if (!item.AppliesToKind(facts.Kind))
        {
            return new ItemEvaluation(item.Code, ItemVerdict.NotApplicable, [ReasonWording.Part(ReasonWording.NotApplicableTo(facts.Kind))]);
        }
        var judging = item.JudgingFor(facts.Kind);
        var parts = new List<RuleOutcome>(2);
        if (judging.UsesData())
        {
            parts.Add(DataRules.ByCode.TryGetValue(item.Code, out var rule)
                ? rule.Judge(facts, period)
                : RuleOutcome.Pending(ReasonWording.Part("item.no-rule")));
        }
        if (judging.IsAttested())
        {
            parts.Add(Attested(item, facts));
        }
        return new ItemEvaluation(item.Code, Combine(parts.Select(p => p.Verdict)), parts.SelectMany(p => p.Parts).ToList());
    }

    /// <summary>Either part failing fails the item; else a pending part makes it pending; else n/a only when every part is n/a.</summary>
    public static ItemVerdict Combine(IEnumerable<ItemVerdict> parts)
    {
        var list = parts.ToList();
        if (list.Contains(ItemVerdict.Fail))
        {
            return ItemVerdict.Fail;
        }
        if (list.Contains(ItemVerdict.Pending))
        {
            return ItemVerdict.Pending;
        }
        return list.All(v => v == ItemVerdict.NotApplicable) ? ItemVerdict.NotApplicable : ItemVerdict.Pass;
    }

    private static RuleOutcome Attested(RuleSetItem item, SubjectFacts facts)
    {
        if (!facts.Attestations.TryGetValue(item.Code, out var result))
        {
            return RuleOutcome.Pending(ReasonWording.Part(ReasonWording.NotYetAttested));
        }
        return result switch
        {
            AttestationResult.Pass => RuleOutcome.Pass(ReasonWording.Part("attested.pass")),
            AttestationResult.Fail => RuleOutcome.Fail(ReasonWording.Part("attested.fail")),
            _ when item.AllowsNotApplicable => RuleOutcome.NotApplicable(ReasonWording.Part("attested.not-applicable")),
            _ => RuleOutcome.Pending(ReasonWording.Part("attested.not-applicable-refused")),
        };
    }
}

/// <summary>Honours by consecutive compliant years, and the compliance rate.</summary>
public static class Honours
{
    /// <summary>Consecutive compliant years up to this one: 0 unless compliant; else one more than last year's run.</summary>
    public static int ConsecutiveYears(SubjectVerdict verdict, int previousConsecutive) =>
        verdict == SubjectVerdict.Compliant ? Math.Max(0, previousConsecutive) + 1 : 0;

    /// <summary>1 → 命名表彰; 2 → 通报表扬; ≥3 → 推荐市级以上表彰.</summary>
    public static Honour For(int consecutiveYears) => consecutiveYears switch
    {
        <= 0 => Honour.None,
        1 => Honour.Named,
        2 => Honour.TownCommendation,
        _ => Honour.RecommendedToCity,
    };

    /// <summary>Compliant ÷ evaluated (only 达标 counts); null when nothing was evaluated.</summary>
    public static decimal? Rate(int compliant, int evaluated) => evaluated == 0 ? null : (decimal)compliant / evaluated;
}

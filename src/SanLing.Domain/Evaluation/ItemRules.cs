using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Evaluation;

/// <summary>
/// The data part of one item: 达标, 不达标, 不适用, or 待评定 (an as-of run whose shortfall can still be made good),
/// with its reason as coded parts.
/// </summary>
public readonly record struct RuleOutcome(ItemVerdict Verdict, IReadOnlyList<ReasonPart> Parts)
{
    /// <summary>The reason in Chinese ("part；part").</summary>
    public string Detail => ReasonWording.Chinese(Parts);

    public static RuleOutcome Pass(params ReasonPart[] parts) => new(ItemVerdict.Pass, parts);
    public static RuleOutcome Fail(params ReasonPart[] parts) => new(ItemVerdict.Fail, parts);
    public static RuleOutcome NotApplicable(params ReasonPart[] parts) => new(ItemVerdict.NotApplicable, parts);
    public static RuleOutcome Pending(params ReasonPart[] parts) => new(ItemVerdict.Pending, parts);
}

/// <summary>How one item is judged from the data (D). Pure: facts and period in, outcome out.</summary>
public interface IDataRule
{
    string Code { get; }

    RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period);
}

/// <summary>Shorthands of the rules' reason parts.</summary>
internal static class Wording
{
    public static ReasonPart Part(string code, params ReasonArg[] args) => ReasonWording.Part(code, args);

    /// <summary>"2 件（XF-1、XF-2）": a count with its record numbers.</summary>
    public static ReasonArg Count(IReadOnlyCollection<string> numbers, string unit) => ReasonArg.Records(numbers, unit);

    public static ReasonArg Number(int count) => ReasonArg.Number(count);

    /// <summary>A finding as listed: its month, and its grid when it has one ("2026-03 G02").</summary>
    public static string Finding(FindingFact f) => f.GridCode is null ? ReasonWording.Month(f.Month) : $"{ReasonWording.Month(f.Month)} {f.GridCode}";
}

/// <summary>1.1 (data part): no 越级访 filed in the year.</summary>
public sealed class NoSkipLevelPetitionRule : IDataRule
{
    public string Code => "1.1";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        var skip = facts.Petitions.Where(p => p.Kind == PetitionKind.SkipLevel && period.Contains(p.FiledOn)).Select(p => p.Number).ToList();
        return skip.Count == 0
            ? RuleOutcome.Pass(Wording.Part("1.1.none"))
            : RuleOutcome.Fail(Wording.Part("1.1.skip-level", Wording.Count(skip, "件")));
    }
}

/// <summary>1.2: 第一责任人 and 直接责任人 both named.</summary>
public sealed class ResponsiblePersonsRule : IDataRule
{
    public string Code => "1.2";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        return (facts.HasPrincipal, facts.HasLeaderInCharge) switch
        {
            (true, true) => RuleOutcome.Pass(Wording.Part("1.2.named")),
            (false, false) => RuleOutcome.Fail(Wording.Part("1.2.missing-both")),
            (false, true) => RuleOutcome.Fail(Wording.Part("1.2.missing-principal")),
            (true, false) => RuleOutcome.Fail(Wording.Part("1.2.missing-leader")),
        };
    }
}

/// <summary>2.4: no criminal or public-security case recorded on the subject in the year.</summary>
public sealed class NoCasesRule : IDataRule
{
    public string Code => "2.4";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        var cases = facts.Cases.Where(c => period.Contains(c.OccurredOn)).Select(c => c.Number).ToList();
        return cases.Count == 0
            ? RuleOutcome.Pass(Wording.Part("2.4.none"))
            : RuleOutcome.Fail(Wording.Part("2.4.cases", Wording.Count(cases, "件")));
    }
}

/// <summary>
/// 3.1 and 5.1: every required month complete (every grid — or the subject itself when it has none — inspected;
/// late counts). A village or community without a grid fails. As of a date, a missing month can still be
/// submitted late: the item is pending, not failed.
/// </summary>
public sealed class MonthsCompleteRule(string code) : IDataRule
{
    public string Code { get; } = code;

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        if (facts.Kind.IsTerritory() && facts.Grids.Count == 0)
        {
            return RuleOutcome.Fail(Wording.Part("months.no-grids"));
        }
        var required = period.RequiredMonths(facts.EstablishedOn);
        if (required.Count == 0)
        {
            return RuleOutcome.Pass(ReasonWording.AtCutOff(period, "months.none-due"));
        }
        var missing = required.Where(m => !facts.CompleteMonths.Contains(m)).ToList();
        if (missing.Count == 0)
        {
            return RuleOutcome.Pass(Wording.Part("months.complete", Wording.Number(required.Count)));
        }
        return period.IsFullYear
            ? RuleOutcome.Fail(Wording.Part("months.missing", Wording.Number(required.Count), ReasonArg.Months(missing)))
            : RuleOutcome.Pending(Wording.Part("months.missing-pending", Wording.Number(required.Count), ReasonArg.Months(missing)));
    }
}

/// <summary>
/// 3.3: no petition filed in the year; no petition of any year unresolved at the cut-off (积案); every dispute found
/// in the year resolved by the cut-off (上报 is not resolved at this level).
/// </summary>
public sealed class PetitionsAndDisputesRule : IDataRule
{
    public string Code => "3.3";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        var failures = new List<ReasonPart>();
        var filed = facts.Petitions.Where(p => period.Contains(p.FiledOn)).Select(p => p.Number).ToList();
        if (filed.Count > 0)
        {
            failures.Add(Wording.Part("3.3.filed", Wording.Count(filed, "件")));
        }
        // 积案 (BRIEF §6: "zero petitions (any year) unresolved at year end"; plan: 积案全部妥善解决): a petition of an
        // earlier year still open at the cut-off. Resolving it during the year clears it. As of a date it can still be
        // resolved, so it is pending then, not failed.
        var openBacklog = facts.Petitions.Where(p => p.IsBacklogOn(period.CutOff)).Select(p => p.Number).ToList();
        if (openBacklog.Count > 0 && period.IsFullYear)
        {
            failures.Add(Wording.Part("3.3.backlog", Wording.Count(openBacklog, "件")));
        }
        var disputes = facts.Disputes.Where(d => InYear(d, period)).ToList();
        var openDisputes = disputes.Where(d => !d.IsClosedBy(period.CutOff)).ToList();
        var escalated = openDisputes.Where(d => d.IsEscalated).Select(Wording.Finding).ToList();
        var mediating = openDisputes.Where(d => !d.IsEscalated).Select(Wording.Finding).ToList();
        if (escalated.Count > 0)
        {
            failures.Add(Wording.Part("3.3.escalated", Wording.Count(escalated, "件")));
        }
        if (mediating.Count > 0 && period.IsFullYear)
        {
            failures.Add(Wording.Part("3.3.disputes-open", Wording.Count(mediating, "件")));
        }
        if (failures.Count > 0)
        {
            return RuleOutcome.Fail([.. failures]);
        }
        if (openBacklog.Count > 0)
        {
            return RuleOutcome.Pending(ReasonWording.AtCutOff(period, "3.3.backlog-pending", Wording.Count(openBacklog, "件")));
        }
        if (mediating.Count > 0)
        {
            return RuleOutcome.Pending(ReasonWording.AtCutOff(period, "3.3.mediating-pending", Wording.Count(mediating, "件")));
        }
        return RuleOutcome.Pass(Wording.Part("3.3.no-petitions"), Wording.Part("3.3.disputes-resolved", Wording.Number(disputes.Count)));
    }

    /// <summary>"Found in the year": the inspection's month is in the year and not after the cut-off.</summary>
    internal static bool InYear(FindingFact f, EvaluationPeriod period) => f.Month.Year == period.Year && f.Month <= period.CutOff;
}

/// <summary>4.1: every key person active in the year has at least one follow-up in the year (n/a without key persons).</summary>
public sealed class KeyPersonFollowUpRule : IDataRule
{
    public string Code => "4.1";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        var active = facts.KeyPersons.Where(k => k.IsActiveIn(period)).ToList();
        if (active.Count == 0)
        {
            return RuleOutcome.NotApplicable(Wording.Part("key-persons.none"));
        }
        var silent = active.Where(k => k.FollowUpsIn(period) == 0).Select(k => k.Number).ToList();
        if (silent.Count == 0)
        {
            return RuleOutcome.Pass(Wording.Part("4.1.all-followed", Wording.Number(active.Count)));
        }
        return period.IsFullYear
            ? RuleOutcome.Fail(Wording.Part("4.1.silent", Wording.Number(active.Count), Wording.Count(silent, "人")))
            : RuleOutcome.Pending(Wording.Part("4.1.silent-pending", Wording.Number(active.Count), Wording.Count(silent, "人")));
    }
}

/// <summary>
/// 4.2: every active key person has an assistance plan, and no case in the year has one of the subject's key persons
/// as offender (n/a without key persons).
/// </summary>
public sealed class AssistanceRule : IDataRule
{
    public string Code => "4.2";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        var active = facts.KeyPersons.Where(k => k.IsActiveIn(period)).ToList();
        var offences = facts.CasesByOwnKeyPersons.Where(c => period.Contains(c.OccurredOn)).ToList();
        if (active.Count == 0 && offences.Count == 0)
        {
            return RuleOutcome.NotApplicable(Wording.Part("key-persons.none"));
        }
        var failures = new List<ReasonPart>();
        var noPlan = active.Where(k => !k.HasPlan).Select(k => k.Number).ToList();
        if (noPlan.Count > 0)
        {
            failures.Add(Wording.Part("4.2.no-plan", Wording.Count(noPlan, "人")));
        }
        if (offences.Count > 0)
        {
            var cases = offences.Select(c => $"{c.CaseNumber}/{c.KeyPersonNumber}").ToList();
            failures.Add(Wording.Part("4.2.offences", Wording.Count(cases, "件")));
        }
        return failures.Count == 0
            ? RuleOutcome.Pass(Wording.Part("4.2.pass", Wording.Number(active.Count)))
            : RuleOutcome.Fail([.. failures]);
    }
}

/// <summary>4.3: every rental house 登记备案 by the cut-off (n/a without rental houses).</summary>
public sealed class RentalRegistrationRule : IDataRule
{
    public string Code => "4.3";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        var total = facts.RentalHouses.Count;
        if (total == 0)
        {
            return RuleOutcome.NotApplicable(Wording.Part("4.3.none"));
        }
        var registered = facts.RentalHouses.Count(h => h.IsRegisteredBy(period.CutOff));
        var share = ReasonArg.Share(registered, "处", registered * 100m / total);
        if (registered >= total)
        {
            return RuleOutcome.Pass(Wording.Part("4.3.registered", Wording.Number(total), share));
        }
        var unregistered = facts.RentalHouses.Where(h => !h.IsRegisteredBy(period.CutOff)).Select(h => h.Number).ToList();
        return RuleOutcome.Fail(Wording.Part("4.3.unregistered", Wording.Number(total), share, Wording.Count(unregistered, "处")));
    }
}

/// <summary>5.3: no accident in the year; every hazard found in the year rectified by the cut-off.</summary>
public sealed class AccidentsAndHazardsRule : IDataRule
{
    public string Code => "5.3";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        var failures = new List<ReasonPart>();
        var accidents = facts.Accidents.Where(a => period.Contains(a.OccurredOn)).Select(a => a.Number).ToList();
        if (accidents.Count > 0)
        {
            failures.Add(Wording.Part("5.3.accidents", Wording.Count(accidents, "起")));
        }
        var hazards = facts.Hazards.Where(h => PetitionsAndDisputesRule.InYear(h, period)).ToList();
        var open = hazards.Where(h => !h.IsClosedBy(period.CutOff)).Select(Wording.Finding).ToList();
        if (open.Count > 0 && period.IsFullYear)
        {
            failures.Add(Wording.Part("5.3.hazards-open", Wording.Count(open, "处")));
        }
        if (failures.Count > 0)
        {
            return RuleOutcome.Fail([.. failures]);
        }
        if (open.Count > 0)
        {
            return RuleOutcome.Pending(ReasonWording.AtCutOff(period, "5.3.hazards-pending", Wording.Count(open, "处")));
        }
        return RuleOutcome.Pass(Wording.Part("5.3.no-accidents"), Wording.Part("5.3.hazards-rectified", Wording.Number(hazards.Count)));
    }
}

/// <summary>7.1 (data, villages and communities): the subject has grids and every grid has a grid worker.</summary>
public sealed class GridWorkersRule : IDataRule
{
    public string Code => "7.1";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        if (facts.Grids.Count == 0)
        {
            return facts.Kind.IsTerritory()
                ? RuleOutcome.Fail(Wording.Part("7.1.no-grids"))
                : RuleOutcome.NotApplicable(Wording.Part("7.1.no-teams"));
        }
        var vacant = facts.Grids.Where(g => !g.HasWorker).Select(g => g.Code).ToList();
        return vacant.Count == 0
            ? RuleOutcome.Pass(Wording.Part("7.1.staffed", Wording.Number(facts.Grids.Count)))
            : RuleOutcome.Fail(Wording.Part("7.1.vacant", Wording.Number(facts.Grids.Count), Wording.Count(vacant, "个")));
    }
}

/// <summary>The data rules of the 2020 standards, by item code.</summary>
public static class DataRules
{
    public static readonly IReadOnlyDictionary<string, IDataRule> ByCode = new IDataRule[]
    {
        new NoSkipLevelPetitionRule(),
        new ResponsiblePersonsRule(),
        new NoCasesRule(),
        new MonthsCompleteRule("3.1"),
        new PetitionsAndDisputesRule(),
        new KeyPersonFollowUpRule(),
        new AssistanceRule(),
        new RentalRegistrationRule(),
        new MonthsCompleteRule("5.1"),
        new AccidentsAndHazardsRule(),
        new GridWorkersRule(),
    }.ToDictionary(r => r.Code, StringComparer.Ordinal);
}

using SanLing.Domain.Ledgers;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Evaluation;

/// <summary>The data part of one item: 达标, 不达标, 不适用, or 待评定 (an as-of run whose shortfall can still be made good).</summary>
public readonly record struct RuleOutcome(ItemVerdict Verdict, string Detail)
{
    public static RuleOutcome Pass(string detail) => new(ItemVerdict.Pass, detail);
    public static RuleOutcome Fail(string detail) => new(ItemVerdict.Fail, detail);
    public static RuleOutcome NotApplicable(string detail) => new(ItemVerdict.NotApplicable, detail);
    public static RuleOutcome Pending(string detail) => new(ItemVerdict.Pending, detail);
}

/// <summary>How one item is judged from the data (D). Pure: facts and period in, outcome out.</summary>
public interface IDataRule
{
    string Code { get; }

    RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period);
}

/// <summary>Shared wording of the reasons.</summary>
internal static class Wording
{
    public const int MaxListed = 8;

    /// <summary>"2 件（XF-1、XF-2）", listing at most <see cref="MaxListed"/> numbers.</summary>
    public static string Count(IReadOnlyCollection<string> numbers, string unit)
    {
        var listed = string.Join("、", numbers.Take(MaxListed));
        var more = numbers.Count > MaxListed ? "等" : "";
        return $"{numbers.Count} {unit}（{listed}{more}）";
    }

    public static string Month(DateOnly month) => $"{month:yyyy-MM}";

    public static string Day(DateOnly day) => $"{day:yyyy-MM-dd}";

    /// <summary>"年底" for a full year, "截至 2026-11-25" for an as-of run.</summary>
    public static string CutOff(EvaluationPeriod period) => period.IsFullYear ? "年底" : $"截至 {Day(period.CutOff)}";

    public static string Finding(FindingFact f) => f.GridCode is null ? Month(f.Month) : $"{Month(f.Month)} {f.GridCode}";
}

/// <summary>1.1 (data part): no 越级访 filed in the year.</summary>
public sealed class NoSkipLevelPetitionRule : IDataRule
{
    public string Code => "1.1";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        var skip = facts.Petitions.Where(p => p.Kind == PetitionKind.SkipLevel && period.Contains(p.FiledOn)).Select(p => p.Number).ToList();
        return skip.Count == 0
            ? RuleOutcome.Pass("当年无越级访")
            : RuleOutcome.Fail($"当年越级访 {Wording.Count(skip, "件")}");
    }
}

/// <summary>1.2: 第一责任人 and 直接责任人 both named.</summary>
public sealed class ResponsiblePersonsRule : IDataRule
{
    public string Code => "1.2";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        var missing = new List<string>();
        if (!facts.HasPrincipal)
        {
            missing.Add("第一责任人");
        }
        if (!facts.HasLeaderInCharge)
        {
            missing.Add("直接责任人");
        }
        return missing.Count == 0
            ? RuleOutcome.Pass("第一责任人、直接责任人均已明确")
            : RuleOutcome.Fail($"未明确{string.Join("、", missing)}");
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
            ? RuleOutcome.Pass("当年无刑事、治安案件")
            : RuleOutcome.Fail($"当年发生刑事、治安案件 {Wording.Count(cases, "件")}");
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
            return RuleOutcome.Fail("未划分网格，无法按网格开展月度排查");
        }
        var required = period.RequiredMonths(facts.EstablishedOn);
        if (required.Count == 0)
        {
            return RuleOutcome.Pass($"{Wording.CutOff(period)}尚无到期的月度排查");
        }
        var missing = required.Where(m => !facts.CompleteMonths.Contains(m)).Select(Wording.Month).ToList();
        if (missing.Count == 0)
        {
            return RuleOutcome.Pass($"应排查 {required.Count} 个月，均已完成");
        }
        var detail = $"应排查 {required.Count} 个月，缺 {Wording.Count(missing, "个月")}";
        return period.IsFullYear ? RuleOutcome.Fail(detail) : RuleOutcome.Pending(detail + "，尚可补报");
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
        var failures = new List<string>();
        var filed = facts.Petitions.Where(p => period.Contains(p.FiledOn)).Select(p => p.Number).ToList();
        if (filed.Count > 0)
        {
            failures.Add($"当年新发信访 {Wording.Count(filed, "件")}");
        }
        // 积案 (BRIEF §6: "zero petitions (any year) unresolved at year end"; plan: 积案全部妥善解决): a petition of an
        // earlier year still open at the cut-off. Resolving it during the year clears it. As of a date it can still be
        // resolved, so it is pending then, not failed.
        var openBacklog = facts.Petitions.Where(p => p.IsBacklogOn(period.CutOff)).Select(p => p.Number).ToList();
        if (openBacklog.Count > 0 && period.IsFullYear)
        {
            failures.Add($"往年信访积案未化解 {Wording.Count(openBacklog, "件")}");
        }
        var disputes = facts.Disputes.Where(d => InYear(d, period)).ToList();
        var openDisputes = disputes.Where(d => !d.IsClosedBy(period.CutOff)).ToList();
        var escalated = openDisputes.Where(d => d.IsEscalated).Select(Wording.Finding).ToList();
        var mediating = openDisputes.Where(d => !d.IsEscalated).Select(Wording.Finding).ToList();
        if (escalated.Count > 0)
        {
            failures.Add($"矛盾纠纷上报未在本级化解 {Wording.Count(escalated, "件")}");
        }
        if (mediating.Count > 0 && period.IsFullYear)
        {
            failures.Add($"当年排查的矛盾纠纷年底未化解 {Wording.Count(mediating, "件")}");
        }
        if (failures.Count > 0)
        {
            return RuleOutcome.Fail(string.Join("；", failures));
        }
        if (openBacklog.Count > 0)
        {
            return RuleOutcome.Pending($"{Wording.CutOff(period)}尚有往年信访积案未化解 {Wording.Count(openBacklog, "件")}");
        }
        if (mediating.Count > 0)
        {
            return RuleOutcome.Pending($"{Wording.CutOff(period)}尚有矛盾纠纷化解中 {Wording.Count(mediating, "件")}");
        }
        return RuleOutcome.Pass($"当年无新发信访、无积案；当年排查矛盾纠纷 {disputes.Count} 件均已化解");
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
            return RuleOutcome.NotApplicable("当年无在册重点人员");
        }
        var silent = active.Where(k => k.FollowUpsIn(period) == 0).Select(k => k.Number).ToList();
        if (silent.Count == 0)
        {
            return RuleOutcome.Pass($"在册重点人员 {active.Count} 人当年均有帮教记录");
        }
        var detail = $"在册重点人员 {active.Count} 人，当年无帮教记录 {Wording.Count(silent, "人")}";
        return period.IsFullYear ? RuleOutcome.Fail(detail) : RuleOutcome.Pending(detail + "，年内尚可补做");
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
            return RuleOutcome.NotApplicable("当年无在册重点人员");
        }
        var failures = new List<string>();
        var noPlan = active.Where(k => !k.HasPlan).Select(k => k.Number).ToList();
        if (noPlan.Count > 0)
        {
            failures.Add($"无帮教方案 {Wording.Count(noPlan, "人")}");
        }
        if (offences.Count > 0)
        {
            var cases = offences.Select(c => $"{c.CaseNumber}/{c.KeyPersonNumber}").ToList();
            failures.Add($"帮教对象当年涉案 {Wording.Count(cases, "件")}");
        }
        return failures.Count == 0
            ? RuleOutcome.Pass($"在册重点人员 {active.Count} 人均有帮教方案，当年无违法犯罪")
            : RuleOutcome.Fail(string.Join("；", failures));
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
            return RuleOutcome.NotApplicable("无出租屋");
        }
        var registered = facts.RentalHouses.Count(h => h.IsRegisteredBy(period.CutOff));
        var detail = $"出租屋 {total} 处，已登记备案 {registered} 处（{registered * 100m / total:0.#}%）";
        if (registered >= total)
        {
            return RuleOutcome.Pass(detail);
        }
        var unregistered = facts.RentalHouses.Where(h => !h.IsRegisteredBy(period.CutOff)).Select(h => h.Number).ToList();
        return RuleOutcome.Fail($"{detail}，未登记 {Wording.Count(unregistered, "处")}");
    }
}

/// <summary>5.3: no accident in the year; every hazard found in the year rectified by the cut-off.</summary>
public sealed class AccidentsAndHazardsRule : IDataRule
{
    public string Code => "5.3";

    public RuleOutcome Judge(SubjectFacts facts, EvaluationPeriod period)
    {
        var failures = new List<string>();
        var accidents = facts.Accidents.Where(a => period.Contains(a.OccurredOn)).Select(a => a.Number).ToList();
        if (accidents.Count > 0)
        {
            failures.Add($"当年发生安全事故 {Wording.Count(accidents, "起")}");
        }
        var hazards = facts.Hazards.Where(h => PetitionsAndDisputesRule.InYear(h, period)).ToList();
        var open = hazards.Where(h => !h.IsClosedBy(period.CutOff)).Select(Wording.Finding).ToList();
        if (open.Count > 0 && period.IsFullYear)
        {
            failures.Add($"当年排查的安全隐患年底未整改 {Wording.Count(open, "处")}");
        }
        if (failures.Count > 0)
        {
            return RuleOutcome.Fail(string.Join("；", failures));
        }
        if (open.Count > 0)
        {
            return RuleOutcome.Pending($"{Wording.CutOff(period)}尚有安全隐患整改中 {Wording.Count(open, "处")}");
        }
        return RuleOutcome.Pass($"当年无安全事故；当年排查安全隐患 {hazards.Count} 处均已整改");
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
                ? RuleOutcome.Fail("未划分网格")
                : RuleOutcome.NotApplicable("无车间班组");
        }
        var vacant = facts.Grids.Where(g => !g.HasWorker).Select(g => g.Code).ToList();
        return vacant.Count == 0
            ? RuleOutcome.Pass($"网格 {facts.Grids.Count} 个均有网格员")
            : RuleOutcome.Fail($"网格 {facts.Grids.Count} 个，无网格员 {Wording.Count(vacant, "个")}");
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

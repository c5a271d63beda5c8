using System.Globalization;
using SanLing.Domain.Inspections;
using SanLing.Domain.Ledgers;

namespace SanLing.Domain.Evaluation;

/// <summary>What can still change before 31 Dec.</summary>
public enum OpenFactKind
{
    Hazard = 1,          // 隐患整改中
    Dispute = 2,         // 矛盾纠纷未化解（化解中或上报）
    BacklogPetition = 3, // 往年信访未化解（积案）
    MissingMonth = 4,    // 月度排查未报（含尚未到期的月份）
    SilentKeyPerson = 5, // 重点人员今年尚无走访
}

/// <summary>
/// One open fact of a subject. <see cref="Key"/> is what the what-if form sends back; petitions and key persons are keyed
/// by their position, not their record number, so the form names no record the reader may not see.
/// </summary>
public sealed record OpenFact(string Key, OpenFactKind Kind, DateOnly? Month, string? GridCode, string? Number, DateOnly? Date);

/// <summary>
/// 假设分析: the year as it would end on 31 Dec. Every open fact the reader ticks stays open; every other one is taken as
/// made good by 31 Dec (hazard rectified, dispute and backlog petition resolved, month submitted, key person visited).
/// The changed facts are then judged by the same <see cref="Evaluator"/> over the whole year. Pure; nothing is stored.
/// </summary>
public static class WhatIf
{
    /// <summary>The whole year of an as-of period (cut-off 31 Dec, same due day).</summary>
    public static EvaluationPeriod YearEnd(EvaluationPeriod now) => new(now.Year, null, now.DueDay);

    /// <summary>The subject's open facts that can still change before 31 Dec, in a stable order.</summary>
    public static IReadOnlyList<OpenFact> OpenFacts(SubjectFacts facts, EvaluationPeriod now)
    {
        var yearEnd = YearEnd(now);
        var open = new List<OpenFact>();
        open.AddRange(OpenFindings(facts.Hazards, now).Select(h => new OpenFact(HazardKey(h.Id), OpenFactKind.Hazard, h.Month, h.GridCode, null, h.RectifyBy)));
        open.AddRange(OpenFindings(facts.Disputes, now).Select(d => new OpenFact(DisputeKey(d.Id), OpenFactKind.Dispute, d.Month, d.GridCode, null, null)));
        open.AddRange(Backlog(facts, now).Select((p, i) => new OpenFact(PetitionKey(i + 1), OpenFactKind.BacklogPetition, null, null, p.Number, p.FiledOn)));
        open.AddRange(MissingMonths(facts, yearEnd).Select(m => new OpenFact(MonthKey(m), OpenFactKind.MissingMonth, m, null, null, null)));
        open.AddRange(Silent(facts, yearEnd).Select((k, i) => new OpenFact(KeyPersonKey(i + 1), OpenFactKind.SilentKeyPerson, null, null, k.Number, null)));
        return open;
    }

    /// <summary>
    /// The facts as they would stand on 31 Dec: the open facts whose keys are in <paramref name="staysOpen"/> unchanged,
    /// every other open fact made good on 31 Dec. Unknown keys are ignored. Judge the result with <see cref="YearEnd"/>.
    /// </summary>
    public static SubjectFacts Apply(SubjectFacts facts, EvaluationPeriod now, IReadOnlySet<string> staysOpen)
    {
        var yearEnd = YearEnd(now);
        var lastDay = yearEnd.YearEnd;
        var openHazards = OpenFindings(facts.Hazards, now).Where(h => !staysOpen.Contains(HazardKey(h.Id))).Select(h => h.Id).ToHashSet();
        var openDisputes = OpenFindings(facts.Disputes, now).Where(d => !staysOpen.Contains(DisputeKey(d.Id))).Select(d => d.Id).ToHashSet();
        var resolvedPetitions = Backlog(facts, now).Where((_, i) => !staysOpen.Contains(PetitionKey(i + 1))).ToHashSet();
        var submitted = MissingMonths(facts, yearEnd).Where(m => !staysOpen.Contains(MonthKey(m)));
        var visited = Silent(facts, yearEnd).Where((_, i) => !staysOpen.Contains(KeyPersonKey(i + 1))).ToHashSet();
        return facts with
        {
            Hazards = facts.Hazards.Select(h => openHazards.Contains(h.Id) ? h with { Status = FindingStatus.Rectified, ClosedOn = lastDay } : h).ToList(),
            Disputes = facts.Disputes.Select(d => openDisputes.Contains(d.Id) ? d with { Status = FindingStatus.Resolved, ClosedOn = lastDay } : d).ToList(),
            Petitions = facts.Petitions.Select(p => resolvedPetitions.Contains(p) ? p with { Status = PetitionStatus.Resolved, ResolvedOn = lastDay } : p).ToList(),
            CompleteMonths = facts.CompleteMonths.Concat(submitted).ToHashSet(),
            KeyPersons = facts.KeyPersons.Select(k => visited.Contains(k) ? k with { FollowUps = [.. k.FollowUps, lastDay] } : k).ToList(),
        };
    }

    /// <summary>The keys of a form, trimmed, without blanks, at most <paramref name="limit"/> of them.</summary>
    public static IReadOnlySet<string> Keys(IEnumerable<string?>? values, int limit = 500) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Take(limit).ToHashSet(StringComparer.Ordinal);

    public static string HazardKey(int id) => "h" + id.ToString(CultureInfo.InvariantCulture);
    public static string DisputeKey(int id) => "d" + id.ToString(CultureInfo.InvariantCulture);
    public static string PetitionKey(int position) => "p" + position.ToString(CultureInfo.InvariantCulture);
    public static string MonthKey(DateOnly month) => "m" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    public static string KeyPersonKey(int position) => "k" + position.ToString(CultureInfo.InvariantCulture);

    /// <summary>Found in the year up to now and not closed now (escalated disputes too: they can still be resolved).</summary>
    private static IEnumerable<FindingFact> OpenFindings(IEnumerable<FindingFact> findings, EvaluationPeriod now) =>
        findings.Where(f => PetitionsAndDisputesRule.InYear(f, now) && !f.IsClosedBy(now.CutOff)).OrderBy(f => f.Month).ThenBy(f => f.Id);

    /// <summary>Petitions of earlier years still open now (积案).</summary>
    private static List<PetitionFact> Backlog(SubjectFacts facts, EvaluationPeriod now) =>
        facts.Petitions.Where(p => p.IsBacklogOn(now.CutOff)).OrderBy(p => p.FiledOn).ThenBy(p => p.Number, StringComparer.Ordinal).ToList();

    /// <summary>Months the whole year requires that are not complete yet (those not due yet included).</summary>
    private static IEnumerable<DateOnly> MissingMonths(SubjectFacts facts, EvaluationPeriod yearEnd) =>
        yearEnd.RequiredMonths(facts.EstablishedOn).Where(m => !facts.CompleteMonths.Contains(m));

    /// <summary>Key persons active in the year without a follow-up so far.</summary>
    private static List<KeyPersonFact> Silent(SubjectFacts facts, EvaluationPeriod yearEnd) =>
        facts.KeyPersons.Where(k => k.IsActiveIn(yearEnd) && k.FollowUpsIn(yearEnd) == 0).OrderBy(k => k.Number, StringComparer.Ordinal).ToList();
}

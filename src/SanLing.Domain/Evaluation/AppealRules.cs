using SanLing.Domain.Rules;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Evaluation;

/// <summary>Why filing or deciding an appeal was refused (the web turns the code into a message).</summary>
public enum AppealRefusal
{
    None = 0,
    NotYours = 1,          // only the subject's own liaison, or its grid worker for a village/community
    NotPublished = 2,      // only a published run (公示) is appealed
    PeriodClosed = 3,      // after the 公示 period
    NothingChosen = 4,     // neither an item nor the veto
    NotAppealable = 5,     // an item that passed, is not in the result, or a veto the result does not carry
    AlreadyWaiting = 6,    // the subject has an appeal the office has not decided yet
    WrongStatus = 7,       // the decision does not follow from the appeal's status
}

/// <summary>申诉复核: the 公示 period, who may appeal for which subject, what may be disputed, the limits and the steps Filed → Upheld/Rejected.</summary>
public static class AppealRules
{
    public const int DefaultPeriodDays = 7;
    public const int MinPeriodDays = 1;
    public const int MaxPeriodDays = 30;
    public const int ReasonMaxLength = 1000;
    public const int DecisionMaxLength = 500;
    public const int MaxEvidenceFiles = 5;
    public const long MaxEvidenceBytes = 5 * 1024 * 1024;
    public const int FileNameMaxLength = 200;

    public static bool IsValidPeriodDays(int days) => days is >= MinPeriodDays and <= MaxPeriodDays;

    /// <summary>
    /// The 公示 period's last day: calendar days in town time, the day of publication counted as the first
    /// (published 1 December with 7 days: open through 7 December).
    /// </summary>
    public static DateOnly LastDay(DateOnly publishedOn, int periodDays) => publishedOn.AddDays(periodDays - 1);

    public static bool IsOpen(DateOnly publishedOn, int periodDays, DateOnly today) =>
        today >= publishedOn && today <= LastDay(publishedOn, periodDays);

    /// <summary>The role a user appeals in, from their portal roles; null for everybody else (office, leadership, admin).</summary>
    public static AppellantRole? RoleOf(bool isLiaison, bool isGridWorker) =>
        isLiaison ? AppellantRole.Liaison : isGridWorker ? AppellantRole.GridWorker : null;

    /// <summary>
    /// A liaison appeals for their own subject; a grid worker for their village/community itself (the enterprises in it
    /// have their own liaisons). <paramref name="scopeSubjectId"/> is the user's scope (own subject or village).
    /// </summary>
    public static bool MayAppealFor(AppellantRole? role, int? scopeSubjectId, int subjectId, SubjectKind kind) => role switch
    {
        AppellantRole.Liaison => scopeSubjectId == subjectId,
        AppellantRole.GridWorker => scopeSubjectId == subjectId && kind.IsTerritory(),
        _ => false,
    };

    /// <summary>Only a verdict against the subject is disputed: 不达标 or 待评定.</summary>
    public static bool IsAppealable(ItemVerdict verdict) => verdict is ItemVerdict.Fail or ItemVerdict.Pending;

    public static IReadOnlyList<RuleViolation> CheckReason(string? reason) =>
        new RuleCheck().Text("Reason", "申诉理由", reason, ReasonMaxLength, required: true).Violations;

    public static IReadOnlyList<RuleViolation> CheckRejection(string? reason) =>
        new RuleCheck().Text("Decision", "复核意见", reason, DecisionMaxLength, required: true).Violations;

    public static IReadOnlyList<RuleViolation> CheckUpholding(string? note) =>
        new RuleCheck().Text("Decision", "复核意见", note, DecisionMaxLength).Violations;

    /// <summary>
    /// Whether the appeal may be filed: by the subject's side, against a published run, within its period, against at
    /// least one disputable item verdict or the veto the result carries, while no other appeal of the subject waits.
    /// </summary>
    /// <param name="verdicts">The subject's item verdicts in the run.</param>
    public static AppealRefusal CheckFiling(
        AppellantRole? role, int? scopeSubjectId, int subjectId, SubjectKind kind,
        DateOnly? publishedOn, int periodDays, DateOnly today,
        IReadOnlyDictionary<string, ItemVerdict> verdicts, bool isVetoed,
        IReadOnlyCollection<string> itemCodes, bool againstVeto, bool anotherWaiting)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(itemCodes);
        if (!MayAppealFor(role, scopeSubjectId, subjectId, kind))
        {
            return AppealRefusal.NotYours;
        }
        if (publishedOn is not { } published)
        {
            return AppealRefusal.NotPublished;
        }
        if (!IsOpen(published, periodDays, today))
        {
            return AppealRefusal.PeriodClosed;
        }
        if (itemCodes.Count == 0 && !againstVeto)
        {
            return AppealRefusal.NothingChosen;
        }
        if (itemCodes.Any(c => !verdicts.TryGetValue(c, out var v) || !IsAppealable(v)) || (againstVeto && !isVetoed))
        {
            return AppealRefusal.NotAppealable;
        }
        return anotherWaiting ? AppealRefusal.AlreadyWaiting : AppealRefusal.None;
    }

    /// <summary>Upheld: the subject was re-evaluated into <paramref name="correction"/>; the verdicts after are read from it.</summary>
    public static AppealRefusal Uphold(Appeal appeal, EvaluationResult correction, int correctionRunId, string? note, string by, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(correction);
        if (appeal.Status != AppealStatus.Filed)
        {
            return AppealRefusal.WrongStatus;
        }
        appeal.Status = AppealStatus.Upheld;
        appeal.CorrectionRunId = correctionRunId;
        appeal.VerdictAfter = correction.Verdict;
        appeal.VetoAfter = correction.IsVetoed;
        foreach (var item in appeal.Items)
        {
            item.After = correction.Items.FirstOrDefault(i => i.ItemCode == item.ItemCode)?.Verdict;
        }
        appeal.Decision = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        appeal.DecidedOn = today;
        appeal.DecidedBy = by;
        return AppealRefusal.None;
    }

    public static AppealRefusal Reject(Appeal appeal, string reason, string by, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (appeal.Status != AppealStatus.Filed)
        {
            return AppealRefusal.WrongStatus;
        }
        appeal.Status = AppealStatus.Rejected;
        appeal.Decision = reason.Trim();
        appeal.DecidedOn = today;
        appeal.DecidedBy = by;
        return AppealRefusal.None;
    }

    /// <summary>Whether an upheld appeal changed anything the subject sees (its verdict, veto, or a disputed item).</summary>
    public static bool ChangedResult(AppealStatus status, SubjectVerdict before, SubjectVerdict? after, bool vetoBefore, bool? vetoAfter,
        IEnumerable<(ItemVerdict Before, ItemVerdict? After)> items) =>
        status == AppealStatus.Upheld && (after != before || vetoAfter != vetoBefore || items.Any(i => i.After != i.Before));
}

/// <summary>
/// The runs that answer appeals form chains: an upheld appeal against run R yields R′ (R with one subject
/// re-evaluated); an appeal against R or R′ upheld later yields R″ from the newest of them, so corrections add up.
/// </summary>
public static class AppealChain
{
    /// <param name="runId">A run.</param>
    /// <param name="corrections">Every correction run of the year: its id and the run its appeal was filed against.</param>
    /// <returns>The newest run that descends from <paramref name="runId"/> through corrections (itself when none).</returns>
    public static int Newest(int runId, IEnumerable<(int RunId, int AppealedRunId)> corrections)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        var appealedRunOf = corrections.ToDictionary(c => c.RunId, c => c.AppealedRunId);
        var root = RootOf(runId, appealedRunOf);
        var chain = new HashSet<int> { root };
        foreach (var (id, appealed) in appealedRunOf.Where(c => c.Key > root).OrderBy(c => c.Key))
        {
            if (chain.Contains(appealed))
            {
                chain.Add(id);
            }
        }
        return chain.Max();
    }

    /// <summary>The run first appealed: back from a correction to the run its appeal was filed against, and so on.</summary>
    private static int RootOf(int runId, IReadOnlyDictionary<int, int> appealedRunOf)
    {
        var root = runId;
        while (appealedRunOf.TryGetValue(root, out var appealed) && appealed < root)
        {
            root = appealed;
        }
        return root;
    }

    /// <returns>
    /// The correction runs <paramref name="runId"/> carries, newest first, itself included when it is one: every correction
    /// of its chain up to it (each was built on the newest of the chain at its time, see <see cref="Newest"/>).
    /// </returns>
    /// <param name="appealedRunOfCorrection">Every correction run of the year → the run its appeal was filed against.</param>
    public static IReadOnlyList<int> Ancestry(int runId, IReadOnlyDictionary<int, int> appealedRunOfCorrection)
    {
        ArgumentNullException.ThrowIfNull(appealedRunOfCorrection);
        var root = RootOf(runId, appealedRunOfCorrection);
        var chain = new HashSet<int> { root };
        var carried = new List<int>();
        foreach (var (id, appealed) in appealedRunOfCorrection.Where(c => c.Key > root && c.Key <= runId).OrderBy(c => c.Key))
        {
            if (chain.Contains(appealed))
            {
                chain.Add(id);
                carried.Add(id);
            }
        }
        carried.Reverse();
        return carried;
    }
}

using SanLing.Domain.Evaluation;
using SanLing.Domain.Subjects;

namespace SanLing.Domain.Tests;

/// <summary>申诉复核: the 公示 period, who may appeal for which subject, what may be disputed, and the steps Filed → Upheld/Rejected.</summary>
public sealed class AppealRulesTests
{
    private static readonly DateOnly Published = new(2026, 12, 1);
    private static readonly Dictionary<string, ItemVerdict> Verdicts = new(StringComparer.Ordinal)
    {
        ["1.1"] = ItemVerdict.Pass, ["3.3"] = ItemVerdict.Fail, ["7.1"] = ItemVerdict.Pending, ["7.3"] = ItemVerdict.NotApplicable,
    };

    private static AppealRefusal Filing(DateOnly today, AppellantRole? role = AppellantRole.Liaison, int? scope = 5, SubjectKind kind = SubjectKind.Enterprise,
        string[]? items = null, bool veto = false, bool isVetoed = false, bool waiting = false, DateOnly? published = null) =>
        AppealRules.CheckFiling(role, scope, 5, kind, published ?? Published, AppealRules.DefaultPeriodDays, today, Verdicts, isVetoed, items ?? ["3.3"], veto, waiting);

    [Fact]
    public void The_period_counts_calendar_days_from_the_day_of_publication()
    {
        Assert.Equal(new DateOnly(2026, 12, 7), AppealRules.LastDay(Published, 7));
        Assert.True(AppealRules.IsOpen(Published, 7, Published));
        Assert.True(AppealRules.IsOpen(Published, 7, new DateOnly(2026, 12, 7)));
        Assert.False(AppealRules.IsOpen(Published, 7, new DateOnly(2026, 12, 8)));
        Assert.False(AppealRules.IsOpen(Published, 7, new DateOnly(2026, 11, 30)));
        Assert.Equal(AppealRefusal.None, Filing(new DateOnly(2026, 12, 7)));
        Assert.Equal(AppealRefusal.PeriodClosed, Filing(new DateOnly(2026, 12, 8)));
        Assert.True(AppealRules.IsValidPeriodDays(AppealRules.DefaultPeriodDays));
        Assert.False(AppealRules.IsValidPeriodDays(0));
        Assert.False(AppealRules.IsValidPeriodDays(31));
    }

    [Fact]
    public void Only_the_subjects_own_liaison_or_the_grid_worker_of_a_village_or_community_appeals()
    {
        var today = Published;
        Assert.Equal(AppealRefusal.None, Filing(today, AppellantRole.Liaison, 5, SubjectKind.Enterprise));
        Assert.Equal(AppealRefusal.NotYours, Filing(today, AppellantRole.Liaison, 6, SubjectKind.Enterprise));
        Assert.Equal(AppealRefusal.None, Filing(today, AppellantRole.GridWorker, 5, SubjectKind.Village));
        Assert.Equal(AppealRefusal.None, Filing(today, AppellantRole.GridWorker, 5, SubjectKind.Community));
        // A grid worker does not appeal for an enterprise (its liaison does), nor for another village.
        Assert.Equal(AppealRefusal.NotYours, Filing(today, AppellantRole.GridWorker, 5, SubjectKind.Enterprise));
        Assert.Equal(AppealRefusal.NotYours, Filing(today, AppellantRole.GridWorker, 6, SubjectKind.Village));
        // Office, leadership and admins appeal for nobody; nor does an account without a scope.
        Assert.Equal(AppealRefusal.NotYours, Filing(today, role: null));
        Assert.Equal(AppealRefusal.NotYours, Filing(today, AppellantRole.Liaison, scope: null));
        Assert.Null(AppealRules.RoleOf(isLiaison: false, isGridWorker: false));
    }

    [Fact]
    public void Only_verdicts_against_the_subject_and_a_veto_it_carries_are_disputed()
    {
        var today = Published;
        Assert.Equal(AppealRefusal.None, Filing(today, items: ["3.3", "7.1"]));
        Assert.Equal(AppealRefusal.NotAppealable, Filing(today, items: ["1.1"]));
        Assert.Equal(AppealRefusal.NotAppealable, Filing(today, items: ["7.3"]));
        Assert.Equal(AppealRefusal.NotAppealable, Filing(today, items: ["9.9"]));
        Assert.Equal(AppealRefusal.NothingChosen, Filing(today, items: []));
        Assert.Equal(AppealRefusal.None, Filing(today, items: [], veto: true, isVetoed: true));
        Assert.Equal(AppealRefusal.NotAppealable, Filing(today, items: [], veto: true, isVetoed: false));
        Assert.Equal(AppealRefusal.AlreadyWaiting, Filing(today, waiting: true));
        Assert.Equal(AppealRefusal.NotPublished, AppealRules.CheckFiling(AppellantRole.Liaison, 5, 5, SubjectKind.Enterprise, null, 7, today, Verdicts, false, ["3.3"], false, false));
    }

    [Fact]
    public void A_reason_is_required_and_limited()
    {
        Assert.Single(AppealRules.CheckReason(" "));
        Assert.Single(AppealRules.CheckReason(new string('理', AppealRules.ReasonMaxLength + 1)));
        Assert.Empty(AppealRules.CheckReason("材料已补交"));
        Assert.Single(AppealRules.CheckRejection(null));
        Assert.Empty(AppealRules.CheckUpholding(null));
    }

    private static Appeal Filed() => new()
    {
        FiledByUserId = "u", FiledBy = "liaison", Reason = "已整改", VerdictBefore = SubjectVerdict.NonCompliant,
        Items = [new AppealItem { ItemCode = "3.3", Before = ItemVerdict.Fail }],
    };

    [Fact]
    public void Upheld_records_the_answering_run_and_the_verdicts_after_and_is_final()
    {
        var appeal = Filed();
        var corrected = new EvaluationResult { Verdict = SubjectVerdict.Compliant, Items = [new EvaluationItemResult { ItemCode = "3.3", Verdict = ItemVerdict.Pass, Reason = "" }] };
        Assert.Equal(AppealRefusal.None, AppealRules.Uphold(appeal, corrected, 42, " 已更正信访台账 ", "office", Published));
        Assert.Equal((AppealStatus.Upheld, (int?)42, (SubjectVerdict?)SubjectVerdict.Compliant, (ItemVerdict?)ItemVerdict.Pass, (string?)"已更正信访台账"),
            (appeal.Status, appeal.CorrectionRunId, appeal.VerdictAfter, appeal.Items[0].After, appeal.Decision));
        Assert.True(AppealRules.ChangedResult(appeal.Status, appeal.VerdictBefore, appeal.VerdictAfter, appeal.VetoBefore, appeal.VetoAfter, appeal.Items.Select(i => (i.Before, i.After))));
        Assert.Equal(AppealRefusal.WrongStatus, AppealRules.Reject(appeal, "迟了", "office", Published));
        Assert.Equal(AppealRefusal.WrongStatus, AppealRules.Uphold(appeal, corrected, 43, null, "office", Published));
    }

    [Fact]
    public void Rejected_keeps_the_reason_and_is_final()
    {
        var appeal = Filed();
        Assert.Equal(AppealRefusal.None, AppealRules.Reject(appeal, "证明材料不能说明问题", "office", Published));
        Assert.Equal((AppealStatus.Rejected, (string?)"证明材料不能说明问题", (int?)null), (appeal.Status, appeal.Decision, appeal.CorrectionRunId));
        Assert.False(AppealRules.ChangedResult(appeal.Status, appeal.VerdictBefore, appeal.VerdictAfter, appeal.VetoBefore, appeal.VetoAfter, appeal.Items.Select(i => (i.Before, i.After))));
        Assert.Equal(AppealRefusal.WrongStatus, AppealRules.Reject(appeal, "再驳回", "office", Published));
    }

    [Fact]
    public void Corrections_add_up_along_the_chain_of_runs()
    {
        // Run 10 published; appeal against 10 upheld → 11; appeal against 10 upheld later → 13 (built on 11); 12 an unrelated run.
        (int, int)[] corrections = [(11, 10), (13, 10)];
        Assert.Equal(13, AppealChain.Newest(10, corrections));
        Assert.Equal(13, AppealChain.Newest(11, corrections));
        Assert.Equal(12, AppealChain.Newest(12, corrections));
        var appealedRunOf = corrections.ToDictionary(c => c.Item1, c => c.Item2);
        Assert.Equal(new[] { 13, 11 }, AppealChain.Ancestry(13, appealedRunOf));
        Assert.Equal(new[] { 11 }, AppealChain.Ancestry(11, appealedRunOf));
        Assert.Empty(AppealChain.Ancestry(12, appealedRunOf));
        Assert.Equal(new[] { 14, 13 }, AppealChain.Ancestry(14, new Dictionary<int, int> { [14] = 13, [13] = 10 }));
        Assert.Empty(AppealChain.Ancestry(10, appealedRunOf));
    }
}

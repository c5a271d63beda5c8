using SanLing.Domain.Inspections;
using SanLing.Domain.Rules;

namespace SanLing.Domain.Tests;

/// <summary>Monthly sign-off: who may do which step when (decision 0015).</summary>
public sealed class SignOffRulesTests
{
    private const int DueDay = 5;
    private static readonly DateOnly October = new(2026, 10, 1);
    private static readonly DateOnly DueDay5Nov = new(2026, 11, 5);
    private static readonly DateOnly After = new(2026, 11, 6);
    private static readonly DateTimeOffset Now = new(2026, 11, 6, 9, 0, 0, TimeSpan.FromHours(8));

    private static Inspection Submitted() => new() { Month = October, Status = InspectionStatus.Submitted, SubmittedAt = Now.AddDays(-10) };

    [Fact]
    public void The_office_returns_a_submitted_inspection_after_the_due_day_with_its_reason()
    {
        var inspection = Submitted();
        Assert.Equal(SignOffRefusal.None, SignOffRules.Return(inspection, isOffice: true, monthLocked: false, "  请补充整改期限 ", "o1", Now, After, DueDay));
        Assert.Equal(ReviewState.Returned, inspection.ReviewState);
        Assert.Equal("请补充整改期限", inspection.ReturnReason);
        Assert.Equal("o1", inspection.ReturnedBy);
        Assert.Equal(Now, inspection.ReturnedAt);
        // A return does not undo the submission (decision 0015).
        Assert.Equal(InspectionStatus.Submitted, inspection.Status);
        Assert.True(inspection.Counts);
    }

    [Fact]
    public void Returning_is_refused_to_others_before_and_on_the_due_day_when_locked_for_drafts_and_twice()
    {
        Assert.Equal(SignOffRefusal.NotOffice, SignOffRules.Return(Submitted(), isOffice: false, false, "r", "w1", Now, After, DueDay));
        Assert.Equal(SignOffRefusal.NotYetDue, SignOffRules.Return(Submitted(), true, false, "r", "o1", Now, DueDay5Nov, DueDay));
        Assert.Equal(SignOffRefusal.Locked, SignOffRules.Return(Submitted(), true, monthLocked: true, "r", "o1", Now, After, DueDay));
        var draft = new Inspection { Month = October, Status = InspectionStatus.Draft };
        Assert.Equal(SignOffRefusal.NotSubmitted, SignOffRules.Return(draft, true, false, "r", "o1", Now, After, DueDay));
        var returned = Submitted();
        SignOffRules.Return(returned, true, false, "first", "o1", Now, After, DueDay);
        Assert.Equal(SignOffRefusal.AlreadyReturned, SignOffRules.Return(returned, true, false, "second", "o1", Now, After, DueDay));
        Assert.Equal("first", returned.ReturnReason);
    }

    [Fact]
    public void A_resubmission_follows_a_return_and_may_be_returned_again()
    {
        var inspection = Submitted();
        Assert.Equal(SignOffRefusal.NotReturned, SignOffRules.Resubmit(inspection, Now));
        SignOffRules.Return(inspection, true, false, "请补充", "o1", Now, After, DueDay);
        Assert.Equal(SignOffRefusal.None, SignOffRules.Resubmit(inspection, Now.AddDays(1)));
        Assert.Equal(ReviewState.Resubmitted, inspection.ReviewState);
        Assert.Equal(Now.AddDays(1), inspection.ResubmittedAt);
        Assert.Equal(SignOffRefusal.None, SignOffRules.Return(inspection, true, false, "仍不完整", "o1", Now.AddDays(2), After, DueDay));
        Assert.Equal(ReviewState.Returned, inspection.ReviewState);
    }

    [Theory]
    [InlineData(true, "2026-11-06", false, MonthState.Complete, 0, SignOffRefusal.None)]
    [InlineData(true, "2026-11-06", false, MonthState.CompleteLate, 0, SignOffRefusal.None)]
    [InlineData(false, "2026-11-06", false, MonthState.Complete, 0, SignOffRefusal.NotOffice)]
    [InlineData(true, "2026-11-05", false, MonthState.Complete, 0, SignOffRefusal.NotYetDue)]
    [InlineData(true, "2026-11-06", true, MonthState.Complete, 0, SignOffRefusal.AlreadyApproved)]
    [InlineData(true, "2026-11-06", false, MonthState.Complete, 1, SignOffRefusal.PendingReturn)]
    [InlineData(true, "2026-11-06", false, MonthState.Partial, 0, SignOffRefusal.Incomplete)]
    [InlineData(true, "2026-11-06", false, MonthState.Missing, 0, SignOffRefusal.Incomplete)]
    public void Approval_needs_the_office_the_due_day_passed_every_unit_and_no_open_return(bool isOffice, string today, bool approved, MonthState state, int returned, SignOffRefusal expected) =>
        Assert.Equal(expected, SignOffRules.CanApprove(isOffice, October, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), DueDay, approved, state, returned));

    [Fact]
    public void Approving_records_who_and_when_and_unlocking_needs_the_office_and_keeps_the_reason()
    {
        var entry = SignOffRules.Approve(null, 7, October, "o1", Now);
        Assert.True(entry.IsInForce);
        Assert.Equal(("o1", Now, (int?)7), (entry.LockedBy, entry.LockedAt, entry.SubjectId));

        Assert.Equal(SignOffRefusal.NotOffice, SignOffRules.Unlock(entry, isOffice: false, "r", "w1", Now));
        Assert.True(entry.IsInForce);
        Assert.Equal(SignOffRefusal.None, SignOffRules.Unlock(entry, true, " 村里补报了一个网格 ", "o2", Now.AddHours(1)));
        Assert.False(entry.IsInForce);
        Assert.Equal(("o2", "村里补报了一个网格"), (entry.UnlockedBy, entry.UnlockReason));
        Assert.Equal(SignOffRefusal.NotLocked, SignOffRules.Unlock(entry, true, "again", "o2", Now));

        // Approved again: the same row, locked anew.
        var again = SignOffRules.Approve(entry, 7, October, "o1", Now.AddDays(1));
        Assert.Same(entry, again);
        Assert.True(again.IsInForce);
        Assert.Null(again.UnlockReason);
    }

    [Fact]
    public void Reasons_are_required_and_limited()
    {
        Assert.Equal(RuleMessages.Required, Assert.Single(SignOffRules.CheckReturnReason("  ")).Code);
        Assert.Equal(RuleMessages.TooLong, Assert.Single(SignOffRules.CheckUnlockReason(new string('字', SignOffRules.ReasonMaxLength + 1))).Code);
        Assert.Empty(SignOffRules.CheckReturnReason(new string('字', SignOffRules.ReasonMaxLength)));
    }

    [Fact]
    public void A_lock_covers_its_subject_or_the_whole_town_while_in_force()
    {
        var covers = SignOffRules.Covers(7, October).Compile();
        Assert.True(covers(new MonthLock { Month = October, SubjectId = 7 }));
        Assert.True(covers(new MonthLock { Month = October, SubjectId = null }));
        Assert.False(covers(new MonthLock { Month = October, SubjectId = 8 }));
        Assert.False(covers(new MonthLock { Month = October.AddMonths(-1), SubjectId = 7 }));
        Assert.False(covers(new MonthLock { Month = October, SubjectId = 7, UnlockedAt = Now }));
    }

    [Fact]
    public void Every_refusal_has_its_message()
    {
        foreach (var refusal in Enum.GetValues<SignOffRefusal>().Where(r => r != SignOffRefusal.None))
        {
            Assert.False(string.IsNullOrEmpty(SignOffRules.Message(refusal)));
        }
    }
}

using SanLing.Domain.Accounts;

namespace SanLing.Domain.Tests;

public sealed class SignInRulesTests
{
    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(4, 120)]
    [InlineData(5, 240)]
    [InlineData(6, 240)]
    [InlineData(1000, 240)]
    public void Each_lock_out_in_a_row_lasts_twice_as_long_up_to_four_hours(int lockoutsInARow, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), SignInRules.LockoutDuration(lockoutsInARow));

    [Fact]
    public void No_lock_out_is_shorter_than_the_first_one() =>
        Assert.Equal(SignInRules.FirstLockout, SignInRules.LockoutDuration(0));
}

namespace SanLing.Domain.Accounts;

/// <summary>
/// How hard signing in is made for someone guessing passwords. Five wrong passwords in a row lock the account; each
/// lock-out in a row lasts longer (15 min, 30 min, 1 h, 2 h, then 4 h at most) until the account signs in successfully.
/// Never longer than <see cref="LongestLockout"/>, so an attacker cannot lock an account away for good, while at most
/// five guesses per four hours remain once the attack goes on.
/// </summary>
public static class SignInRules
{
    public const int FailedAttemptsBeforeLockout = 5;

    public static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LongestLockout = TimeSpan.FromHours(4);

    /// <summary>How long the <paramref name="lockoutsInARow"/>-th lock-out in a row lasts (1 for the first one).</summary>
    public static TimeSpan LockoutDuration(int lockoutsInARow)
    {
        var doublings = Math.Clamp(lockoutsInARow - 1, 0, 8);
        var duration = FirstLockout * (1 << doublings);
        return duration < LongestLockout ? duration : LongestLockout;
    }
}

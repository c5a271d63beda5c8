using System.Threading.RateLimiting;

namespace SanLing.Web.Features.Account;

/// <summary>
/// Sign-in attempts allowed per minute, both per client address (after trusted proxies) and per account name as typed
/// (normalised, whether or not such an account exists), so neither one busy address nor many addresses against one
/// account can guess quickly. Limits: <c>Security:LoginAttemptsPerMinute</c> (per address, default 20) and
/// <c>Security:LoginAttemptsPerAccountPerMinute</c> (per account name, default 10). One instance for the process.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<LoginAttempt> _limiter;

    public LoginThrottle(IConfiguration configuration)
    {
        var perClient = configuration.GetValue("Security:LoginAttemptsPerMinute", 20);
        var perAccount = configuration.GetValue("Security:LoginAttemptsPerAccountPerMinute", 10);
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<LoginAttempt, string>(a => RateLimitPartition.GetFixedWindowLimiter(a.Client, _ => Limit(perClient))),
            PartitionedRateLimiter.Create<LoginAttempt, string>(a => RateLimitPartition.GetFixedWindowLimiter(a.Account, _ => Limit(perAccount))));
    }

    /// <summary>Counts one attempt; null when it may go ahead, otherwise how long to wait.</summary>
    public TimeSpan? TryAttempt(string? client, string userName)
    {
        using var lease = _limiter.AttemptAcquire(new LoginAttempt(client ?? "unknown", userName.Trim().ToUpperInvariant()));
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : Window;
    }

    public void Dispose() => _limiter.Dispose();

    private static FixedWindowRateLimiterOptions Limit(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = Window,
        QueueLimit = 0,
    };

    private readonly record struct LoginAttempt(string Client, string Account);
}

using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SanLing.Domain.Accounts;
using SanLing.Domain.Auditing;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace SanLing.Web.Security;

/// <summary>
/// Identity's sign-in with the portal's rules, for every way of signing in (password now, a second factor later):
/// <list type="bullet">
/// <item>a disabled account cannot sign in; an unknown, disabled or locked account costs the same password hashing as a
/// real check, so neither the answer nor its timing tells which names exist;</item>
/// <item>lock-outs grow with each one in a row (<see cref="SignInRules"/>), timed by the portal's clock;</item>
/// <item>a full sign-in opens a server-side session (<see cref="ServerSessions"/>) named in the cookie, and signing out
/// closes it;</item>
/// <item>sign-in, failed sign-in, lock-out and logout each write an audit line and a log entry.</item>
/// </list>
/// </summary>
public sealed class SanLingSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    SanLingDbContext db,
    TimeProvider clock)
    : SignInManager<AppUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A hash of a random password, checked against when there is no real one to check (same work, same time).</summary>
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    /// <summary>Set while <see cref="RefreshSignInAsync"/> re-issues the cookie of this session (no new session then).</summary>
    private string? _refreshedSession;

    private CancellationToken Aborted => Context.RequestAborted;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendPasswordCheck(password);
            await FailedAsync(null, userName, "unknown");
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        var lockedBefore = await IsLockedOut(user);
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (result.Succeeded)
        {
            return result;
        }
        if (result.IsNotAllowed || lockedBefore)
        {
            // Identity refused before looking at the password.
            SpendPasswordCheck(password);
        }
        await FailedAsync(user, user.UserName ?? "", result.IsNotAllowed ? "disabled" : lockedBefore ? "locked" : "password");
        if (result.IsLockedOut && !lockedBefore)
        {
            await LockOutAsync(user);
        }
        return result;
    }

    /// <summary>A wrong authenticator code counts like a wrong password: the lock-out it causes takes its place in the progression.</summary>
    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var lockedBefore = user is not null && await IsLockedOut(user);
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        if (user is not null && result.IsLockedOut && !lockedBefore)
        {
            await LockOutAsync(user);
        }
        return result;
    }

    /// <summary>
    /// Identity's recovery-code sign-in neither checks nor counts lock-out (its codes are long and random); here a locked
    /// account cannot use one, and a wrong one counts towards the same progressive lock-out as a wrong password.
    /// </summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInResult.Failed;
        }
        if (await IsLockedOut(user))
        {
            return SignInResult.LockedOut;
        }
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded)
        {
            return result;
        }
        var lockoutBefore = user.LockoutEnd;
        await UserManager.AccessFailedAsync(user);
        if (user.LockoutEnd != lockoutBefore)
        {
            await LockOutAsync(user);
            return SignInResult.LockedOut;
        }
        return SignInResult.Failed;
    }

    /// <summary>A disabled account cannot sign in, by any route.</summary>
    public override async Task<bool> CanSignInAsync(AppUser user) => !user.IsDisabled && await base.CanSignInAsync(user);

    /// <summary>Locked until the lock-out's end on the portal's clock (Identity's own check reads the machine's clock).</summary>
    protected override Task<bool> IsLockedOut(AppUser user) =>
        Task.FromResult(UserManager.SupportsUserLockout && user.LockoutEnabled && user.LockoutEnd > clock.GetUtcNow());

    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type != SessionLimits.SessionClaim).ToList();
        if (_refreshedSession is { } current)
        {
            claims.Add(new Claim(SessionLimits.SessionClaim, current));
            await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
            return;
        }

        var session = ServerSessions.Open(user.Id, Context, clock.GetUtcNow());
        db.UserSessions.Add(session);
        // A successful sign-in starts the lock-out progression afresh.
        user.ConsecutiveLockouts = 0;
        await db.SaveChangesAsync(Aborted);
        claims.Add(new Claim(SessionLimits.SessionClaim, session.Id));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);

        var role = Roles.Every.FirstOrDefault(Context.User.IsInRole);
        Logger.LogInformation("User {UserName} signed in from {Client}", user.UserName, session.ClientAddress);
        await SecurityAudit.WriteAsync(db, clock, AuditAction.Login, user, user.UserName ?? "", role,
            new Dictionary<string, object?> { ["Client"] = session.ClientAddress, ["Session"] = session.Id[..8] }, signedIn: true, Aborted);
    }

    /// <summary>Re-issues the cookie (new claims after a password change) for the same session.</summary>
    public override async Task RefreshSignInAsync(AppUser user)
    {
        _refreshedSession = Context.User.FindFirstValue(SessionLimits.SessionClaim);
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshedSession = null;
        }
    }

    /// <summary>Signing out closes this cookie's session on the server; the user's other sessions stay open.</summary>
    public override async Task SignOutAsync()
    {
        var principal = Context.User;
        if (principal.FindFirstValue(SessionLimits.SessionClaim) is { } session && UserManager.GetUserId(principal) is { } userId
            && await ServerSessions.EndAsync(db, session, userId, SessionEndReasons.Logout, clock.GetUtcNow(), Aborted))
        {
            Logger.LogInformation("User {UserName} signed out", principal.Identity?.Name);
            await AuditChain.AppendAsync(db, clock, AuditAction.Logout, nameof(AppUser), userId,
                System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["Session"] = session[..Math.Min(8, session.Length)] }), Aborted);
        }
        await base.SignOutAsync();
    }

    private async Task FailedAsync(AppUser? user, string typedName, string reason)
    {
        var client = ServerSessions.ClientAddress(Context);
        Logger.LogWarning("Sign-in refused for {UserName} from {Client}: {Reason}", SecurityAudit.Printable(typedName), client, reason);
        await SecurityAudit.WriteAsync(db, clock, AuditAction.LoginFailed, user, typedName, null,
            new Dictionary<string, object?> { ["Client"] = client, ["Reason"] = reason }, signedIn: false, Aborted);
    }

    /// <summary>Identity has just locked the account for its default time: make it this lock-out's place in the progression.</summary>
    private async Task LockOutAsync(AppUser user)
    {
        user.ConsecutiveLockouts++;
        var until = clock.GetUtcNow() + SignInRules.LockoutDuration(user.ConsecutiveLockouts);
        await UserManager.SetLockoutEndDateAsync(user, until);
        var client = ServerSessions.ClientAddress(Context);
        Logger.LogWarning("Account {UserName} locked out until {Until} (lock-out {Count} in a row), last attempt from {Client}",
            user.UserName, until, user.ConsecutiveLockouts, client);
        await SecurityAudit.WriteAsync(db, clock, AuditAction.Lockout, user, user.UserName ?? "", null,
            new Dictionary<string, object?> { ["Client"] = client, ["LockedUntil"] = until, ["LockoutsInARow"] = user.ConsecutiveLockouts },
            signedIn: false, Aborted);
    }

    private void SpendPasswordCheck(string password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password);
}

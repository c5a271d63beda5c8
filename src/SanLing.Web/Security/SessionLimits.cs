using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SanLing.Web.Security;

/// <summary>
/// A cookie is honoured only while its server-side session (<see cref="ServerSessions"/>) is open: logout, an
/// administrator, disabling the account or changing its password, role or scope close the row, and a copied cookie
/// then stops working. Besides the cookie's sliding 30 minutes, the session ends 12 hours after sign-in, counted
/// from the row's sign-in time. One primary-key lookup per signed-in request (with the security stamp in the same
/// query); the row's last-seen time is written at most once a minute.
/// </summary>
public static class SessionLimits
{
    /// <summary>The cookie claim that names the session row.</summary>
    public const string SessionClaim = "sanling:session";

    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    /// <summary>How often a session's last-seen time is written; also the slack of the server's idle check.</summary>
    public static readonly TimeSpan SeenInterval = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        // Health probes need no user, and liveness must not depend on the database the session check reads.
        if (context.HttpContext.Request.Path.StartsWithSegments("/healthz"))
        {
            return;
        }
        if (context.Principal is not { } principal || !await SessionIsOpenAsync(principal, context.HttpContext.RequestServices, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // Refreshes the claims (role, town, scope) from the database once a minute.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>The claim refresh builds a new principal; it keeps the session the cookie belongs to.</summary>
    public static Task KeepSession(SecurityStampRefreshingPrincipalContext context)
    {
        var session = context.CurrentPrincipal?.FindFirst(SessionClaim)?.Value;
        if (session is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            foreach (var fresh in identity.FindAll(SessionClaim).ToList())
            {
                identity.RemoveClaim(fresh);
            }
            identity.AddClaim(new Claim(SessionClaim, session));
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// True when the cookie's session is open, younger than 12 hours, recently used, and the account is enabled with
    /// the cookie's security stamp. A session found too old is closed on the way.
    /// </summary>
    private static async Task<bool> SessionIsOpenAsync(ClaimsPrincipal principal, IServiceProvider services, CancellationToken ct)
    {
        var claimTypes = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(claimTypes.UserIdClaimType);
        var stamp = principal.FindFirstValue(claimTypes.SecurityStampClaimType);
        var sessionId = principal.FindFirstValue(SessionClaim);
        if (userId is null || stamp is null || sessionId is null)
        {
            return false;
        }
        var db = services.GetRequiredService<SanLingDbContext>();
        var session = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .Select(s => new
            {
                s.SignedInAt,
                s.LastSeenAt,
                Stamp = db.Users.Where(u => u.Id == s.UserId && !u.IsDisabled).Select(u => u.SecurityStamp).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (session is null || session.Stamp != stamp)
        {
            return false;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var tooOld = now - session.SignedInAt > Absolute;
        if (tooOld || now - session.LastSeenAt > Idle + SeenInterval)
        {
            await ServerSessions.EndAsync(db, sessionId, userId, tooOld ? SessionEndReasons.Expired : SessionEndReasons.Idle, now, ct);
            return false;
        }
        if (now - session.LastSeenAt >= SeenInterval)
        {
            await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), ct);
        }
        return true;
    }
}

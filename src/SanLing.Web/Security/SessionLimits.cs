using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SanLing.Web.Security;

/// <summary>
/// Idle timeout is the cookie's sliding 30 minutes; this adds the absolute 12-hour limit counted from sign-in, and a
/// security-stamp check on every request, so logout, disabling, a password reset or a role/scope change end a session
/// at once (one primary-key lookup of the stamp per signed-in request).
/// </summary>
public static class SessionLimits
{
    public const string IssuedAtClaim = "sanling:issued-at";
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        // Health probes need no user, and liveness must not depend on the database the stamp check reads.
        if (context.HttpContext.Request.Path.StartsWithSegments("/healthz"))
        {
            return;
        }
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (context.Principal is not { } principal
            || !WithinAbsoluteLimit(principal, now)
            || !await StampIsCurrentAsync(principal, services, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // Refreshes the claims (role, town, scope) from the database once a minute.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>The claim refresh builds a new principal; it keeps the sign-in time so the absolute limit still counts from sign-in.</summary>
    public static Task KeepSignInTime(SecurityStampRefreshingPrincipalContext context)
    {
        var signedInAt = context.CurrentPrincipal?.FindFirst(IssuedAtClaim)?.Value;
        if (signedInAt is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            foreach (var fresh in identity.FindAll(IssuedAtClaim).ToList())
            {
                identity.RemoveClaim(fresh);
            }
            identity.AddClaim(new Claim(IssuedAtClaim, signedInAt));
        }
        return Task.CompletedTask;
    }

    private static bool WithinAbsoluteLimit(ClaimsPrincipal principal, DateTimeOffset now) =>
        long.TryParse(principal.FindFirst(IssuedAtClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        && now - DateTimeOffset.FromUnixTimeSeconds(seconds) <= Absolute;

    /// <summary>True when the cookie's security stamp is still the enabled account's stamp.</summary>
    private static async Task<bool> StampIsCurrentAsync(ClaimsPrincipal principal, IServiceProvider services, CancellationToken ct)
    {
        var claimTypes = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(claimTypes.UserIdClaimType);
        var stamp = principal.FindFirstValue(claimTypes.SecurityStampClaimType);
        if (userId is null || stamp is null)
        {
            return false;
        }
        var db = services.GetRequiredService<SanLingDbContext>();
        var current = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && !u.IsDisabled)
            .Select(u => u.SecurityStamp)
            .FirstOrDefaultAsync(ct);
        return current == stamp;
    }
}

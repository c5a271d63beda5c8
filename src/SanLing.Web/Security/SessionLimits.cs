using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace SanLing.Web.Security;

/// <summary>Idle timeout is the cookie's sliding 30 minutes; this adds the absolute 12-hour limit and the security-stamp check.</summary>
public static class SessionLimits
{
    public const string IssuedAtClaim = "sanling:issued-at";
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var issued = context.Principal?.FindFirst(IssuedAtClaim)?.Value;
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (issued is null
            || !long.TryParse(issued, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            || clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > Absolute)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}

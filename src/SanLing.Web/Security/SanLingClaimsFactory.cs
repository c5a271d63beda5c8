using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SanLing.Web.Security;

/// <summary>
/// Adds the user's town, scope subject, display name, a pending password change and the sign-in time to the sign-in cookie.
/// The once-a-minute claim refresh keeps the first sign-in time (<see cref="SessionLimits.KeepSignInTime"/>).
/// </summary>
public sealed class SanLingClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, TimeProvider clock)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(SanLingClaims.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        identity.AddClaim(new Claim(SessionLimits.IssuedAtClaim, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (user.TownId is { } town)
        {
            identity.AddClaim(new Claim(SanLingClaims.TownId, town.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.ScopeSubjectId is { } scope)
        {
            identity.AddClaim(new Claim(SanLingClaims.ScopeSubjectId, scope.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(SanLingClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}

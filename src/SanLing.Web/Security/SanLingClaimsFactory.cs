using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SanLing.Web.Security;

/// <summary>
/// Adds the user's town, scope subject, display name, a pending password change and a pending second-factor enrolment
/// to the sign-in cookie. The session the cookie belongs to is added at sign-in (<see cref="SanLingSignInManager"/>) and
/// kept by the once-a-minute claim refresh (<see cref="SessionLimits.KeepSession"/>).
/// </summary>
public sealed class SanLingClaimsFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, TwoFactorPolicy twoFactor)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(SanLingClaims.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.TownId is { } town)
        {
            identity.AddClaim(new Claim(SanLingClaims.TownId, town.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.CountyId is { } county)
        {
            identity.AddClaim(new Claim(SanLingClaims.CountyId, county.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.ScopeSubjectId is { } scope)
        {
            identity.AddClaim(new Claim(SanLingClaims.ScopeSubjectId, scope.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(SanLingClaims.MustChangePassword, "true"));
        }
        if (!user.TwoFactorEnabled && twoFactor.IsRequiredFor(identity.FindAll(Options.ClaimsIdentity.RoleClaimType).Select(c => c.Value)))
        {
            identity.AddClaim(new Claim(SanLingClaims.MustEnrolTwoFactor, "true"));
        }
        return identity;
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Security;

namespace SanLing.Web.Features.TwoFactor;

/// <summary>What the second-factor pages show about the signed-in account.</summary>
public sealed class TwoFactorQueries(SanLingDbContext db, UserManager<AppUser> users, TwoFactorPolicy policy)
{
    public async Task<TwoFactorStatus> StatusAsync(AppUser user, ClaimsPrincipal principal)
    {
        var required = policy.IsRequiredFor(principal);
        return new TwoFactorStatus(
            user.TwoFactorEnabled,
            required,
            required && !user.TwoFactorEnabled,
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0);
    }

    /// <summary>The enrolment page for the key made by <see cref="TwoFactorCommands.StartAsync"/>; null when there is none to confirm.</summary>
    public async Task<EnrolPage?> EnrolAsync(AppUser user, EnrolForm form, CancellationToken ct)
    {
        var key = user.TwoFactorEnabled ? null : await users.GetAuthenticatorKeyAsync(user);
        if (key is null)
        {
            return null;
        }
        var town = await db.Towns.AsNoTracking().Where(t => t.Id == user.TownId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        var uri = TwoFactorCodes.OtpAuthUri(key, town, user.UserName ?? "");
        return new EnrolPage(TwoFactorCodes.Grouped(key), uri, TwoFactorCodes.QrDataUri(uri), form);
    }
}

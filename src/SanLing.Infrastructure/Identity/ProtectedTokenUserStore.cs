using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using SanLing.Infrastructure.Data;

namespace SanLing.Infrastructure.Identity;

/// <summary>
/// Identity's user store with the values of AspNetUserTokens (the authenticator key and the recovery codes) encrypted by
/// Data Protection, like ID numbers: a copy of the database alone does not hand out anyone's second factor. A value that
/// cannot be decrypted fails the request instead of reading as "no second factor", which would let a password alone in.
/// </summary>
public sealed class ProtectedTokenUserStore(SanLingDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, SanLingDbContext>(context, describer)
{
    private readonly IDataProtector _protector = protection.CreateProtector("SanLing.UserToken.v1");

    public override Task SetTokenAsync(AppUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, value is null ? null : _protector.Protect(value), cancellationToken);

    public override async Task<string?> GetTokenAsync(AppUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return stored is null ? null : _protector.Unprotect(stored);
    }
}

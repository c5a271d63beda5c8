using Microsoft.AspNetCore.Identity;
using SanLing.Domain.Auditing;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.Users;

using SanLing.Web.Security;

namespace SanLing.Web.Features.TwoFactor;

/// <summary>
/// Changes to an account's second factor, each in one transaction with its audit line (never with a key or a code).
/// Identity renews the security stamp when the key or the enabled state changes, which ends the account's other
/// sessions; the caller refreshes the current user's own cookie.
/// </summary>
public sealed class TwoFactorCommands(SanLingDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    /// <summary>Makes a new shared key for an account not enrolled yet (replacing one that was never confirmed).</summary>
    public async Task<bool> StartAsync(AppUser user)
    {
        if (user.TwoFactorEnabled)
        {
            return false;
        }
        return (await users.ResetAuthenticatorKeyAsync(user)).Succeeded;
    }

    /// <summary>
    /// Confirms the app with a code computed from the shared key, turns the second factor on and returns the
    /// recovery codes to show once; null when the code is wrong (nothing written).
    /// </summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(AppUser user, string code, CancellationToken ct)
    {
        if (user.TwoFactorEnabled || await users.GetAuthenticatorKeyAsync(user) is null
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return null;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount))?.ToList()
            ?? throw new InvalidOperationException("recovery codes not saved");
        await AccountAudit.WriteAsync(db, clock, AuditAction.TwoFactorEnable, user, new Dictionary<string, object?[]>
        {
            ["TwoFactorEnabled"] = [false, true],
            ["RecoveryCodes"] = [0, codes.Count],
        }, ct);
        await transaction.CommitAsync(ct);
        return codes;
    }

    /// <summary>Replaces the recovery codes (the old ones stop working); null when the account has no second factor.</summary>
    public async Task<IReadOnlyList<string>?> RenewRecoveryCodesAsync(AppUser user, CancellationToken ct)
    {
        if (!user.TwoFactorEnabled)
        {
            return null;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var before = await users.CountRecoveryCodesAsync(user);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount))?.ToList()
            ?? throw new InvalidOperationException("recovery codes not saved");
        await AccountAudit.WriteAsync(db, clock, AuditAction.RecoveryCodesRenew, user,
            new Dictionary<string, object?[]> { ["RecoveryCodes"] = [before, codes.Count] }, ct);
        await transaction.CommitAsync(ct);
        return codes;
    }

    /// <summary>
    /// Turns the second factor off, forgets the shared key and the recovery codes, and ends the account's sessions:
    /// the user's own choice (<see cref="AuditAction.TwoFactorDisable"/>) or an administrator's reset
    /// (<see cref="AuditAction.TwoFactorReset"/>). False when there was nothing to turn off.
    /// </summary>
    public async Task<bool> TurnOffAsync(AppUser user, AuditAction action, CancellationToken ct)
    {
        if (!user.TwoFactorEnabled)
        {
            return false;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var codesBefore = await users.CountRecoveryCodesAsync(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        // A fresh key nobody has seen: the old app's codes no longer match; enrolling again makes another one.
        await users.ResetAuthenticatorKeyAsync(user);
        // Replaced by none: left-over recovery codes cannot sign in later.
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await AccountAudit.WriteAsync(db, clock, action, user, new Dictionary<string, object?[]>
        {
            ["TwoFactorEnabled"] = [true, false],
            ["RecoveryCodes"] = [codesBefore, 0],
        }, ct);
        if (action == AuditAction.TwoFactorReset)
        {
            // The administrator's reset ends the account's sessions on the server, not only at the next stamp check.
            await ServerSessions.EndAllAsync(db, user.Id, SessionEndReasons.TwoFactorReset, clock.GetUtcNow(), ct);
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The audit line of a sign-in completed with a code (the user was not signed in when the request came).</summary>
    public async Task RecordSignInAsync(AppUser user, bool withRecoveryCode, CancellationToken ct)
    {
        await ActAsAsync(user);
        var changes = new Dictionary<string, object?[]> { ["Method"] = [null, withRecoveryCode ? "recovery-code" : "authenticator"] };
        if (withRecoveryCode)
        {
            var left = await users.CountRecoveryCodesAsync(user);
            changes["RecoveryCodes"] = [left + 1, left];
        }
        await AccountAudit.WriteAsync(db, clock, AuditAction.TwoFactorSignIn, user, changes, ct);
    }

    /// <summary>The audit line of a wrong code at sign-in, and whether it locked the account.</summary>
    public async Task RecordFailureAsync(AppUser user, bool withRecoveryCode, bool lockedOut, CancellationToken ct)
    {
        await ActAsAsync(user);
        await AccountAudit.WriteAsync(db, clock, AuditAction.TwoFactorSignInFailed, user, new Dictionary<string, object?[]>
        {
            ["Method"] = [null, withRecoveryCode ? "recovery-code" : "authenticator"],
            ["LockedOut"] = [false, lockedOut],
        }, ct);
    }

    /// <summary>Sign-in lines name the account whose password was right, in its town.</summary>
    private async Task ActAsAsync(AppUser user)
    {
        db.Actor.UserId = user.Id;
        db.Actor.UserName = user.UserName;
        db.Actor.Role = (await users.GetRolesAsync(user)).FirstOrDefault();
        db.Actor.TownId = user.TownId;
    }
}

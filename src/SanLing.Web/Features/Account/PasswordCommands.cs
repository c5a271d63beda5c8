using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Auditing;
using SanLing.Web.Features.Users;
using SanLing.Web.Security;

namespace SanLing.Web.Features.Account;

/// <summary>A message for one form field (the field's posted name; empty for the whole form).</summary>
public sealed record FieldMessage(string Field, string Message);

/// <summary>Password changes: a user's own, and an administrator's reset to a temporary password. Both audited.</summary>
public sealed class PasswordCommands(SanLingDbContext db, UserManager<AppUser> users, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>
    /// Changes the user's own password; clears a pending forced change and ends the user's other sessions (the one in
    /// <paramref name="keepSession"/> goes on). Nothing is written on refusal.
    /// </summary>
    public async Task<IReadOnlyList<FieldMessage>> ChangeOwnAsync(AppUser user, string current, string next, string? keepSession, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var wasPending = user.MustChangePassword;
        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded)
        {
            user.MustChangePassword = wasPending;
            return result.Errors
                .Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? new FieldMessage(nameof(ChangePasswordForm.CurrentPassword), l["当前密码不正确"])
                    : new FieldMessage(nameof(ChangePasswordForm.NewPassword), l[e.Description]))
                .ToList();
        }
        await ServerSessions.EndAllAsync(db, user.Id, SessionEndReasons.Password, clock.GetUtcNow(), ct, keep: keepSession ?? "");
        await AccountAudit.WriteAsync(db, clock, AuditAction.PasswordChange, user,
            new Dictionary<string, object?[]> { ["MustChangePassword"] = [wasPending, false] }, ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    /// <summary>
    /// Sets a temporary password the user must change at their next sign-in; ends their sessions and lifts a lock-out.
    /// Returns the messages for <paramref name="field"/> when the password does not meet the policy (nothing written).
    /// </summary>
    public async Task<IReadOnlyList<FieldMessage>> ResetAsync(AppUser user, string password, string field, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var wasPending = user.MustChangePassword;
        user.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            user.MustChangePassword = wasPending;
            return result.Errors.Select(e => new FieldMessage(field, l[e.Description])).ToList();
        }
        user.ConsecutiveLockouts = 0;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await ServerSessions.EndAllAsync(db, user.Id, SessionEndReasons.Password, clock.GetUtcNow(), ct);
        await AccountAudit.WriteAsync(db, clock, AuditAction.PasswordReset, user,
            new Dictionary<string, object?[]> { ["MustChangePassword"] = [wasPending, true] }, ct);
        await transaction.CommitAsync(ct);
        return [];
    }

    /// <summary>A temporary password that meets the policy, to be shown once: 3 groups of 4 unambiguous letters and digits.</summary>
    public async Task<string> GenerateAsync(AppUser user)
    {
        const string letters = "abcdefghjkmnpqrstuvwxyz";
        const string alphabet = letters + "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        while (true)
        {
            var chars = Enumerable.Range(0, 12).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
            // At least one digit and one lower-case letter, wherever they fall.
            chars[RandomNumberGenerator.GetInt32(0, 6)] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
            chars[RandomNumberGenerator.GetInt32(6, 12)] = (char)('2' + RandomNumberGenerator.GetInt32(8));
            var password = $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
            var fits = true;
            foreach (var validator in users.PasswordValidators)
            {
                fits &= (await validator.ValidateAsync(users, user, password)).Succeeded;
            }
            if (fits)
            {
                return password;
            }
        }
    }
}

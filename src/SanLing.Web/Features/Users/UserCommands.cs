using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Auditing;
using SanLing.Web.Features.Account;
using SanLing.Web.Security;

namespace SanLing.Web.Features.Users;

/// <summary>How an account change ended.</summary>
public enum AccountOutcome
{
    Done,
    NotFound,

    /// <summary>Someone saved the account since the form was loaded: nothing written.</summary>
    Stale,

    /// <summary>Admins cannot disable themselves or take away their own admin role.</summary>
    Self,

    /// <summary>The town would be left without an enabled admin.</summary>
    LastAdmin,

    /// <summary>Already in the asked state (disabled or enabled): nothing written.</summary>
    Unchanged,
}

/// <summary>
/// Account changes by an administrator. Each runs in one transaction with its audit line; a refusal writes nothing.
/// Changing the role or scope, or disabling the account, renews the security stamp and closes the user's sessions at once.
/// </summary>
public sealed class UserCommands(SanLingDbContext db, UserManager<AppUser> users, PasswordCommands passwords, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>An account of the admin's own town, tracked; null for another town's or an unknown id.</summary>
    public Task<AppUser?> FindAsync(string id, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id && u.TownId != null && u.TownId == db.CurrentTownId, ct);

    /// <summary>Creates the account with a temporary password it must change at first sign-in. Returns its id, or the messages.</summary>
    public async Task<(string? Id, IReadOnlyList<FieldMessage> Errors)> CreateAsync(UserForm form, string password, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var role = form.Role!;
        var choice = await AccountScopes.ResolveAsync(db, role, form.ScopeCode, ct);
        var user = new AppUser
        {
            UserName = form.UserName!.Trim(),
            DisplayName = form.DisplayName!.Trim(),
            TownId = db.CurrentTownId,
            ScopeSubjectId = choice.Subject?.Id,
            MustChangePassword = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            db.ChangeTracker.Clear();
            return (null, created.Errors.Select(e => new FieldMessage(
                e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName)
                    ? nameof(UserForm.UserName)
                    : nameof(UserForm.Password),
                l[e.Description])).ToList());
        }
        await users.AddToRoleAsync(user, role);
        await AccountScopes.ApplyAsync(db, user, role, choice, ct);
        await db.SaveChangesAsync(ct);
        await AccountAudit.WriteAsync(db, clock, AuditAction.Create, user, new Dictionary<string, object?[]>
        {
            ["DisplayName"] = [null, user.DisplayName],
            ["Role"] = [null, role],
            ["Scope"] = [null, ScopeText(choice)],
            ["MustChangePassword"] = [null, true],
        }, ct);
        await transaction.CommitAsync(ct);
        return (user.Id, []);
    }

    /// <summary>Saves display name, role and scope of an account loaded with <see cref="UserForm.ConcurrencyStamp"/>.</summary>
    public async Task<AccountOutcome> UpdateAsync(string id, UserForm form, string? actorUserId, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return AccountOutcome.NotFound;
        }
        var oldRole = (await users.GetRolesAsync(user)).FirstOrDefault();
        var role = form.Role!;
        if (oldRole == Roles.Admin && role != Roles.Admin)
        {
            if (user.Id == actorUserId)
            {
                return AccountOutcome.Self;
            }
            if (!user.IsDisabled && await EnabledAdminsAsync(ct) <= 1)
            {
                return AccountOutcome.LastAdmin;
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var choice = await AccountScopes.ResolveAsync(db, role, form.ScopeCode, ct);
        var oldScope = await ScopeCodeAsync(user.ScopeSubjectId, ct);
        var oldGrids = await db.Grids.Where(g => g.WorkerUserId == user.Id).Select(g => g.Code).OrderBy(c => c).ToListAsync(ct);
        var oldName = user.DisplayName;

        if (!await ClaimAsync(user, form.ConcurrencyStamp, ct))
        {
            db.ChangeTracker.Clear();
            return AccountOutcome.Stale;
        }
        user.DisplayName = form.DisplayName!.Trim();
        await AccountScopes.ApplyAsync(db, user, role, choice, ct);
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            db.ChangeTracker.Clear();
            return AccountOutcome.Stale;
        }
        if (oldRole != role)
        {
            if (oldRole is not null)
            {
                await users.RemoveFromRoleAsync(user, oldRole);
            }
            await users.AddToRoleAsync(user, role);
        }
        var newGrids = await db.Grids.Where(g => g.WorkerUserId == user.Id).Select(g => g.Code).OrderBy(c => c).ToListAsync(ct);
        var newScope = await ScopeCodeAsync(user.ScopeSubjectId, ct);
        var changes = new Dictionary<string, object?[]>();
        if (oldName != user.DisplayName)
        {
            changes["DisplayName"] = [oldName, user.DisplayName];
        }
        if (oldRole != role)
        {
            changes["Role"] = [oldRole, role];
        }
        if (oldScope != newScope)
        {
            changes["Scope"] = [oldScope, newScope];
        }
        if (!oldGrids.SequenceEqual(newGrids))
        {
            changes["Grids"] = [string.Join("、", oldGrids), string.Join("、", newGrids)];
        }
        if (changes.ContainsKey("Role") || changes.ContainsKey("Scope"))
        {
            // The role and the scope are in the session cookie: end the user's sessions.
            await users.UpdateSecurityStampAsync(user);
            await ServerSessions.EndAllAsync(db, user.Id, changes.ContainsKey("Role") ? SessionEndReasons.Role : SessionEndReasons.Scope, clock.GetUtcNow(), ct);
        }
        if (changes.Count > 0)
        {
            await AccountAudit.WriteAsync(db, clock, changes.ContainsKey("Role") ? AuditAction.RoleChange : AuditAction.Update, user, changes, ct);
        }
        await transaction.CommitAsync(ct);
        return AccountOutcome.Done;
    }

    /// <summary>Disables or enables an account. Disabling ends its sessions; an admin cannot disable themselves or the last enabled admin.</summary>
    public async Task<AccountOutcome> SetDisabledAsync(string id, bool disabled, string? concurrencyStamp, string? actorUserId, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return AccountOutcome.NotFound;
        }
        if (user.IsDisabled == disabled)
        {
            return AccountOutcome.Unchanged;
        }
        if (disabled)
        {
            if (user.Id == actorUserId)
            {
                return AccountOutcome.Self;
            }
            if (await users.IsInRoleAsync(user, Roles.Admin) && await EnabledAdminsAsync(ct) <= 1)
            {
                return AccountOutcome.LastAdmin;
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await ClaimAsync(user, concurrencyStamp, ct))
        {
            db.ChangeTracker.Clear();
            return AccountOutcome.Stale;
        }
        user.IsDisabled = disabled;
        var saved = await users.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded)
        {
            db.ChangeTracker.Clear();
            return AccountOutcome.Stale;
        }
        if (disabled)
        {
            await ServerSessions.EndAllAsync(db, user.Id, SessionEndReasons.Disabled, clock.GetUtcNow(), ct);
        }
        await AccountAudit.WriteAsync(db, clock, disabled ? AuditAction.Disable : AuditAction.Enable, user,
            new Dictionary<string, object?[]> { ["IsDisabled"] = [!disabled, disabled] }, ct);
        await transaction.CommitAsync(ct);
        return AccountOutcome.Done;
    }

    /// <summary>
    /// Ends one open session of the account (<paramref name="sessionId"/>), or all of them (null), with an audit line.
    /// Returns how many ended, or null when the account is not of this town.
    /// </summary>
    public async Task<int?> EndSessionsAsync(string id, string? sessionId, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return null;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var ended = sessionId is null
            ? await ServerSessions.EndAllAsync(db, user.Id, SessionEndReasons.Admin, now, ct)
            : await ServerSessions.EndAsync(db, sessionId, user.Id, SessionEndReasons.Admin, now, ct) ? 1 : 0;
        if (ended > 0)
        {
            await AccountAudit.WriteAsync(db, clock, AuditAction.SessionEnded, user,
                new Dictionary<string, object?[]> { ["EndedSessions"] = [null, ended] }, ct);
        }
        await transaction.CommitAsync(ct);
        return ended;
    }

    /// <summary>Sets a temporary password (typed or generated); the messages are for the form's Password field.</summary>
    public Task<IReadOnlyList<FieldMessage>> ResetPasswordAsync(AppUser user, string password, CancellationToken ct) =>
        passwords.ResetAsync(user, password, nameof(ResetPasswordForm.Password), ct);

    public Task<string> GeneratePasswordAsync(AppUser user) => passwords.GenerateAsync(user);

    /// <summary>
    /// Compare-and-set on the account's concurrency stamp, inside the caller's transaction: true when nobody saved the
    /// account since the form was loaded. (Identity's store re-attaches the user, which would drop an original value
    /// set on the entry, so the check is made in SQL.)
    /// </summary>
    private async Task<bool> ClaimAsync(AppUser user, string? loadedStamp, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(loadedStamp))
        {
            return false;
        }
        var next = Guid.NewGuid().ToString();
        var claimed = await db.Users.Where(u => u.Id == user.Id && u.ConcurrencyStamp == loadedStamp)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.ConcurrencyStamp, next), ct);
        if (claimed == 0)
        {
            return false;
        }
        user.ConcurrencyStamp = next;
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = next;
        return true;
    }

    private async Task<int> EnabledAdminsAsync(CancellationToken ct)
    {
        var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return await db.Users.CountAsync(
            u => u.TownId == db.CurrentTownId && !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == adminRole), ct);
    }

    private Task<string?> ScopeCodeAsync(int? subjectId, CancellationToken ct) =>
        db.Subjects.Where(s => s.Id == subjectId).Select(s => s.Code).FirstOrDefaultAsync(ct);

    private static string? ScopeText(ScopeChoice choice) => choice.Grid?.Code ?? choice.Subject?.Code;
}

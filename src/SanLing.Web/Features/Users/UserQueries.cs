using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Security;

namespace SanLing.Web.Features.Users;

/// <summary>Reads of the town's accounts (accounts are not town-filtered by the context: filtered here, fail closed).</summary>
public sealed class UserQueries(SanLingDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    private IQueryable<AppUser> TownUsers => db.Users.AsNoTracking().Where(u => u.TownId != null && u.TownId == db.CurrentTownId);

    public async Task<(IReadOnlyList<UserListItem> Items, int Total)> ListAsync(UserFilter filter, CancellationToken ct)
    {
        var users = TownUsers;
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            users = users.Where(u => u.UserName!.Contains(q) || u.DisplayName.Contains(q));
        }
        if (filter.Role is { } role && Roles.All.Contains(role))
        {
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        }
        if (filter.Disabled is { } disabled)
        {
            users = users.Where(u => u.IsDisabled == disabled);
        }
        var total = await users.CountAsync(ct);
        var page = Shared.PageInfo.Clamp(filter.Page);
        var now = clock.GetUtcNow();
        var rows = await users
            .OrderBy(u => u.UserName)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                ScopeCode = db.Subjects.Where(s => s.Id == u.ScopeSubjectId).Select(s => s.Code).FirstOrDefault(),
                ScopeName = db.Subjects.Where(s => s.Id == u.ScopeSubjectId).Select(s => s.Name).FirstOrDefault(),
                u.IsDisabled,
                u.MustChangePassword,
                u.LockoutEnd,
                u.CreatedAt,
            })
            .ToListAsync(ct);
        var items = rows.Select(u => new UserListItem(
            u.Id, u.UserName ?? "", u.DisplayName, u.Role, u.ScopeCode, u.ScopeName,
            u.IsDisabled, u.MustChangePassword, u.LockoutEnd > now, u.CreatedAt)).ToList();
        return (items, total);
    }

    /// <summary>
    /// The scope picker's choices, in three groups: villages/communities and their grids (grid workers), and
    /// enterprises/units (liaisons). Two queries whatever the town's size.
    /// </summary>
    public async Task<IReadOnlyList<ScopeOption>> ScopeOptionsAsync(CancellationToken ct)
    {
        var subjects = await db.Subjects.AsNoTracking()
            .OrderBy(s => s.Kind == SubjectKind.Village || s.Kind == SubjectKind.Community ? 0 : 1).ThenBy(s => s.Code)
            .Select(s => new { s.Code, s.Name, s.Kind })
            .ToListAsync(ct);
        var grids = await db.Grids.AsNoTracking()
            .Where(g => g.Subject!.Kind == SubjectKind.Village || g.Subject.Kind == SubjectKind.Community)
            .OrderBy(g => g.Code)
            .Select(g => new { g.Code, g.Name, Territory = g.Subject!.Name })
            .ToListAsync(ct);
        var territories = subjects.Where(s => s.Kind.IsTerritory())
            .Select(s => new ScopeOption(s.Code, $"{s.Code} {s.Name}", ScopeKind.TerritoryOrGrid, "村（社区）"));
        var gridOptions = grids.Select(g => new ScopeOption(g.Code, $"{g.Code} {g.Territory} {g.Name}", ScopeKind.TerritoryOrGrid, "网格"));
        var enterprises = subjects.Where(s => !s.Kind.IsTerritory())
            .Select(s => new ScopeOption(s.Code, $"{s.Code} {s.Name}", ScopeKind.EnterpriseOrUnit, "企业和单位"));
        return [.. territories, .. gridOptions, .. enterprises];
    }

    /// <summary>The edit form as stored, and what the page shows beside it; null when the account is not of this town.</summary>
    public async Task<(UserForm Form, UserState State)?> EditAsync(string id, string? currentUserId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = await TownUsers
            .Where(u => u.Id == id)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                ScopeCode = db.Subjects.Where(s => s.Id == u.ScopeSubjectId).Select(s => s.Code).FirstOrDefault(),
                u.IsDisabled,
                u.MustChangePassword,
                u.LockoutEnd,
                u.ConcurrencyStamp,
                u.CreatedAt,
                u.TwoFactorEnabled,
                Grids = db.Grids.Where(g => g.WorkerUserId == u.Id).OrderBy(g => g.Code).Select(g => g.Code + " " + g.Name).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var form = new UserForm
        {
            DisplayName = user.DisplayName,
            Role = user.Role,
            ScopeCode = user.ScopeCode,
            ConcurrencyStamp = user.ConcurrencyStamp,
        };
        var state = new UserState(user.Id, user.UserName ?? "", user.IsDisabled, user.MustChangePassword, user.LockoutEnd > now,
            user.Id == currentUserId, user.Grids, user.CreatedAt, user.TwoFactorEnabled);
        return (form, state);
    }

    /// <summary>How many sessions the page lists (all open ones come first).</summary>
    public const int SessionsShown = 50;

    /// <summary>An account's sessions, open ones first, newest first; null when the account is not of this town. Two queries.</summary>
    public async Task<UserSessionsPage?> SessionsAsync(string id, CancellationToken ct)
    {
        var user = await TownUsers.Where(u => u.Id == id).Select(u => new { u.Id, u.UserName, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var rows = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == user.Id)
            .OrderBy(s => s.EndedAt == null ? 0 : 1).ThenByDescending(s => s.SignedInAt)
            .Take(SessionsShown)
            .Select(s => new { s.Id, s.SignedInAt, s.LastSeenAt, s.EndedAt, s.EndReason, s.ClientAddress, s.UserAgent })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var sessions = rows
            .Select(s => new SessionRow(s.Id, s.SignedInAt, s.LastSeenAt, s.EndedAt, s.EndReason, s.ClientAddress, s.UserAgent,
                s.EndedAt is null && now - s.SignedInAt <= SessionLimits.Absolute && now - s.LastSeenAt <= SessionLimits.Idle + SessionLimits.SeenInterval))
            .OrderBy(s => s.IsActive ? 0 : 1)
            .ToList();
        return new UserSessionsPage(user.Id, user.UserName ?? "", user.DisplayName, sessions);
    }
}

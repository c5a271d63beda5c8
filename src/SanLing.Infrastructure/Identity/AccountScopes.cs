using SanLing.Domain.Subjects;

namespace SanLing.Infrastructure.Identity;

/// <summary>What an account of a role is tied to.</summary>
public enum ScopeKind
{
    /// <summary>Office staff, leadership and admins work on the whole town.</summary>
    None,

    /// <summary>A grid worker: a village/community, or one of its grids (they become that grid's worker).</summary>
    TerritoryOrGrid,

    /// <summary>A liaison: their own enterprise/unit.</summary>
    EnterpriseOrUnit,
}

/// <summary>Why a scope does not fit a role.</summary>
public enum ScopeRefusal
{
    /// <summary>The role works on the whole town and takes no scope.</summary>
    NotAllowed,

    /// <summary>The role needs a scope and none was given.</summary>
    Missing,

    /// <summary>A grid worker's code is neither a village/community nor a grid of one.</summary>
    NotTerritoryOrGrid,

    /// <summary>A liaison's code is not an enterprise/unit.</summary>
    NotEnterpriseOrUnit,
}

/// <summary>A resolved scope: the subject the account is tied to and, for a grid worker given a grid code, that grid.</summary>
public sealed record ScopeChoice(Subject? Subject, Grid? Grid, ScopeRefusal? Refusal)
{
    public bool IsValid => Refusal is null;
}

/// <summary>
/// The one home of the role/scope rules, used by the <c>create-user</c> command and the administration pages:
/// a grid worker needs a village/community or a grid of one, a liaison an enterprise/unit, every other role nothing.
/// </summary>
public static class AccountScopes
{
    public static ScopeKind KindFor(string role) => role switch
    {
        Roles.GridWorker => ScopeKind.TerritoryOrGrid,
        Roles.Liaison => ScopeKind.EnterpriseOrUnit,
        _ => ScopeKind.None,
    };

    /// <summary>
    /// Resolves a scope code (a subject's or a grid's, within the context's town) for a role. A grid code wins over a
    /// subject code for grid workers, as the command line always did.
    /// </summary>
    public static async Task<ScopeChoice> ResolveAsync(SanLingDbContext db, string role, string? code, CancellationToken ct = default)
    {
        var trimmed = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        switch (KindFor(role))
        {
            case ScopeKind.None:
                return trimmed is null ? new(null, null, null) : new(null, null, ScopeRefusal.NotAllowed);
            case ScopeKind.TerritoryOrGrid when trimmed is not null:
                var grid = await db.Grids.Include(g => g.Subject).FirstOrDefaultAsync(g => g.Code == trimmed, ct);
                if (grid?.Subject is { } owner && owner.Kind.IsTerritory())
                {
                    return new(owner, grid, null);
                }
                var territory = await db.Subjects.FirstOrDefaultAsync(s => s.Code == trimmed, ct);
                return territory is not null && territory.Kind.IsTerritory()
                    ? new(territory, null, null)
                    : new(null, null, ScopeRefusal.NotTerritoryOrGrid);
            case ScopeKind.EnterpriseOrUnit when trimmed is not null:
                var subject = await db.Subjects.FirstOrDefaultAsync(s => s.Code == trimmed, ct);
                return subject is not null && !subject.Kind.IsTerritory()
                    ? new(subject, null, null)
                    : new(null, null, ScopeRefusal.NotEnterpriseOrUnit);
            default:
                return new(null, null, ScopeRefusal.Missing);
        }
    }

    /// <summary>
    /// Ties the account to its resolved scope: its scope subject, the chosen grid's worker account, and releases the
    /// grids it answered for that are no longer in its scope (another village, or no longer a grid worker).
    /// The caller saves.
    /// </summary>
    public static async Task ApplyAsync(SanLingDbContext db, AppUser user, string role, ScopeChoice choice, CancellationToken ct = default)
    {
        if (!choice.IsValid)
        {
            throw new InvalidOperationException("范围与角色不符，不能保存。");
        }
        user.ScopeSubjectId = choice.Subject?.Id;
        var keepTerritory = role == Roles.GridWorker ? choice.Subject?.Id : null;
        var released = await db.Grids.Where(g => g.WorkerUserId == user.Id && g.SubjectId != keepTerritory).ToListAsync(ct);
        foreach (var grid in released)
        {
            grid.WorkerUserId = null;
        }
        if (choice.Grid is { } chosen)
        {
            chosen.WorkerUserId = user.Id;
            chosen.WorkerName ??= user.DisplayName;
        }
    }
}

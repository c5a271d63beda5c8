using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Data;
using SanLing.Infrastructure.Identity;

namespace SanLing.Web.Security;

/// <summary>
/// Audit lines of sign-in events (sign-in, failed sign-in, lock-out, logout), written as the person at the keyboard:
/// the account once signed in, otherwise the user name as typed (never a password). A refused name that matches no
/// account belongs to the deployment's town when there is only one, so its administrator sees it.
/// </summary>
public static class SecurityAudit
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A line about <paramref name="account"/> (null: no such account) by whoever typed <paramref name="typedName"/>.</summary>
    public static async Task WriteAsync(
        SanLingDbContext db, TimeProvider clock, AuditAction action, AppUser? account, string typedName, string? role,
        IReadOnlyDictionary<string, object?> details, bool signedIn, CancellationToken ct)
    {
        var actor = db.Actor;
        var saved = (actor.UserId, actor.UserName, actor.Role, actor.TownId);
        try
        {
            actor.UserId = signedIn ? account?.Id : null;
            actor.UserName = signedIn ? account?.UserName : Printable(typedName);
            actor.Role = signedIn ? role : null;
            actor.TownId = account?.TownId ?? await OnlyTownAsync(db, ct);
            var text = JsonSerializer.Serialize(new SortedDictionary<string, object?>(details.ToDictionary(), StringComparer.Ordinal), Json);
            await AuditChain.AppendAsync(db, clock, action, nameof(AppUser), account?.Id, text, ct);
        }
        finally
        {
            (actor.UserId, actor.UserName, actor.Role, actor.TownId) = saved;
        }
    }

    /// <summary>Anything may be typed as a user name: control characters must not reach the trail or a log, nor an endless name.</summary>
    public static string Printable(string typed)
    {
        var text = new string(typed.Trim().Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length <= 64 ? text : text[..64] + "…";
    }

    private static async Task<int?> OnlyTownAsync(SanLingDbContext db, CancellationToken ct)
    {
        var towns = await db.Set<Town>().AsNoTracking().Select(t => t.Id).Take(2).ToListAsync(ct);
        return towns.Count == 1 ? towns[0] : null;
    }
}

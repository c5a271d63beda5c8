using SanLing.Domain.Auditing;

namespace SanLing.Web.Features.Audit;

public sealed record AuditLine(DateTimeOffset At, string? UserName, string? Role, AuditAction Action, string? Changes);

/// <summary>The audit trail of one record (office staff only; the trail is append-only: no route edits it).</summary>
public sealed class AuditQueries(SanLingDbContext db)
{
    public async Task<IReadOnlyList<AuditLine>> ForRecordAsync(string entityType, int id, CancellationToken ct)
    {
        var entityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // AuditEntry is not town-filtered by the context: filter explicitly, fail closed without a town.
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.TownId == db.CurrentTownId && a.EntityType == entityType && a.EntityId == entityId)
            .OrderByDescending(a => a.Id)
            .Take(200)
            .Select(a => new AuditLine(a.At, a.UserName, a.Role, a.Action, a.Changes))
            .ToListAsync(ct);
    }
}

namespace SanLing.Web.Features.ApiTokens;

/// <summary>The town's API tokens (tokens are not town-filtered by the context, so the town is named here).</summary>
public sealed class ApiTokenQueries(SanLingDbContext db, TimeProvider clock)
{
    public async Task<ApiTokenList> ListAsync(CancellationToken ct)
    {
        var town = db.CurrentTownId;
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.TownId != null && t.TownId == town)
            .OrderBy(t => t.RevokedAt != null).ThenByDescending(t => t.Id)
            .Select(t => new ApiTokenRow(t.Id, t.Name, t.Prefix, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt,
                db.ApiCallLogs.Where(c => c.TokenId == t.Id).Max(c => (DateTimeOffset?)c.At),
                db.ApiCallLogs.Count(c => c.TokenId == t.Id)))
            .ToListAsync(ct);
        return new ApiTokenList(tokens, clock.GetUtcNow());
    }
}

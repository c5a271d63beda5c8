namespace SanLing.Web.Features.ApiTokens;

/// <summary>The town's or the county's API tokens (tokens are not town-filtered by the context, so the scope is named here).</summary>
public sealed class ApiTokenQueries(SanLingDbContext db, TimeProvider clock)
{
    public Task<ApiTokenList> ListAsync(CancellationToken ct)
    {
        var town = db.CurrentTownId;
        return ListAsync(db.ApiTokens.Where(t => t.TownId != null && t.TownId == town), ct);
    }

    /// <summary>The county's own tokens (not its towns').</summary>
    public Task<ApiTokenList> ListForCountyAsync(int countyId, CancellationToken ct) =>
        ListAsync(db.ApiTokens.Where(t => t.TownId == null && t.CountyId == countyId), ct);

    private async Task<ApiTokenList> ListAsync(IQueryable<Domain.Api.ApiToken> which, CancellationToken ct)
    {
        var tokens = await which.AsNoTracking()
            .OrderBy(t => t.RevokedAt != null).ThenByDescending(t => t.Id)
            .Select(t => new ApiTokenRow(t.Id, t.Name, t.Prefix, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt,
                db.ApiCallLogs.Where(c => c.TokenId == t.Id).Max(c => (DateTimeOffset?)c.At),
                db.ApiCallLogs.Count(c => c.TokenId == t.Id)))
            .ToListAsync(ct);
        return new ApiTokenList(tokens, clock.GetUtcNow());
    }
}

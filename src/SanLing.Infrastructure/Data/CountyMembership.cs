namespace SanLing.Infrastructure.Data;

/// <summary>
/// Whether a town belongs to a county: the one check behind a county user's reading of a town (the claims
/// transformation that validates the chosen town on every request) and their switching to it.
/// </summary>
public static class CountyMembership
{
    /// <summary>One indexed query; a town of another county, or no such town, is not the county's.</summary>
    public static Task<bool> IsTownOfCountyAsync(this SanLingDbContext db, int countyId, int townId, CancellationToken ct = default) =>
        db.Towns.AsNoTracking().AnyAsync(t => t.Id == townId && t.CountyId == countyId, ct);
}

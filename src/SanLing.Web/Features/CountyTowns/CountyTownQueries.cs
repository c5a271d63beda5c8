namespace SanLing.Web.Features.CountyTowns;

/// <summary>The county's towns with their accounts (three queries, whatever the number of towns).</summary>
public sealed class CountyTownQueries(SanLingDbContext db)
{
    public async Task<CountyTownsPage?> LoadAsync(int countyId, AddTownForm form, CancellationToken ct)
    {
        var name = await db.Counties.AsNoTracking().Where(c => c.Id == countyId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }
        var towns = await db.Towns.AsNoTracking().Where(t => t.CountyId == countyId).OrderBy(t => t.Code)
            .Select(t => new { t.Id, t.Code, t.Name, t.InspectionDueDay }).ToListAsync(ct);
        var townIds = towns.Select(t => t.Id).ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => u.TownId != null && townIds.Contains(u.TownId.Value))
            .GroupBy(u => u.TownId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        return new CountyTownsPage(name,
            towns.Select(t => new CountyTownRow(t.Code, t.Name, t.InspectionDueDay, accounts.GetValueOrDefault(t.Id))).ToList(), form);
    }

    /// <summary>The rule set the new town starts with (its latest), read across the filter for that one town.</summary>
    public Task<string?> StartingRuleSetAsync(string townCode, CancellationToken ct) =>
        db.RuleSets.IgnoreQueryFilters().AsNoTracking()
            .Where(r => db.Towns.Any(t => t.Id == r.TownId && t.Code == townCode))
            .OrderByDescending(r => r.Year).Select(r => r.Name).FirstOrDefaultAsync(ct);
}

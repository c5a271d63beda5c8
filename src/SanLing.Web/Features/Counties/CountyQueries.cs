namespace SanLing.Web.Features.Counties;

public sealed record CountyTown(int Id, string Code, string Name);

public sealed record CountyPage(string CountyName, IReadOnlyList<CountyTown> Towns, int? TownRead);

/// <summary>The county user's county and its towns (a fixed number of queries, whatever the number of towns).</summary>
public sealed class CountyQueries(SanLingDbContext db)
{
    public async Task<CountyPage?> LoadAsync(int countyId, int? townRead, CancellationToken ct)
    {
        var name = await db.Counties.AsNoTracking().Where(c => c.Id == countyId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }
        return new CountyPage(name, await TownsAsync(countyId, ct), townRead);
    }

    public Task<List<CountyTown>> TownsAsync(int countyId, CancellationToken ct) =>
        db.Towns.AsNoTracking().Where(t => t.CountyId == countyId).OrderBy(t => t.Code)
            .Select(t => new CountyTown(t.Id, t.Code, t.Name)).ToListAsync(ct);
}

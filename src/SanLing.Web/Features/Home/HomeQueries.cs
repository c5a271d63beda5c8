using SanLing.Domain.Subjects;

namespace SanLing.Web.Features.Home;

public sealed record KindCount(SubjectKind Kind, int Count);

public sealed record HomePage(string TownName, IReadOnlyList<KindCount> SubjectCounts, string? ScopeName);

public sealed class HomeQueries(SanLingDbContext db, AccessScope scope)
{
    public async Task<HomePage> LoadAsync(CancellationToken ct)
    {
        var townName = await db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        var counts = await scope.Apply(db.Subjects.AsNoTracking())
            .GroupBy(s => s.Kind)
            .Select(g => new KindCount(g.Key, g.Count()))
            .ToListAsync(ct);
        var scopeId = scope.TerritoryId ?? scope.SubjectId;
        var scopeName = scopeId is null ? null : await db.Subjects.AsNoTracking().Where(s => s.Id == scopeId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        return new HomePage(townName ?? "", counts.OrderBy(c => c.Kind).ToList(), scopeName);
    }
}

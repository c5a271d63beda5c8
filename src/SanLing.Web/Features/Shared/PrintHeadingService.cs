namespace SanLing.Web.Features.Shared;

/// <summary>What a printed report says about itself in its print-only header: the town, the year, the run and its date.</summary>
public sealed record PrintHeading(string Title, int? Year, int? RunId, DateOnly? AsOf, bool IsPublished);

/// <summary>The current town's name for printed pages (one small query, only on the pages that print a header).</summary>
public sealed class PrintHeadingService(SanLingDbContext db)
{
    public async Task<string> TownNameAsync(CancellationToken ct = default) =>
        await db.Towns.AsNoTracking().Where(t => t.Id == db.CurrentTownId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "";
}

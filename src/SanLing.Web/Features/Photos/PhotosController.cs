using Microsoft.Net.Http.Headers;
using SanLing.Infrastructure.Photos;

namespace SanLing.Web.Features.Photos;

/// <summary>
/// Finding photos, streamed only to those who may see the finding: office staff and admins, the grid worker whose
/// village holds the subject, the subject's liaison. Leadership never (decision 0014); a photo out of scope is 404.
/// </summary>
[Authorize(Roles = Roles.Office + "," + Roles.Admin + "," + Roles.GridWorker + "," + Roles.Liaison)]
public sealed class PhotosController(SanLingDbContext db, AccessScope scope, PhotoStore store) : PortalController
{
    /// <param name="thumb">The small version shown in lists.</param>
    [HttpGet]
    public async Task<IActionResult> Show(int id, bool thumb, CancellationToken ct)
    {
        var stored = await scope.Apply(db.FindingPhotos.AsNoTracking(), p => p.Finding!.Inspection!.Subject)
            .Where(p => p.Id == id)
            .Select(p => new { p.StoredName, p.ContentType })
            .FirstOrDefaultAsync(ct);
        if (stored is null || store.Find(stored.StoredName, thumb) is not { } path)
        {
            return NotFound();
        }
        // Only the user's own browser may keep it; never a shared cache.
        Response.Headers[HeaderNames.CacheControl] = "private, max-age=3600";
        return PhysicalFile(path, stored.ContentType);
    }
}

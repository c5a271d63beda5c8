using Microsoft.Extensions.Localization;
using SanLing.Domain.Inspections;
using SanLing.Infrastructure.Photos;

namespace SanLing.Web.Features.Photos;

/// <summary>A saved photo as a page shows it: a thumbnail that opens the photo.</summary>
public sealed record PhotoLink(int Id, PhotoStage Stage);

/// <summary>A checked photo written to the store, waiting for the save that records it (or for <see cref="PhotoUploadService.Discard"/>).</summary>
public sealed record StagedPhoto(PhotoStage Stage, string StoredName, ProcessedPhoto Photo);

/// <summary>
/// Finding photos posted with a form: every file is checked and re-encoded in memory first (<see cref="PhotoProcessor"/>);
/// only when all are accepted are they written, and the caller records them in the same save as the finding, or
/// discards them when that save does not happen. A refused photo writes nothing.
/// </summary>
public sealed class PhotoUploadService(PhotoStore store, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Checks the uploads; the messages of those refused (then nothing is written), or the photos ready to write.</summary>
    public async Task<(IReadOnlyList<(PhotoStage Stage, ProcessedPhoto Photo)> Photos, IReadOnlyList<string> Refusals)> CheckAsync(
        IEnumerable<(IFormFile File, PhotoStage Stage)> uploads, bool recordLocation, CancellationToken ct)
    {
        var photos = new List<(PhotoStage, ProcessedPhoto)>();
        var refusals = new List<string>();
        var files = uploads.Where(u => u.File is { Length: > 0 } || !string.IsNullOrEmpty(u.File?.FileName)).ToList();
        if (files.Count > PhotoRules.MaxPerPost)
        {
            refusals.Add(localizer["一次最多上传 {0} 张照片，请分几次上传。", PhotoRules.MaxPerPost]);
            return (photos, refusals);
        }
        foreach (var (file, stage) in files)
        {
            var name = Path.GetFileName(file.FileName);
            if (file.Length > PhotoRules.MaxUploadBytes)
            {
                // Refused before it is read into memory.
                refusals.Add(localizer["照片“{0}”太大：每张照片不能超过 {1} MB。", name, PhotoRules.MaxUploadMegabytes]);
                continue;
            }
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var (photo, refusal) = PhotoProcessor.Process(buffer.ToArray(), recordLocation);
            if (refusal is not null)
            {
                refusals.Add(localizer[refusal.Message, name, PhotoRules.MaxUploadMegabytes]);
            }
            else
            {
                photos.Add((stage, photo!));
            }
        }
        return (photos, refusals);
    }

    /// <summary>Writes checked photos to the store.</summary>
    public async Task<List<StagedPhoto>> WriteAsync(IEnumerable<(PhotoStage Stage, ProcessedPhoto Photo)> photos, CancellationToken ct)
    {
        var staged = new List<StagedPhoto>();
        try
        {
            foreach (var (stage, photo) in photos)
            {
                staged.Add(new StagedPhoto(stage, await store.SaveAsync(photo, ct), photo));
            }
            return staged;
        }
        catch
        {
            Discard(staged);
            throw;
        }
    }

    /// <summary>Removes the files of photos whose save did not happen (refused, stale, a repeated post).</summary>
    public void Discard(IEnumerable<StagedPhoto> staged)
    {
        foreach (var photo in staged)
        {
            store.Delete(photo.StoredName);
        }
    }

    public FindingPhoto ToEntity(StagedPhoto staged, string? uploadedBy) => new()
    {
        Stage = staged.Stage,
        StoredName = staged.StoredName,
        ContentType = ProcessedPhoto.ContentType,
        Width = staged.Photo.Width,
        Height = staged.Photo.Height,
        Bytes = staged.Photo.Jpeg.Length,
        UploadedAt = clock.GetUtcNow(),
        UploadedBy = uploadedBy,
        Latitude = staged.Photo.Latitude,
        Longitude = staged.Photo.Longitude,
    };
}

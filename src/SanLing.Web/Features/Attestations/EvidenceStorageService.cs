namespace SanLing.Web.Features.Attestations;

/// <summary>
/// Keeps evidence files outside wwwroot (default <c>App_Data/evidence</c> under the content root, setting
/// <c>Evidence:Folder</c>) under generated names; nothing there is served as a static file.
/// </summary>
public sealed class EvidenceStorageService(IWebHostEnvironment environment, IConfiguration configuration)
{
    private string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, configuration["Evidence:Folder"] ?? Path.Combine("App_Data", "evidence")));

    /// <summary>Writes the upload under a fresh name and returns that name.</summary>
    public Task<string> SaveAsync(IFormFile file, string contentType, CancellationToken ct) => WriteNewAsync(Folder, file, contentType, ct);

    /// <summary>Writes a checked upload into <paramref name="folder"/> under a fresh generated name (attestation and appeal evidence).</summary>
    public static async Task<string> WriteNewAsync(string folder, IFormFile file, string contentType, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "image/png" => ".png",
            _ => ".jpg",
        };
        var name = $"{Guid.NewGuid():N}{extension}";
        await using var target = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write);
        await file.CopyToAsync(target, ct);
        return name;
    }

    /// <summary>The file for a stored name, or null when missing; names are generated, never taken from a request.</summary>
    public FileStream? Open(string storedName)
    {
        var path = Path.Combine(Folder, Path.GetFileName(storedName));
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
    }

    public void Delete(string? storedName)
    {
        if (storedName is not null)
        {
            File.Delete(Path.Combine(Folder, Path.GetFileName(storedName)));
        }
    }
}

using SanLing.Domain.Evaluation;
using SanLing.Web.Features.Attestations;

namespace SanLing.Web.Features.Appeals;

/// <summary>
/// Keeps appeal evidence outside wwwroot under generated names: the folder <c>Appeals:EvidenceFolder</c> (relative to
/// the content root), or else one beside the SQLite database (<c>sanling-appeal-evidence</c> next to <c>sanling.db</c>),
/// or <c>App_Data/appeal-evidence</c>. Files are served only by <see cref="AppealsController.Evidence"/>.
/// </summary>
public sealed class AppealEvidenceStorageService(IWebHostEnvironment environment, IConfiguration configuration)
{
    public string Folder { get; } = FolderOf(environment.ContentRootPath, configuration);

    private static string FolderOf(string contentRoot, IConfiguration configuration)
    {
        if (configuration["Appeals:EvidenceFolder"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(Path.Combine(contentRoot, configured));
        }
        if (DatabaseSetup.ProviderFrom(configuration) != DatabaseProvider.SqlServer
            && DatabaseSetup.SqliteFileOf(DatabaseSetup.ResolveSqlitePath(configuration.GetConnectionString(DatabaseSetup.ConnectionStringName) ?? DatabaseSetup.DefaultSqliteConnection, contentRoot)) is { } database)
        {
            return Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + "-appeal-evidence");
        }
        return Path.GetFullPath(Path.Combine(contentRoot, "App_Data", "appeal-evidence"));
    }

    /// <summary>Null when the file is acceptable (a PDF, PNG or JPEG by its first bytes, within the size), else the reason in Chinese.</summary>
    public static string? Check(IFormFile file)
    {
        if (file.Length == 0)
        {
            return "上传的文件是空的";
        }
        if (file.Length > AppealRules.MaxEvidenceBytes)
        {
            return "证明材料不能超过 5 MB";
        }
        return EvidenceFile.ContentTypeOf(file) is null ? "证明材料只能是图片（JPG、PNG）或 PDF 文件" : null;
    }

    /// <summary>Writes the upload under a fresh name; returns the stored name and the content type read from its bytes.</summary>
    public async Task<(string StoredName, string ContentType)> SaveAsync(IFormFile file, CancellationToken ct)
    {
        var contentType = EvidenceFile.ContentTypeOf(file) ?? throw new InvalidOperationException("evidence checked before saving");
        return (await EvidenceStorageService.WriteNewAsync(Folder, file, contentType, ct), contentType);
    }

    /// <summary>The file for a stored name, or null when missing; names are generated, never taken from a request.</summary>
    public FileStream? Open(string storedName)
    {
        var path = Path.Combine(Folder, Path.GetFileName(storedName));
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
    }

    public void Delete(string storedName) => File.Delete(Path.Combine(Folder, Path.GetFileName(storedName)));
}

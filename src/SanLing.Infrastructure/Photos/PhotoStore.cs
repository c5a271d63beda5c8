using System.Security.Cryptography;
using SanLing.Domain.Inspections;

namespace SanLing.Infrastructure.Photos;

/// <summary>
/// The folder of finding photos: <c>Photos:Directory</c>, by default <c>photos</c> beside the database (like
/// <c>keys</c>), never under wwwroot. Files are named by a random id the server generates; the database row
/// (<see cref="FindingPhoto"/>) is the only way to them, so serving goes through an authorised action.
/// </summary>
public sealed class PhotoStore(string directory)
{
    public const string Section = "Photos";

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Writes the photo and its thumbnail under a new name (owner-only files); returns the name.</summary>
    public async Task<string> SaveAsync(ProcessedPhoto photo, CancellationToken ct)
    {
        CreateDirectory();
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + ".jpg";
        await WriteAsync(PathOf(name, thumbnail: false), photo.Jpeg, ct);
        await WriteAsync(PathOf(name, thumbnail: true), photo.Thumbnail, ct);
        return name;
    }

    /// <summary>The file of a stored photo, or null when the name is not one the store generates or the file is gone.</summary>
    public string? Find(string storedName, bool thumbnail)
    {
        if (!IsGeneratedName(storedName))
        {
            return null;
        }
        var path = PathOf(storedName, thumbnail);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Removes files written for a save that then failed (nothing points to them).</summary>
    public void Delete(string storedName)
    {
        if (!IsGeneratedName(storedName))
        {
            return;
        }
        File.Delete(PathOf(storedName, thumbnail: false));
        File.Delete(PathOf(storedName, thumbnail: true));
    }

    private string PathOf(string name, bool thumbnail) =>
        Path.Combine(Directory, thumbnail ? Path.GetFileNameWithoutExtension(name) + PhotoRules.ThumbnailSuffix + ".jpg" : name);

    private static bool IsGeneratedName(string name) =>
        name.Length == 36 && name.EndsWith(".jpg", StringComparison.Ordinal) && name[..32].All(char.IsAsciiHexDigitLower);

    private void CreateDirectory()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task WriteAsync(string path, byte[] content, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(content, ct);
    }
}

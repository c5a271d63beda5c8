using SanLing.Domain.Common;

namespace SanLing.Domain.Inspections;

/// <summary>整改前/整改后: a photo taken when the problem was found, or one showing it fixed.</summary>
public enum PhotoStage
{
    Before = 1,  // 整改前（发现时）
    After = 2,   // 整改后
}

/// <summary>
/// A photo of a finding, re-encoded by the server (metadata dropped) and kept as a file outside the web root under
/// <see cref="StoredName"/>; the database holds only what describes it.
/// </summary>
public class FindingPhoto : Entity
{
    public int FindingId { get; set; }
    public Finding? Finding { get; set; }

    public PhotoStage Stage { get; set; }

    /// <summary>A generated file name (no user input in it); the thumbnail sits beside it with <see cref="PhotoRules.ThumbnailSuffix"/>.</summary>
    public required string StoredName { get; set; }

    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>Size of the stored (shrunk) file.</summary>
    public long Bytes { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }

    /// <summary>Only when the worker ticked "record location" and the photo carried one (EXIF GPS); otherwise null.</summary>
    [Personal]
    public double? Latitude { get; set; }

    [Personal]
    public double? Longitude { get; set; }
}

/// <summary>The limits of finding photos: one home for the server's checks, the form's hints and the decision record 0014.</summary>
public static class PhotoRules
{
    /// <summary>The largest upload accepted per photo (a 50-megapixel phone JPEG is about 15 MB).</summary>
    public const long MaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>Width × height read from the header before decoding: more is refused (a decompression bomb).</summary>
    public const long MaxPixels = 64L * 1000 * 1000;

    /// <summary>Photos sent with one form (all its findings together).</summary>
    public const int MaxPerPost = 10;

    /// <summary>The stored photo's longest side, in pixels.</summary>
    public const int StoredLongestSide = 1600;

    public const int ThumbnailLongestSide = 240;

    public const int JpegQuality = 80;

    public const string ThumbnailSuffix = "-t";

    /// <summary>Recorded coordinates are rounded to 5 decimals (about a metre): enough to find a hazard again.</summary>
    public const int CoordinateDecimals = 5;

    /// <summary>Whole request: every photo of a form at its limit, plus the form itself.</summary>
    public const long MaxRequestBytes = MaxUploadBytes * MaxPerPost + 1024 * 1024;

    public static int MaxUploadMegabytes => (int)(MaxUploadBytes / (1024 * 1024));
}

using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using SanLing.Domain.Inspections;
using SkiaSharp;

namespace SanLing.Infrastructure.Photos;

/// <summary>A photo the server accepted: re-encoded JPEGs (the photo and its thumbnail) without any of the upload's metadata.</summary>
public sealed record ProcessedPhoto(byte[] Jpeg, byte[] Thumbnail, int Width, int Height, double? Latitude, double? Longitude)
{
    public const string ContentType = "image/jpeg";
}

/// <summary>Why an upload was refused; the message is a localizer key (Chinese), with the file name as {0}.</summary>
public sealed record PhotoRefusal(string Message);

/// <summary>
/// Checks an upload by its content and re-encodes it (decision 0014): only what SkiaSharp decodes as JPEG, PNG or
/// HEIF; the pixel count is read from the header before anything is decoded (decompression bombs); the picture is
/// turned upright (EXIF orientation), shrunk to <see cref="PhotoRules.StoredLongestSide"/> and encoded anew, which drops
/// EXIF, GPS, XMP and every other block of the original.
/// </summary>
public static class PhotoProcessor
{
    public static (ProcessedPhoto? Photo, PhotoRefusal? Refusal) Process(byte[] upload, bool recordLocation)
    {
        if (upload.Length == 0)
        {
            return (null, new PhotoRefusal("照片“{0}”是空文件。"));
        }
        if (upload.Length > PhotoRules.MaxUploadBytes)
        {
            return (null, new PhotoRefusal("照片“{0}”太大：每张照片不能超过 {1} MB。"));
        }
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Heif))
        {
            return (null, new PhotoRefusal("“{0}”不是照片：只接受 JPEG、PNG（或 HEIC）格式的图片。"));
        }
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > PhotoRules.MaxPixels)
        {
            return (null, new PhotoRefusal("照片“{0}”的像素太多，无法处理：请用手机相机的普通模式重新拍摄。"));
        }

        // JPEG decodes at 1/2, 1/4 or 1/8 directly: a 50-megapixel photo never sits in memory at full size.
        var longest = Math.Max(info.Width, info.Height);
        var decodeSize = longest > PhotoRules.StoredLongestSide
            ? codec.GetScaledDimensions((float)PhotoRules.StoredLongestSide / longest)
            : info.Size;
        if (decodeSize.Width < 1 || decodeSize.Height < 1
            || Math.Max(decodeSize.Width, decodeSize.Height) < Math.Min(PhotoRules.StoredLongestSide, longest))
        {
            decodeSize = info.Size;
        }
        using var decoded = SKBitmap.Decode(codec, new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (decoded is null)
        {
            return (null, new PhotoRefusal("照片“{0}”已损坏，无法读取。"));
        }

        var (photo, width, height) = Render(decoded, codec.EncodedOrigin, PhotoRules.StoredLongestSide);
        var (thumbnail, _, _) = Render(decoded, codec.EncodedOrigin, PhotoRules.ThumbnailLongestSide);
        var (latitude, longitude) = recordLocation ? LocationOf(upload) : (null, null);
        return (new ProcessedPhoto(photo, thumbnail, width, height, latitude, longitude), null);
    }

    /// <summary>Upright, at most <paramref name="longestSide"/> pixels long, on white (a transparent PNG), as a new JPEG.</summary>
    private static (byte[] Jpeg, int Width, int Height) Render(SKBitmap source, SKEncodedOrigin origin, int longestSide)
    {
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        float uprightWidth = swaps ? source.Height : source.Width;
        float uprightHeight = swaps ? source.Width : source.Height;
        var scale = Math.Min(1f, longestSide / Math.Max(uprightWidth, uprightHeight));
        var width = Math.Max(1, (int)Math.Round(uprightWidth * scale));
        var height = Math.Max(1, (int)Math.Round(uprightHeight * scale));

        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.White);
            canvas.SetMatrix(SKMatrix.Concat(SKMatrix.CreateScale((float)width / uprightWidth, (float)height / uprightHeight), Upright(origin, uprightWidth, uprightHeight)));
            canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), null);
        }
        using var pixels = target.PeekPixels() ?? throw new InvalidOperationException("SkiaSharp gave no pixels for a bitmap it allocated.");
        using var encoded = pixels.Encode(new SKJpegEncoderOptions(PhotoRules.JpegQuality)) ?? throw new InvalidOperationException("SkiaSharp could not encode the photo as JPEG.");
        return (encoded.ToArray(), width, height);
    }

    /// <summary>Maps the stored pixels to the upright picture of <paramref name="w"/> × <paramref name="h"/> (EXIF orientation 1–8).</summary>
    private static SKMatrix Upright(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    /// <summary>The camera's GPS position, rounded (<see cref="PhotoRules.CoordinateDecimals"/>); none when absent or unreadable.</summary>
    private static (double?, double?) LocationOf(byte[] upload)
    {
        try
        {
            using var stream = new MemoryStream(upload, writable: false);
            var location = ImageMetadataReader.ReadMetadata(stream).OfType<GpsDirectory>().Select(g => g.GetGeoLocation()).FirstOrDefault(l => l is not null);
            return location is null || location.IsZero
                ? (null, null)
                : (Math.Round(location.Latitude, PhotoRules.CoordinateDecimals), Math.Round(location.Longitude, PhotoRules.CoordinateDecimals));
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or InvalidOperationException)
        {
            // The picture itself was readable; an unreadable location block is simply not recorded.
            return (null, null);
        }
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace SanLing.Web.Tests.Photos;

/// <summary>Test images made here: a camera-like JPEG with an EXIF GPS block, and a PNG header that claims a huge picture.</summary>
public static class PhotoFiles
{
    /// <summary>30°15'30" N, 120°10'12" E, as the camera writes it.</summary>
    public const double Latitude = 30.258333;
    public const double Longitude = 120.17;

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> JPEG (a gradient) with an APP1 Exif segment holding a GPS IFD.</summary>
    public static byte[] JpegWithGps(int width = 3000, int height = 2000)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.SteelBlue, SKColors.Orange], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        var exif = ExifWithGps();
        // Right after the SOI marker (FF D8), where cameras put it.
        return [.. jpeg[..2], .. exif, .. jpeg[2..]];
    }

    private static byte[] ExifWithGps()
    {
        // TIFF, big-endian: header (8) · IFD0 with the GPS pointer (18) · GPS IFD of 4 entries (54) · two rationals ×3 (48).
        var tiff = new byte[128];
        void U16(int at, int v) => BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)v);
        void U32(int at, uint v) => BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), v);
        void Entry(int at, int tag, int type, uint count, uint value)
        {
            U16(at, tag);
            U16(at + 2, type);
            U32(at + 4, count);
            U32(at + 8, value);
        }
        tiff[0] = (byte)'M';
        tiff[1] = (byte)'M';
        U16(2, 42);
        U32(4, 8);
        U16(8, 1);
        Entry(10, 0x8825, 4, 1, 26);   // GPSInfo → GPS IFD at 26
        U32(22, 0);
        U16(26, 4);
        Entry(28, 0x0001, 2, 2, 0x4E000000);   // GPSLatitudeRef "N"
        Entry(40, 0x0002, 5, 3, 80);           // GPSLatitude at 80
        Entry(52, 0x0003, 2, 2, 0x45000000);   // GPSLongitudeRef "E"
        Entry(64, 0x0004, 5, 3, 104);          // GPSLongitude at 104
        U32(76, 0);
        uint[] latitude = [30, 1, 15, 1, 30, 1];
        uint[] longitude = [120, 1, 10, 1, 12, 1];
        for (var i = 0; i < 6; i++)
        {
            U32(80 + i * 4, latitude[i]);
            U32(104 + i * 4, longitude[i]);
        }
        byte[] header = [.. "Exif"u8, 0, 0];
        var length = 2 + header.Length + tiff.Length;
        return [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. header, .. tiff];
    }

    /// <summary>A valid PNG whose header claims <paramref name="width"/> × <paramref name="height"/> (a decompression bomb's shape), with almost no data.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;   // bit depth
        ihdr[9] = 2;   // RGB
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[4096]);
        }
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", compressed.ToArray()), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] content)
    {
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. content];
        var chunk = new byte[4 + typed.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, content.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), Crc32(typed));
        return chunk;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}

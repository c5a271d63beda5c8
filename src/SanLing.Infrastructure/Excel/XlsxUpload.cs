using System.IO.Compression;

namespace SanLing.Infrastructure.Excel;

/// <summary>
/// Checks an upload before ClosedXML sees it: size cap, an .xlsx recognised by its content (a zip holding
/// xl/workbook.xml, whatever the file is called), and a cap on what its entries decompress to (zip bombs).
/// </summary>
public static class XlsxUpload
{
    /// <summary>The largest upload accepted.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The most an upload may decompress to (10 000 rows of a ledger are a few MB).</summary>
    public const long MaxUncompressedBytes = 200L * 1024 * 1024;

    public const int MaxEntries = 2000;

    /// <summary>Null when the stream looks like a workbook we may open; otherwise the reason in Chinese.</summary>
    public static string? Check(Stream upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length == 0)
        {
            return "文件为空，请选择要导入的 Excel（.xlsx）文件。";
        }
        if (upload.Length > MaxBytes)
        {
            return $"文件超过 {MaxBytes / 1024 / 1024} MB，请拆分后分批导入。";
        }
        var start = upload.Position;
        try
        {
            using var zip = new ZipArchive(upload, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries)
            {
                return "文件内部结构异常（条目过多），不能导入。";
            }
            if (!zip.Entries.Any(e => e.FullName == "xl/workbook.xml"))
            {
                return NotXlsx;
            }
            // Count what the entries really decompress to (the sizes in the zip directory can lie).
            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > MaxUncompressedBytes)
                {
                    return Bomb;
                }
                using var content = entry.Open();
                int read;
                while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > MaxUncompressedBytes)
                    {
                        return Bomb;
                    }
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return NotXlsx;
        }
        catch (NotSupportedException)
        {
            return NotXlsx;
        }
        finally
        {
            upload.Position = start;
        }
    }

    private const string NotXlsx = "文件不是有效的 Excel 工作簿（.xlsx）。请用 Excel 或 WPS 另存为“Excel 工作簿(*.xlsx)”后再导入。";
    private const string Bomb = "文件解压后过大，不能导入（请检查文件是否异常）。";
}

using SanLing.Domain.Common;
using SanLing.Infrastructure.Excel;

namespace SanLing.Web.Features.Imports;

/// <summary>数据导入: office staff download the templates, upload filled workbooks and export ledgers.</summary>
[Authorize(Roles = Roles.Office)]
public sealed class ImportsController(ImportService service, TimeProvider clock, ILogger<ImportsController> logger) : Controller
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The request may carry the 10 MB file plus the form around it; larger bodies are cut off by the server.</summary>
    private const long RequestLimit = XlsxUpload.MaxBytes + 1024 * 1024;

    [HttpGet]
    public IActionResult Index() => View(ExcelTemplates.All);

    [HttpGet]
    public IActionResult Template(string id)
    {
        if (ExcelTemplates.Find(id) is not { } template)
        {
            return NotFound();
        }
        using var output = new MemoryStream();
        ExcelExporter.WriteBlankTemplate(template, output);
        return File(output.ToArray(), XlsxType, $"{template.Title}导入模板.xlsx");
    }

    [HttpGet]
    public async Task<IActionResult> Export(string id, CancellationToken ct)
    {
        if (ExcelTemplates.Find(id) is not { } template)
        {
            return NotFound();
        }
        // The compressed workbook only (the large ledgers are written row by row); the result sends and disposes it.
        var output = new MemoryStream();
        var rows = await service.ExportAsync(template, output, revealIdNumbers: false, ct);
        logger.LogInformation("Export {Template} by {User}: {Rows} rows", template.Key, User.Identity?.Name, rows);
        var day = clock.Today().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        output.Position = 0;
        return File(output, XlsxType, $"{template.Title}_{day}.xlsx");
    }

    [HttpPost]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    public async Task<IActionResult> Upload(string id, IFormFile? file, CancellationToken ct)
    {
        if (ExcelTemplates.Find(id) is not { } template)
        {
            return NotFound();
        }
        var result = await ImportAsync(template, file, ct);
        logger.LogInformation("Import {Template} by {User}: {Outcome}", template.Key, User.Identity?.Name,
            result.Succeeded ? string.Join(", ", result.Counts) : $"{result.Errors.Count} errors, nothing written");
        return View("Result", new ImportResultPage(template, file?.FileName, result));
    }

    private async Task<ImportResult> ImportAsync(ExcelTemplate template, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return ImportResult.Refused("请选择要导入的 Excel（.xlsx）文件。");
        }
        if (file.Length > XlsxUpload.MaxBytes)
        {
            return ImportResult.Refused("文件超过 {0} MB，请拆分后分批导入。", XlsxUpload.MaxBytes / 1024 / 1024);
        }
        using var upload = new MemoryStream((int)file.Length);
        await file.CopyToAsync(upload, ct);
        upload.Position = 0;
        return await service.ImportAsync(template, upload, ct);
    }
}

public sealed record ImportResultPage(ExcelTemplate Template, string? FileName, ImportResult Result);

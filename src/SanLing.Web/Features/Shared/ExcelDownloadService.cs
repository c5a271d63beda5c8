using System.Globalization;
using ClosedXML.Excel;
using SanLing.Domain.Auditing;

namespace SanLing.Web.Features.Shared;

/// <summary>A list exported as shown (its filters and the user's scope applied), in its import template; each export is audited with its row count.</summary>
public sealed class ExcelDownloadService(SanLingDbContext db, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<FileContentResult> ExportAsync(string title, string entityType, Func<IXLWorkbook, Task<int>> write, CancellationToken ct)
    {
        using var workbook = new XLWorkbook();
        var rows = await write(workbook);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        await AuditAsync(entityType, rows, ct);
        var stamp = clock.GetLocalNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return new FileContentResult(stream.ToArray(), ContentType) { FileDownloadName = $"{title}-{stamp}.xlsx" };
    }

    /// <summary>The audit line of an export: who, when, what, how many rows.</summary>
    public Task AuditAsync(string entityType, int rows, CancellationToken ct) =>
        AuditChain.AppendAsync(db, clock, AuditAction.Export, entityType, null, $"{{\"rows\":{rows.ToString(CultureInfo.InvariantCulture)}}}", ct);
}

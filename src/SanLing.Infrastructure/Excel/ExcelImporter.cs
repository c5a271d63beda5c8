using System.Text.Json;
using ClosedXML.Excel;
using SanLing.Domain.Auditing;
using SanLing.Infrastructure.Security;

namespace SanLing.Infrastructure.Excel;

/// <summary>
/// Imports a workbook into the current town: checks the upload, validates every row of every sheet, and writes
/// nothing unless all rows are good; then writes all of them in one transaction with one audit line for the import.
/// </summary>
public sealed class ExcelImporter(SanLingDbContext db, TimeProvider clock, IdNumberProtector idNumbers)
{
    public async Task<ImportResult> ImportAsync(ExcelTemplate template, Stream upload, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (db.Actor.TownId is null)
        {
            return ImportResult.Refused("没有确定当前乡镇，不能导入。");
        }
        if (XlsxUpload.Check(upload) is { } refusal)
        {
            return ImportResult.Refused(refusal);
        }

        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(upload);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return ImportResult.Refused("文件无法作为 Excel 工作簿读取（可能已损坏）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。");
        }

        using (workbook)
        {
            var context = new ImportContext(db, clock, idNumbers, workbook);
            Func<CancellationToken, Task> apply;
            try
            {
                apply = await template.PrepareAsync(context, ct);
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException)
            {
                return ImportResult.Refused("文件中有无法识别的单元格内容，请检查后重新导入。");
            }
            if (context.Errors.Count > 0)
            {
                var errors = context.Errors
                    .OrderBy(e => template.Sheets.Select(s => s.Name).ToList().IndexOf(e.Sheet))
                    .ThenBy(e => e.Row)
                    .ToList();
                return new ImportResult(errors, []);
            }

            // ID numbers were protected during validation: nothing here opens another context while we hold the lock.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await apply(ct);
            var counts = context.Counts(template.Sheets);
            await AuditChain.AppendAsync(db, clock, AuditAction.Import, template.Key, null,
                JsonSerializer.Serialize(new { 模板 = template.Title, 结果 = counts.Select(c => new { 工作表 = c.Sheet, 新增 = c.Inserted, 更新 = c.Updated }) }, JsonOptions), ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new ImportResult([], counts);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

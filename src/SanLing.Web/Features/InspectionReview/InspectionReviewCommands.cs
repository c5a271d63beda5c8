using ClosedXML.Excel;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Infrastructure.Excel;
using SanLing.Web.Features.Inspections;

namespace SanLing.Web.Features.InspectionReview;

/// <summary>Office writes: locking a reviewed month.</summary>
public sealed class InspectionReviewCommands(SanLingDbContext db, TimeProvider clock)
{
    /// <summary>Locks the month; false when it was locked already.</summary>
    public async Task<bool> LockAsync(DateOnly month, CancellationToken ct)
    {
        var earlier = await db.MonthLocks.FirstOrDefaultAsync(m => m.Month == month && m.SubjectId == null, ct);
        if (earlier?.IsInForce == true)
        {
            return false;
        }
        // Locked again after an unlock: the same row, the unlock stays in the audit trail.
        var entry = SignOffRules.Approve(earlier, null, month, db.Actor.UserName, clock.GetUtcNow());
        if (earlier is null)
        {
            db.MonthLocks.Add(entry);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Locked by someone else at the same moment (unique index).
            return false;
        }
    }

    /// <summary>The not-submitted list as a workbook: names, codes and phones written as text.</summary>
    public static byte[] MissingWorkbook(DateOnly month, DateOnly dueDate, IReadOnlyList<MissingRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("未提交排查");
        ExcelCells.WriteHeader(sheet, ["所属村（社区）", "单位编码", "单位名称", "类型", "网格/车间编码", "网格/车间", "网格员/联络人", "联系电话", "状态", "月份", "截止日期"]);
        var r = 2;
        foreach (var row in rows)
        {
            sheet.Cell(r, 1).SetText(row.TerritoryName ?? row.SubjectName);
            sheet.Cell(r, 2).SetText(row.SubjectCode);
            sheet.Cell(r, 3).SetText(row.SubjectName);
            sheet.Cell(r, 4).SetText(Terms.Of(row.Kind));
            sheet.Cell(r, 5).SetText(row.GridCode);
            sheet.Cell(r, 6).SetText(row.GridName ?? "（整体）");
            sheet.Cell(r, 7).SetText(row.WorkerName);
            sheet.Cell(r, 8).SetText(row.WorkerPhone);
            sheet.Cell(r, 9).SetText(row.HasDraft ? "草稿未提交" : "未填报");
            sheet.Cell(r, 10).SetText(MonthText.Format(month));
            sheet.Cell(r, 11).SetDate(dueDate);
            r++;
        }
        sheet.Column(1).Width = 16;
        sheet.Column(3).Width = 28;
        sheet.Column(6).Width = 16;
        sheet.Column(8).Width = 16;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}

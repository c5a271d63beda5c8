using ClosedXML.Excel;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Excel;
using SanLing.Infrastructure.Security;
using Microsoft.Extensions.Localization;

namespace SanLing.Web.Features.Audit;

/// <summary>
/// The town's audit trail for administrators: filtered and paged in SQL, exported as shown. The trail is
/// append-only: nothing here edits a line. AuditEntry is not town-filtered by the context, so the town is filtered here.
/// Personal fields, stored encrypted in the trail, are decrypted here: the controller serves administrators only.
/// </summary>
public sealed class AuditTrailQueries(SanLingDbContext db, TimeProvider clock, AuditFieldProtector fields, IStringLocalizer<SharedResource> l)
{
    public const int PageSize = 50;

    /// <summary>More lines than anyone reads in a workbook: narrow the filter instead.</summary>
    public const int ExportLimit = 100_000;

    public IQueryable<AuditEntry> Filtered(AuditFilter filter)
    {
        var lines = db.AuditEntries.AsNoTracking().Where(a => a.TownId == db.CurrentTownId);
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            lines = lines.Where(a => a.UserName!.Contains(user));
        }
        if (!string.IsNullOrWhiteSpace(filter.Type))
        {
            var type = filter.Type.Trim();
            lines = lines.Where(a => a.EntityType == type);
        }
        if (!string.IsNullOrWhiteSpace(filter.RecordId))
        {
            var id = filter.RecordId.Trim();
            lines = lines.Where(a => a.EntityId == id);
        }
        if (filter.Action is { } action)
        {
            lines = lines.Where(a => a.Action == action);
        }
        if (filter.From is { } from)
        {
            var start = StartOf(from);
            lines = lines.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = StartOf(to.AddDays(1));
            lines = lines.Where(a => a.At < end);
        }
        return lines;
    }

    public async Task<(IReadOnlyList<AuditTrailLine> Lines, int Total)> PageAsync(AuditFilter filter, CancellationToken ct)
    {
        var lines = Filtered(filter);
        var total = await lines.CountAsync(ct);
        var page = Shared.PageInfo.Clamp(filter.Page);
        var items = await lines
            .OrderByDescending(a => a.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(a => new AuditTrailLine(a.Id, a.At, a.UserName, a.Role, a.Action, a.EntityType, a.EntityId, a.Changes))
            .ToListAsync(ct);
        return (items.Select(Revealed).ToList(), total);
    }

    /// <summary>The record types present in the town's trail, for the filter.</summary>
    public async Task<IReadOnlyList<string>> TypesAsync(CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking().Where(a => a.TownId == db.CurrentTownId)
            .Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);

    public Task<AuditVerification?> LastVerificationAsync(CancellationToken ct) => AuditChain.LastVerificationAsync(db, ct);

    /// <summary>Checks the whole chain now and records the result in it.</summary>
    public Task<AuditVerification> VerifyNowAsync(CancellationToken ct) => AuditChain.VerifyAndRecordAsync(db, clock, ct);

    /// <summary>Writes the filtered lines, newest first, into one sheet; returns the row count.</summary>
    public async Task<int> WriteAsync(IXLWorkbook workbook, AuditFilter filter, CancellationToken ct)
    {
        var sheet = workbook.AddWorksheet("审计日志");
        ExcelCells.WriteHeader(sheet, ["序号", "时间", "用户", "角色", "操作", "记录类型", "记录编号", "内容"]);
        var row = 1;
        var lines = Filtered(filter).OrderByDescending(a => a.Id).Take(ExportLimit)
            .Select(a => new AuditTrailLine(a.Id, a.At, a.UserName, a.Role, a.Action, a.EntityType, a.EntityId, a.Changes));
        var zone = clock.LocalTimeZone;
        await foreach (var line in lines.AsAsyncEnumerable().WithCancellation(ct))
        {
            row++;
            sheet.Cell(row, 1).SetValue(line.Id);
            sheet.Cell(row, 2).SetText(TimeZoneInfo.ConvertTime(line.At, zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            sheet.Cell(row, 3).SetText(line.UserName);
            sheet.Cell(row, 4).SetText(line.Role);
            sheet.Cell(row, 5).SetText(Terms.Of(line.Action));
            sheet.Cell(row, 6).SetText(line.EntityType);
            sheet.Cell(row, 7).SetText(line.EntityId);
            sheet.Cell(row, 8).SetText(Revealed(line).Changes);
        }
        return row - 1;
    }

    private AuditTrailLine Revealed(AuditTrailLine line) => line with { Changes = fields.Reveal(line.Changes, l["（无法解密）"]) };

    private DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // In UTC, as the trail stores it: SQLite compares the stored form, which keeps the offset.
        return new DateTimeOffset(local, clock.LocalTimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}

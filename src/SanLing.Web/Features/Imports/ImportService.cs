using System.Text.Json;
using SanLing.Domain.Auditing;
using SanLing.Infrastructure.Evaluation;
using SanLing.Infrastructure.Excel;
using SanLing.Infrastructure.Security;

namespace SanLing.Web.Features.Imports;

/// <summary>Imports and exports of the templates for the current town (pages and commands share it).</summary>
public sealed class ImportService(SanLingDbContext db, TimeProvider clock, IdNumberProtector idNumbers)
{
    /// <summary>
    /// Imports, and after a successful import refreshes the current year's stored as-of run (预评) synchronously, in
    /// the same request, so the early warning and the dashboards show the imported rows at once.
    /// </summary>
    public async Task<ImportResult> ImportAsync(ExcelTemplate template, Stream upload, CancellationToken ct)
    {
        var result = await new ExcelImporter(db, clock, idNumbers).ImportAsync(template, upload, ct);
        if (result.Succeeded)
        {
            db.ChangeTracker.Clear();
            await new AsOfRefresher(db, clock).RefreshAsync(ct);
        }
        return result;
    }

    /// <summary>
    /// Writes the town's whole ledger of <paramref name="template"/>; key persons' ID numbers only in full when
    /// <paramref name="revealIdNumbers"/> (the caller decides who may). Every export is audited with its row count.
    /// </summary>
    public async Task<int> ExportAsync(ExcelTemplate template, Stream output, bool revealIdNumbers, CancellationToken ct)
    {
        var rows = await ExcelExporter.ExportTownAsync(template, db, output, new ExportOptions(revealIdNumbers, idNumbers), ct);
        await AuditChain.AppendAsync(db, clock, revealIdNumbers ? AuditAction.RevealIdNumber : AuditAction.Export, template.Key, null,
            JsonSerializer.Serialize(new { template = template.Key, rows, revealIdNumbers }), ct);
        return rows;
    }
}

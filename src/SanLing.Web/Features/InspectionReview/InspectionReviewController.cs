using SanLing.Web.Features.Inspections;

namespace SanLing.Web.Features.InspectionReview;

/// <summary>排查情况: the completeness matrix and rates (office and leadership); who has not submitted, the work list and month locks (office).</summary>
public sealed class InspectionReviewController(InspectionReviewQueries queries, InspectionReviewCommands commands, ILogger<InspectionReviewController> logger) : Shared.PortalController
{
    [HttpGet]
    [Authorize(Roles = Roles.Office + "," + Roles.Leadership)]
    public async Task<IActionResult> Index([FromQuery] MatrixFilter filter, CancellationToken ct) =>
        View(await queries.MatrixAsync(filter, User.IsInRole(Roles.Office), Request.Path, Request.QueryString, ct));

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Missing(string? month, int? territoryId, int? page, CancellationToken ct)
    {
        // Without a month: the month due now (November until 5 December), not the month just begun.
        var chosen = string.IsNullOrWhiteSpace(month) ? await queries.DueNowAsync(ct) : MonthText.Parse(month, queries.Today);
        return chosen is null ? BadRequest() : View(await queries.MissingPageAsync(chosen.Value, territoryId, page, Request.Path, Request.QueryString, ct));
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> MissingExport(string? month, int? territoryId, [FromServices] Shared.ExcelDownloadService excel, CancellationToken ct)
    {
        var chosen = MonthText.Parse(month, queries.Today);
        if (chosen is null)
        {
            return BadRequest();
        }
        var dueDate = await queries.DueDateAsync(chosen.Value, ct);
        var rows = await queries.MissingAsync(chosen.Value, territoryId, ct);
        logger.LogInformation("Export of missing inspections {Month} by {User}: {Rows} rows", MonthText.Format(chosen.Value), User.Identity?.Name, rows.Count);
        await excel.AuditAsync("MissingInspections", rows.Count, ct);
        return File(InspectionReviewCommands.MissingWorkbook(chosen.Value, dueDate, rows),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"未提交排查-{MonthText.Format(chosen.Value)}.xlsx");
    }

    /// <summary>A village's (or any subject's) grids in one month: the matrix cell of a subject with grids opens it.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> MonthGrids(int subjectId, string? month, CancellationToken ct)
    {
        var chosen = MonthText.Parse(month, queries.Today);
        if (chosen is null || string.IsNullOrWhiteSpace(month))
        {
            return BadRequest();
        }
        var page = await queries.MonthGridsAsync(subjectId, chosen.Value, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> WorkList(string? list, CancellationToken ct) => View(await queries.WorkListAsync(list, ct));

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Lock(string? month, CancellationToken ct)
    {
        var chosen = MonthText.Parse(month, queries.Today);
        if (chosen is null || string.IsNullOrWhiteSpace(month))
        {
            return BadRequest();
        }
        if (await commands.LockAsync(chosen.Value, ct))
        {
            TempData.Success(L["已锁定{0}：网格员和联络员不能再修改该月排查，综治办的更正记入审计日志。", MonthText.Display(chosen.Value)]);
        }
        else
        {
            TempData.Warning(L["{0}早已锁定。", MonthText.Display(chosen.Value)]);
        }
        return RedirectToAction(nameof(Missing), new { month = MonthText.Format(chosen.Value) });
    }
}

using SanLing.Domain.Inspections;
using SanLing.Web.Features.Inspections;

namespace SanLing.Web.Features.InspectionReview;

/// <summary>排查情况: the completeness matrix and rates (office and leadership); who has not submitted, the work list and month locks (office).</summary>
public sealed class InspectionReviewController(InspectionReviewQueries queries, PageCacheService cache, InspectionReviewCommands commands, SignOffQueries signOffQueries, SignOffCommands signOff, ILogger<InspectionReviewController> logger) : Shared.PortalController
{
    [HttpGet]
    [Authorize(Roles = Roles.Office + "," + Roles.Leadership)]
    public async Task<IActionResult> Index([FromQuery] MatrixFilter filter, [FromServices] AccessScope scope, CancellationToken ct) =>
        View(await cache.GetAsync("matrix", $"{User.IsInRole(Roles.Office)}|{scope.CacheKey}{Request.QueryString}",
            () => queries.MatrixAsync(filter, User.IsInRole(Roles.Office), Request.Path, Request.QueryString, ct), ct));

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

    /// <summary>月度审核: each subject's month (approve, one by one or a whole village) and the review queue.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> SignOff(string? month, int? territoryId, int? page, CancellationToken ct)
    {
        var chosen = string.IsNullOrWhiteSpace(month) ? await signOffQueries.LatestReviewableAsync(ct) : MonthText.Parse(month, queries.Today);
        return chosen is null ? BadRequest() : View(await signOffQueries.PageAsync(chosen.Value, territoryId, page, Request.Path, Request.QueryString, ct));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Approve(int subjectId, string? month, int? territoryId, CancellationToken ct)
    {
        var chosen = MonthText.Parse(month, queries.Today);
        if (chosen is null || string.IsNullOrWhiteSpace(month))
        {
            return BadRequest();
        }
        var result = await signOff.ApproveAsync(subjectId, chosen.Value, ct);
        if (result.Outcome == SaveOutcome.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData.Success(L["已审核通过{0}：该单位本月排查已锁定，网格员和联络员不能再修改。", MonthText.Display(chosen.Value)]);
        }
        else
        {
            TempData.Warning(L[SignOffRules.Message(result.Refusal)]);
        }
        return RedirectToAction(nameof(SignOff), new { month = MonthText.Format(chosen.Value), territoryId });
    }

    /// <summary>Approves every ready subject of a village/community (itself and the enterprises and units in it).</summary>
    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> ApproveTerritory(int territoryId, string? month, CancellationToken ct)
    {
        var chosen = MonthText.Parse(month, queries.Today);
        if (chosen is null || string.IsNullOrWhiteSpace(month))
        {
            return BadRequest();
        }
        var (approved, skipped) = await signOff.ApproveTerritoryAsync(territoryId, chosen.Value, ct);
        var reasons = string.Join(L["；"].Value, skipped.Select(k => string.Format(L["{0} 个：{1}"].Value, k.Value, L[SignOffRules.Message(k.Key)].Value)));
        if (approved > 0)
        {
            TempData.Success(L["已审核通过 {0} 个单位。", approved]);
        }
        if (skipped.Count > 0)
        {
            TempData.Warning(L["未审核通过：{0}", reasons]);
        }
        return RedirectToAction(nameof(SignOff), new { month = MonthText.Format(chosen.Value), territoryId });
    }

    /// <summary>Returns one inspection with a reason; the grid worker or liaison sees it on top of their 待办.</summary>
    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Return(ReturnInspectionForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var violations = SignOffRules.CheckReturnReason(form.Reason);
        var result = violations.Count > 0 ? null : await signOff.ReturnAsync(form.InspectionId, form.Version, form.Reason!, ct);
        if (result?.Outcome == SaveOutcome.NotFound)
        {
            return NotFound();
        }
        if (violations.Count > 0)
        {
            TempData.Warning(L.Text(violations[0]));
        }
        else if (result!.Succeeded)
        {
            TempData.Success(L["已退回，等待网格员或联络员更正后重新提交。"]);
        }
        else
        {
            TempData.Warning(result.Outcome == SaveOutcome.Stale ? L["退回失败：这份排查刚被修改过，请核对最新内容后再退回。"] : L[SignOffRules.Message(result.Refusal)]);
        }
        var unit = await signOffQueries.UnitOfAsync(form.InspectionId, ct);
        return unit is null ? RedirectToAction(nameof(SignOff)) : RedirectToAction("Edit", "Inspections", new { subjectId = unit.Value.SubjectId, gridId = unit.Value.GridId, month = MonthText.Format(unit.Value.Month) });
    }

    /// <summary>Unlocks an approved (or town-locked) month; the reason is required and goes into the audit line.</summary>
    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Unlock(UnlockForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var back = RedirectToAction(nameof(SignOff), new { month = form.Month, territoryId = form.TerritoryId });
        var violations = SignOffRules.CheckUnlockReason(form.Reason);
        if (violations.Count > 0)
        {
            TempData.Warning(L.Text(violations[0]));
            return back;
        }
        var result = await signOff.UnlockAsync(form.LockId, form.Version, form.Reason!, ct);
        if (result.Outcome == SaveOutcome.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData.Success(L["已解锁，解锁理由已记入审计日志。"]);
        }
        else
        {
            TempData.Warning(result.Outcome == SaveOutcome.Stale ? L["解锁失败：该月刚被他人审核或解锁，请刷新后再试。"] : L[SignOffRules.Message(result.Refusal)]);
        }
        return back;
    }
}

public sealed class ReturnInspectionForm
{
    public int InspectionId { get; set; }
    public Guid Version { get; set; }
    public string? Reason { get; set; }
}

public sealed class UnlockForm
{
    public int LockId { get; set; }
    public Guid Version { get; set; }
    public string? Reason { get; set; }

    /// <summary>Where the page was (month and village), to come back to.</summary>
    public string? Month { get; set; }
    public int? TerritoryId { get; set; }
}

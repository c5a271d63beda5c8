using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Excel.Templates;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Shared;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Grids;

/// <summary>网格与车间班组: office staff keep them; grid workers and liaisons read their scope; leadership has no access.</summary>
[Authorize(Roles = Roles.Office + "," + Roles.GridWorker + "," + Roles.Liaison)]
public sealed class GridsController(
    GridQueries queries,
    GridCommands commands,
    SubjectQueries subjects,
    AuditQueries audit,
    ExcelDownloadService excel,
    IValidator<GridForm> validator) : LedgerController
{
    private bool CanEdit => User.IsInRole(Roles.Office);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] GridFilter filter, CancellationToken ct)
    {
        var (rows, total) = await queries.ListAsync(filter, ct);
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), GridQueries.PageSize, total, Request.Path, Request.QueryString);
        return View(new GridListPage(filter, rows, paging, await subjects.TerritoriesAsync(ct), CanEdit));
    }

    /// <summary>The list as shown (filters and scope applied, all pages) in the import template.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] GridFilter filter, CancellationToken ct) =>
        await excel.ExportAsync("网格", nameof(Grid), workbook => GridTemplate.WriteAsync(workbook, queries.Filtered(filter), ct), ct);

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var row = await queries.RowAsync(id, ct);
        if (row is null)
        {
            return NotFound();
        }
        return View(new GridDetails(row, CanEdit, CanEdit ? await audit.ForRecordAsync(nameof(Grid), id, ct) : []));
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public IActionResult Create() => View("Edit", new GridEditor(new GridForm(), null));

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Create(GridForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(validator, form, null, ct))
        {
            return View("Edit", new GridEditor(form, null));
        }
        var id = await commands.CreateAsync(form, ct);
        TempData["Message"] = $"已新增网格 {form.Code!.Trim()}。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) =>
        await queries.RowAsync(id, ct) is { } row ? View(new GridEditor(GridQueries.FormOf(row), id)) : NotFound();

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, GridForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(validator, form, id, ct))
        {
            return View(new GridEditor(form, id));
        }
        return AfterEdit(await commands.UpdateAsync(id, form, ct), id, $"已保存网格 {form.Code!.Trim()}。", () => View(new GridEditor(form, id)));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Delete(int id, Guid version, CancellationToken ct)
    {
        var (outcome, hasInspections) = await commands.DeleteAsync(id, version, ct);
        if (hasInspections)
        {
            TempData["Error"] = "该网格已有月度排查记录，不能删除；如需调整，请修改网格员或名称。";
            return RedirectToAction(nameof(Details), new { id });
        }
        return AfterDelete(outcome, id);
    }
}

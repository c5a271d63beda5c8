using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Excel.Templates;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Shared;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Cases;

/// <summary>案件台账: office staff keep it; grid workers and liaisons read their scope; leadership has no access.</summary>
[Authorize(Roles = Roles.Office + "," + Roles.GridWorker + "," + Roles.Liaison)]
public sealed class CasesController(
    CaseQueries queries,
    CaseCommands commands,
    SubjectQueries subjects,
    AuditQueries audit,
    LedgerRulesService rules,
    ExcelDownloadService excel,
    IValidator<CaseForm> validator) : LedgerController
{
    private bool CanEdit => User.IsInRole(Roles.Office);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] CaseFilter filter, CancellationToken ct)
    {
        var (rows, total) = await queries.ListAsync(filter, ct);
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), CaseQueries.PageSize, total, Request.Path, Request.QueryString);
        return View(new CaseListPage(filter, rows, paging, await subjects.TerritoriesAsync(ct), CanEdit));
    }

    /// <summary>The list as shown (filters and scope applied, all pages) in the import template.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] CaseFilter filter, CancellationToken ct) =>
        await excel.ExportAsync("案件台账", nameof(SecurityCase), workbook => CaseTemplate.WriteAsync(workbook, queries.Filtered(filter), ct), ct);

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var row = await queries.RowAsync(id, ct);
        if (row is null)
        {
            return NotFound();
        }
        return View(new CaseDetails(row, CanEdit, CanEdit ? await audit.ForRecordAsync(nameof(SecurityCase), id, ct) : []));
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public IActionResult Create() => View("Edit", new CaseEditor(new CaseForm { OccurredOn = rules.Today }, null));

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Create(CaseForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(validator, form, null, ct))
        {
            return View("Edit", new CaseEditor(form, null));
        }
        var id = await commands.CreateAsync(form, ct);
        TempData["Message"] = $"已登记案件 {form.Number!.Trim()}。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) =>
        await queries.RowAsync(id, ct) is { } row ? View(new CaseEditor(CaseQueries.FormOf(row), id)) : NotFound();

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, CaseForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(validator, form, id, ct))
        {
            return View(new CaseEditor(form, id));
        }
        return AfterEdit(await commands.UpdateAsync(id, form, ct), id, $"已保存案件 {form.Number!.Trim()}。", () => View(new CaseEditor(form, id)));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Delete(int id, Guid version, CancellationToken ct) =>
        AfterDelete(await commands.DeleteAsync(id, version, ct), id);
}

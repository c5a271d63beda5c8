using FluentValidation;
using FluentValidation.AspNetCore;
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
    IValidator<CaseForm> validator) : Controller
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
        if (!await IsValidAsync(form, null, ct))
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
        if (await IsValidAsync(form, id, ct))
        {
            switch (await commands.UpdateAsync(id, form, ct))
            {
                case SaveOutcome.NotFound:
                    return NotFound();
                case SaveOutcome.Saved:
                    TempData["Message"] = $"已保存案件 {form.Number!.Trim()}。";
                    return RedirectToAction(nameof(Details), new { id });
                default:
                    ModelState.AddModelError("", "保存失败：该记录已被他人修改。请重新打开，核对最新内容后再保存。");
                    break;
            }
        }
        return View(new CaseEditor(form, id));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Delete(int id, Guid version, CancellationToken ct)
    {
        switch (await commands.DeleteAsync(id, version, ct))
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Stale:
                TempData["Error"] = "删除失败：该记录已被他人修改，请刷新后重试。";
                return RedirectToAction(nameof(Details), new { id });
            default:
                TempData["Message"] = "已删除。";
                return RedirectToAction(nameof(Index));
        }
    }

    private async Task<bool> IsValidAsync(CaseForm form, int? editedId, CancellationToken ct)
    {
        var context = new ValidationContext<CaseForm>(form);
        context.RootContextData[LedgerRulesService.EditedIdKey] = editedId!;
        (await validator.ValidateAsync(context, ct)).AddToModelState(ModelState);
        return ModelState.IsValid;
    }
}

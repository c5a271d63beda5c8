using SanLing.Domain.Common;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Excel.Templates;

namespace SanLing.Web.Features.Subjects;

/// <summary>单位名录: every role reads within its scope; office staff create and edit.</summary>
public sealed class SubjectsController(SubjectQueries queries, SubjectCommands commands, IValidator<SubjectForm> validator, AccessScope scope) : LedgerController
{
    private bool CanEdit => User.IsInRole(Roles.Office);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] SubjectFilter filter, CancellationToken ct)
    {
        var (items, total) = await queries.ListAsync(filter, ct);
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), SubjectQueries.PageSize, total, Request.Path, Request.QueryString);
        return View(new SubjectListPage(filter, items, paging, await queries.TerritoriesAsync(ct), CanEdit, scope.SeesPersonalData));
    }

    /// <summary>
    /// The registry as shown (filters applied, all pages) in the subjects import template, so the workbook can be edited and
    /// imported back. Office only: it carries the responsible persons' names and phones.
    /// </summary>
    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Export([FromQuery] SubjectFilter filter, [FromServices] ExcelDownloadService excel, CancellationToken ct) =>
        await excel.ExportAsync("单位名录", nameof(Subject), workbook => SubjectTemplate.WriteAsync(workbook, queries.Filtered(filter), ct), ct);

    [HttpGet]
    public async Task<IActionResult> Details(int id, [FromServices] SubjectHistoryQueries history, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, CanEdit, ct);
        if (details is null)
        {
            return NotFound();
        }
        return View(details with
        {
            History = await history.HistoryAsync(id, details.Grids.Count, details.EstablishedOn, details.DissolvedOn, HistoryAccess.For(User), ct),
        });
    }

    /// <summary>The subject picker's JSON: subjects in the user's scope by code, name or pinyin initials. Leadership fills in no forms.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Office + "," + Roles.Admin + "," + Roles.GridWorker + "," + Roles.Liaison)]
    public async Task<IActionResult> Search(string? q, CancellationToken ct)
    {
        var picks = await queries.SearchAsync(q, ct);
        return Json(picks.Select(p => new
        {
            p.Id, p.Code, p.Name,
            Kind = L[Terms.Of(p.Kind)].Value,
            Territory = p.TerritoryName,
        }));
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        View("Edit", new SubjectEditor(new SubjectForm(), null, await queries.TerritoriesAsync(ct)));

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Create(SubjectForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(validator, form, null, ct))
        {
            return View("Edit", new SubjectEditor(form, null, await queries.TerritoriesAsync(ct)));
        }
        var id = await commands.CreateAsync(form, ct);
        TempData.Success(L["已新增单位“{0}”。", form.Name!.Trim()]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var form = await queries.FormAsync(id, ct);
        return form is null ? NotFound() : View(new SubjectEditor(form, id, await queries.TerritoriesAsync(ct)));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, SubjectForm form, CancellationToken ct)
    {
        // A subject that is not there for this user (another town's) is a 404, not a form of errors.
        if (await queries.FormAsync(id, ct) is null)
        {
            return NotFound();
        }
        if (!await IsValidAsync(validator, form, id, ct))
        {
            return View(new SubjectEditor(form, id, await queries.TerritoriesAsync(ct)));
        }
        var outcome = await commands.UpdateAsync(id, form, ct);
        var territories = outcome == SaveOutcome.Stale ? await queries.TerritoriesAsync(ct) : [];
        return AfterEdit(outcome, id, L["已保存单位“{0}”。", form.Name!.Trim()], () => View(new SubjectEditor(form, id, territories)));
    }
}

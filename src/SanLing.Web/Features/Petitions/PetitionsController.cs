using System.Globalization;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Excel.Templates;
using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Petitions;

/// <summary>
/// 信访台账: office staff keep it; grid workers read their scope. Liaisons and leadership have no access: petition
/// matters and petitioners are more than their work needs (PIPL minimum necessity).
/// </summary>
[Authorize(Roles = Roles.Office + "," + Roles.GridWorker)]
public sealed class PetitionsController(
    PetitionQueries queries,
    PetitionCommands commands,
    SubjectQueries subjects,
    AuditQueries audit,
    LedgerRulesService rules,
    ExcelDownloadService excel,
    IValidator<PetitionForm> validator) : LedgerController
{
    private bool CanEdit => User.IsInRole(Roles.Office);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] PetitionFilter filter, CancellationToken ct)
    {
        var (rows, total) = await queries.ListAsync(filter, ct);
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), PetitionQueries.PageSize, total, Request.Path, Request.QueryString);
        return View(new PetitionListPage(filter, rows, paging, await subjects.TerritoriesAsync(ct), CanEdit));
    }

    /// <summary>The list as shown (filters and scope applied, all pages) in the import template.</summary>
    [HttpGet]
    public async Task<IActionResult> Export([FromQuery] PetitionFilter filter, CancellationToken ct) =>
        await excel.ExportAsync("信访台账", nameof(Petition), workbook => PetitionTemplate.WriteAsync(workbook, queries.Filtered(filter), ct), ct);

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, CanEdit, (type, key) => audit.ForRecordAsync(type, key, ct), ct);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        View("Edit", new PetitionEditor(new PetitionForm { FiledOn = rules.Today, Number = await rules.NextNumberAsync<Petition>(RecordNumbers.Petition, ct) }, null));

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Create(PetitionForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(validator, form, null, ct))
        {
            return View("Edit", new PetitionEditor(form, null));
        }
        var id = await SaveUniqueAsync<int?>(async () => await commands.CreateAsync(form, ct), nameof(form.Number), L["编号“{0}”已存在", form.Number!.Trim()]);
        if (id is null)
        {
            return View("Edit", new PetitionEditor(form, null));
        }
        TempData.Success(L["已登记信访 {0}。", form.Number!.Trim()]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var form = await queries.FormAsync(id, ct);
        return form is null ? NotFound() : View(new PetitionEditor(form, id));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, PetitionForm form, CancellationToken ct)
    {
        // A record that is not there for this user (another town's) is a 404, not a form of errors.
        if (await queries.FormAsync(id, ct) is null)
        {
            return NotFound();
        }
        if (!await IsValidAsync(validator, form, id, ct))
        {
            return View(new PetitionEditor(form, id));
        }
        var outcome = await SaveUniqueAsync<SaveOutcome?>(async () => await commands.UpdateAsync(id, form, ct), nameof(form.Number), L["编号“{0}”已存在", form.Number!.Trim()]);
        if (outcome is null)
        {
            return View(new PetitionEditor(form, id));
        }
        return AfterEdit(outcome.Value, id, L["已保存信访 {0}。", form.Number!.Trim()], () => View(new PetitionEditor(form, id)));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Resolve(int id, ResolveForm form, CancellationToken ct)
    {
        var day = form.ResolvedOn ?? rules.Today;
        if (day > rules.Today)
        {
            TempData.Danger(L["化解日期不能晚于今天。"]);
            return RedirectToAction(nameof(Details), new { id });
        }
        return AfterQuickChange(await commands.ResolveAsync(id, day, form.Version, ct), id, L["已标记为已化解（{0}）。", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Delete(int id, Guid version, CancellationToken ct) =>
        AfterDelete(await commands.DeleteAsync(id, version, ct), id);
}

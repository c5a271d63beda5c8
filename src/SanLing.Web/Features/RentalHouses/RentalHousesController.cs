using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.RentalHouses;

/// <summary>
/// 出租屋: office staff keep the whole town; grid workers create and edit those of their village/community (the
/// subject must be in their scope); liaisons read their own subject. Leadership has no access.
/// </summary>
[Authorize(Roles = Roles.Office + "," + Roles.GridWorker + "," + Roles.Liaison)]
public sealed class RentalHousesController(
    RentalHouseQueries queries,
    RentalHouseCommands commands,
    SubjectQueries subjects,
    AuditQueries audit,
    IValidator<RentalHouseForm> validator) : LedgerController
{
    private const string Editors = Roles.Office + "," + Roles.GridWorker;

    private bool CanEdit => User.IsInRole(Roles.Office) || User.IsInRole(Roles.GridWorker);

    private bool CanDelete => User.IsInRole(Roles.Office);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] RentalHouseFilter filter, CancellationToken ct)
    {
        var (rows, total) = await queries.ListAsync(filter, ct);
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), RentalHouseQueries.PageSize, total, Request.Path, Request.QueryString);
        return View(new RentalHouseListPage(filter, rows, paging, await subjects.TerritoriesAsync(ct), CanEdit, await queries.UnregisteredCountAsync(ct)));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        if (await queries.DetailsAsync(id, ct) is not { } found)
        {
            return NotFound();
        }
        var history = CanDelete ? await audit.ForRecordAsync(nameof(Domain.KeyPopulations.RentalHouse), id, ct) : [];
        return View(new RentalHouseDetails(found.Row, found.SubjectId, found.Version, CanEdit, CanDelete, history));
    }

    [HttpGet]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        View("Edit", new RentalHouseEditor(new RentalHouseForm { Number = await queries.NextNumberAsync(ct) }, null));

    [HttpPost]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> Create(RentalHouseForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(validator, form, null, ct))
        {
            return View("Edit", new RentalHouseEditor(form, null));
        }
        var id = await commands.CreateAsync(form, ct);
        TempData.Success(L["已登记出租屋 {0}。", form.Number!.Trim()]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var form = await queries.FormAsync(id, ct);
        return form is null ? NotFound() : View(new RentalHouseEditor(form, id));
    }

    [HttpPost]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> Edit(int id, RentalHouseForm form, CancellationToken ct)
    {
        // A house outside the grid worker's village is not there for them: 404, as when they open it, not a form of errors.
        if (await queries.FormAsync(id, ct) is null)
        {
            return NotFound();
        }
        if (!await IsValidAsync(validator, form, id, ct))
        {
            return View(new RentalHouseEditor(form, id));
        }
        return AfterEdit(await commands.UpdateAsync(id, form, ct), id, L["已保存出租屋 {0}。", form.Number!.Trim()], () => View(new RentalHouseEditor(form, id)));
    }

    [HttpPost]
    [Authorize(Roles = Editors)]
    public async Task<IActionResult> Register(int id, Guid version, CancellationToken ct)
    {
        return AfterQuickChange(await commands.RegisterAsync(id, version, ct), id, L["已登记备案（登记日期为今天）。"]);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Delete(int id, Guid version, CancellationToken ct) =>
        AfterDelete(await commands.DeleteAsync(id, version, ct), id);
}

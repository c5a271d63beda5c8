using SanLing.Domain.Standards;

namespace SanLing.Web.Features.RuleSets;

/// <summary>
/// 评定细则: office staff and admins view the town's rule sets (its own and its copies of the county's) and derive a
/// new year's from one, unless the town's county keeps every town on the county's sets.
/// </summary>
[Authorize(Roles = Roles.Office + "," + Roles.Admin)]
public sealed class RuleSetsController(RuleSetQueries queries, RuleSetCommands commands, IValidator<DeriveForm> validator) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await queries.ListAsync(ct));

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, await queries.TownMayDeriveAsync(ct), ct);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    public async Task<IActionResult> Derive(int id, CancellationToken ct)
    {
        if (!await queries.TownMayDeriveAsync(ct))
        {
            return await VariantsRefusedAsync(id, ct);
        }
        var editor = await queries.DeriveEditorAsync(id, null, ct);
        return editor is null ? NotFound() : View(editor);
    }

    [HttpPost]
    public async Task<IActionResult> Derive(int id, DeriveForm form, CancellationToken ct)
    {
        if (!await queries.TownMayDeriveAsync(ct))
        {
            return await VariantsRefusedAsync(id, ct);
        }
        (await validator.ValidateAsync(form, ct)).AddTo(ModelState);
        if (ModelState.IsValid)
        {
            var created = await commands.DeriveAsync(id, form, ct);
            if (created is null)
            {
                return NotFound();
            }
            TempData.Success(L["已建立“{0}”。", form.Name!.Trim()]);
            return RedirectToAction(nameof(Details), new { id = created });
        }
        var editor = await queries.DeriveEditorAsync(id, form, ct);
        return editor is null ? NotFound() : View(editor);
    }

    /// <summary>The set's page with why no variant may be made; a set that is not there (another town's) is a 404.</summary>
    private async Task<IActionResult> VariantsRefusedAsync(int id, CancellationToken ct)
    {
        if (await queries.DetailsAsync(id, false, ct) is null)
        {
            return NotFound();
        }
        Flash.Warning(TempData, L[RuleSetChoice.VariantsNotAllowed]);
        return RedirectToAction(nameof(Details), new { id });
    }
}

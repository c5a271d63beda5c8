namespace SanLing.Web.Features.RuleSets;

/// <summary>评定细则: office staff and admins view rule sets and derive a new year's from one.</summary>
[Authorize(Roles = Roles.Office + "," + Roles.Admin)]
public sealed class RuleSetsController(RuleSetQueries queries, RuleSetCommands commands, IValidator<DeriveForm> validator) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await queries.ListAsync(ct));

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, true, ct);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    public async Task<IActionResult> Derive(int id, CancellationToken ct)
    {
        var editor = await queries.DeriveEditorAsync(id, null, ct);
        return editor is null ? NotFound() : View(editor);
    }

    [HttpPost]
    public async Task<IActionResult> Derive(int id, DeriveForm form, CancellationToken ct)
    {
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
}

using SanLing.Web.Features.Audit;
using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.KeyPersons;

/// <summary>
/// 重点人员: office staff keep the ledger; grid workers read their village/community and add follow-ups. Liaisons
/// (enterprise staff) and leadership have no access (PIPL minimum necessity). ID numbers are masked; revealing one is an
/// audited POST (office only).
/// </summary>
[Authorize(Roles = Roles.Office + "," + Roles.GridWorker)]
public sealed class KeyPersonsController(
    KeyPersonQueries queries,
    KeyPersonCommands commands,
    SubjectQueries subjects,
    AuditQueries audit,
    LedgerRulesService rules,
    IValidator<KeyPersonForm> validator,
    IValidator<FollowUpForm> followUpValidator) : LedgerController
{
    private bool CanEdit => User.IsInRole(Roles.Office);

    private KeyPersonRights Rights => new(CanEdit, CanEdit || User.IsInRole(Roles.GridWorker), CanEdit);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] KeyPersonFilter filter, CancellationToken ct)
    {
        var (rows, total) = await queries.ListAsync(filter, ct);
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), KeyPersonQueries.PageSize, total, Request.Path, Request.QueryString);
        return View(new LedgerListPage<KeyPersonFilter, KeyPersonRow>(filter, rows, paging, await subjects.TerritoriesAsync(ct), CanEdit));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var details = await DetailsAsync(id, new FollowUpForm { VisitedOn = rules.Today, VisitedBy = User.FindFirst(SanLingClaims.DisplayName)?.Value ?? User.Identity?.Name }, ct);
        return details is null ? NotFound() : View(details);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office + "," + Roles.GridWorker)]
    public async Task<IActionResult> FollowUp(int id, FollowUpForm form, CancellationToken ct)
    {
        (await followUpValidator.ValidateAsync(form, ct)).AddTo(ModelState);
        if (!ModelState.IsValid)
        {
            var details = await DetailsAsync(id, form, ct);
            return details is null ? NotFound() : View(nameof(Details), details);
        }
        if (await commands.AddFollowUpAsync(id, form, ct) == SaveOutcome.NotFound)
        {
            return NotFound();
        }
        TempData.Success(L["已添加帮教记录。"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Reveal(int id, CancellationToken ct)
    {
        var revealed = await commands.RevealAsync(id, ct);
        if (revealed is null)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "no-store";
        return View(revealed);
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public IActionResult Create() =>
        View("Edit", new KeyPersonEditor(new KeyPersonForm { ListedOn = rules.Today }, null, null));

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Create(KeyPersonForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(validator, form, null, ct))
        {
            return View("Edit", new KeyPersonEditor(form, null, null));
        }
        var id = await commands.CreateAsync(form, ct);
        TempData.Success(L["已登记重点人员 {0}。", form.Number!.Trim()]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var editor = await queries.EditorAsync(id, ct);
        return editor is null ? NotFound() : View(editor);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Edit(int id, KeyPersonForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(validator, form, id, ct))
        {
            return await FormAgainAsync(id, form, ct);
        }
        var outcome = await commands.UpdateAsync(id, form, ct);
        var masked = outcome == SaveOutcome.Stale ? await queries.MaskedAsync(id, ct) : null;
        return AfterEdit(outcome, id, L["已保存重点人员 {0}。", form.Number!.Trim()], () => View(new KeyPersonEditor(form, id, masked)));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Delete(int id, Guid version, CancellationToken ct) =>
        AfterDelete(await commands.DeleteAsync(id, version, ct), id);

    /// <summary>The edit form again with its messages, showing the masked number on file.</summary>
    private async Task<IActionResult> FormAgainAsync(int id, KeyPersonForm form, CancellationToken ct) =>
        await queries.MaskedAsync(id, ct) is { } masked ? View(new KeyPersonEditor(form, id, masked)) : NotFound();

    /// <summary>The details page model; each opening is audited.</summary>
    private async Task<KeyPersonDetails?> DetailsAsync(int id, FollowUpForm newFollowUp, CancellationToken ct)
    {
        if (await queries.DetailsAsync(id, ct) is not { } found)
        {
            return null;
        }
        await commands.RecordViewAsync(id, ct);
        var history = CanEdit ? await audit.ForRecordAsync(nameof(Domain.KeyPopulations.KeyPerson), id, ct) : [];
        return new KeyPersonDetails(found.Row, found.SubjectId, found.Plan, found.Version, found.FollowUps, Rights, newFollowUp, history);
    }
}

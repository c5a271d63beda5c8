namespace SanLing.Web.Features.CountyRuleSets;

/// <summary>
/// 县级评定细则: the county center publishes a rule set for a year (from the 2020 catalogue or an earlier county set),
/// which every town of the county uses, corrects a published set by a revision (修订), and decides whether towns may use
/// variants of their own.
/// </summary>
[Authorize(Roles = Roles.CountyCenter)]
public sealed class CountyRuleSetsController(CountyRuleSetQueries queries, CountyRuleSetCommands commands, IValidator<PublishForm> validator,
    IValidator<ReviseForm> reviseValidator) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var page = CountyReading.CountyOf(User) is { } county ? await queries.IndexAsync(county, ct) : null;
        return page is null ? NotFound() : View(page);
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var details = CountyReading.CountyOf(User) is { } county ? await queries.DetailsAsync(county, id, ct) : null;
        return details is null ? NotFound() : View(details);
    }

    /// <summary>The publish page, from a county set (id) or from the 2020 catalogue (no id).</summary>
    [HttpGet]
    public async Task<IActionResult> Publish(int? id, CancellationToken ct)
    {
        var editor = CountyReading.CountyOf(User) is { } county ? await queries.PublishEditorAsync(county, id, null, ct) : null;
        return editor is null ? NotFound() : View(editor);
    }

    [HttpPost, CountyMayPost]
    public async Task<IActionResult> Publish(int? id, PublishForm form, CancellationToken ct)
    {
        if (CountyReading.CountyOf(User) is not { } county)
        {
            return NotFound();
        }
        (await validator.ValidateAsync(form, ct)).AddTo(ModelState);
        if (ModelState.IsValid)
        {
            var (outcome, created) = await commands.PublishAsync(county, id, form, ct);
            switch (outcome)
            {
                case SaveOutcome.NotFound:
                    return NotFound();
                case SaveOutcome.Saved:
                    TempData.Success(L["已发布“{0}”，本县各乡镇自 {1} 年起使用。", form.Name!.Trim(), form.Year!.Value]);
                    return RedirectToAction(nameof(Details), new { id = created });
                default:
                    ModelState.AddModelError(nameof(form.Year), L[CountyRuleSetCommands.YearTaken]);
                    break;
            }
        }
        var editor = await queries.PublishEditorAsync(county, id, form, ct);
        return editor is null ? NotFound() : View(editor);
    }

    /// <summary>The revise page of the year's set in force; a set since revised leads to its page, which names the revision in force.</summary>
    [HttpGet]
    public async Task<IActionResult> Revise(int id, CancellationToken ct)
    {
        var editor = CountyReading.CountyOf(User) is { } county ? await queries.ReviseEditorAsync(county, id, null, ct) : null;
        if (editor is null)
        {
            return NotFound();
        }
        if (!editor.Current.IsCurrent)
        {
            Flash.Warning(TempData, L["该细则已被修订，只能修订现行的一版。"]);
            return RedirectToAction(nameof(Details), new { id = editor.Current.SupersededById });
        }
        return View(editor);
    }

    [HttpPost, CountyMayPost]
    public async Task<IActionResult> Revise(int id, ReviseForm form, CancellationToken ct)
    {
        if (CountyReading.CountyOf(User) is not { } county)
        {
            return NotFound();
        }
        (await reviseValidator.ValidateAsync(form, ct)).AddTo(ModelState);
        if (ModelState.IsValid)
        {
            var (outcome, created) = await commands.ReviseAsync(county, id, form, ct);
            switch (outcome)
            {
                case SaveOutcome.NotFound:
                    return NotFound();
                case SaveOutcome.Saved:
                    TempData.Success(L["已发布修订，本县各乡镇此后的评定使用此修订。"]);
                    return RedirectToAction(nameof(Details), new { id = created });
                case SaveOutcome.Stale:
                    Flash.Warning(TempData, L[CountyRuleSetCommands.RevisedMeanwhile]);
                    return RedirectToAction(nameof(Details), new { id });
                default:
                    ModelState.AddModelError("", L[CountyRuleSetCommands.NothingToRevise]);
                    break;
            }
        }
        var editor = await queries.ReviseEditorAsync(county, id, form, ct);
        return editor is null ? NotFound() : View(editor);
    }

    [HttpPost, CountyMayPost]
    public async Task<IActionResult> Variants(VariantsForm form, CancellationToken ct)
    {
        if (CountyReading.CountyOf(User) is not { } county)
        {
            return NotFound();
        }
        switch (await commands.SetVariantsAsync(county, form, ct))
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Stale:
                Flash.Warning(TempData, L["本县设置已被他人修改，请查看后重试。"]);
                break;
            case SaveOutcome.Saved:
                TempData.Success(form.Allow ? L["已允许乡镇使用自定评定细则。"] : L["各乡镇统一使用县级评定细则。"]);
                break;
        }
        return RedirectToAction(nameof(Index));
    }
}

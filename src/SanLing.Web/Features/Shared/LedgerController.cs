namespace SanLing.Web.Features.Shared;

/// <summary>
/// What every ledger controller does the same way: validate a form (knowing which record is being edited, for
/// uniqueness rules), and turn a save or delete outcome into the answer the user sees.
/// </summary>
public abstract class LedgerController : PortalController
{
    protected const string StaleMessage = "保存失败：该记录已被他人修改。请重新打开，核对最新内容后再保存。";

    protected async Task<bool> IsValidAsync<TForm>(IValidator<TForm> validator, TForm form, int? editedId, CancellationToken ct)
    {
        var context = new ValidationContext<TForm>(form);
        context.RootContextData[LedgerRulesService.EditedIdKey] = editedId!;
        (await validator.ValidateAsync(context, ct)).AddTo(ModelState);
        return ModelState.IsValid;
    }

    /// <summary>
    /// Runs a save guarded by a unique index (a record number). The validator found the number free, but another user
    /// may have saved the same one since (two offices creating at once): the index refuses this save, nothing is
    /// written, and the form comes back with <paramref name="duplicateMessage"/> on <paramref name="field"/>, as when
    /// the validator itself had found the number taken. Null then; otherwise the save's result.
    /// </summary>
    protected async Task<T?> SaveUniqueAsync<T>(Func<Task<T>> save, string field, string duplicateMessage)
    {
        try
        {
            return await save();
        }
        catch (DbUpdateException e) when (DatabaseFailure.IsUniqueViolation(e))
        {
            ModelState.AddModelError(field, duplicateMessage);
            return default;
        }
    }

    /// <summary>Saved → the details page with <paramref name="savedMessage"/> (already in the user's language); stale → the form again with a message; gone → 404.</summary>
    protected IActionResult AfterEdit(SaveOutcome outcome, int id, string savedMessage, Func<IActionResult> showFormAgain)
    {
        switch (outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                TempData.Success(savedMessage);
                return RedirectToAction("Details", new { id });
            default:
                ModelState.AddModelError("", L[StaleMessage]);
                return showFormAgain();
        }
    }

    /// <summary>A one-tap change on the details page (已化解, 登记备案…): back to the page with what happened.</summary>
    protected IActionResult AfterQuickChange(SaveOutcome outcome, int id, string doneMessage)
    {
        if (outcome == SaveOutcome.NotFound)
        {
            return NotFound();
        }
        if (outcome == SaveOutcome.Saved)
        {
            TempData.Success(doneMessage);
        }
        else
        {
            TempData.Danger(L["操作失败：该记录已被他人修改，请刷新后重试。"]);
        }
        return RedirectToAction("Details", new { id });
    }

    /// <summary>Deleted → the list; stale or refused (<paramref name="refusedMessage"/>) → the details page, saying why.</summary>
    protected IActionResult AfterDelete(SaveOutcome outcome, int id, string? refusedMessage = null)
    {
        switch (outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                TempData.Success(L["已删除。"]);
                return RedirectToAction("Index");
            case SaveOutcome.Refused when refusedMessage is not null:
                TempData.Danger(refusedMessage);
                return RedirectToAction("Details", new { id });
            default:
                TempData.Danger(L["删除失败：该记录已被他人修改，请刷新后重试。"]);
                return RedirectToAction("Details", new { id });
        }
    }
}

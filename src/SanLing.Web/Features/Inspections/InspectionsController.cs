using System.Security.Claims;
using SanLing.Domain.Common;

namespace SanLing.Web.Features.Inspections;

/// <summary>本月排查: grid workers and liaisons submit their units' monthly inspection and follow up open findings; office staff correct.</summary>
[Authorize(Roles = Roles.GridWorker + "," + Roles.Liaison + "," + Roles.Office)]
public sealed class InspectionsController(InspectionQueries queries, InspectionCommands commands, IValidator<InspectionForm> validator, IValidator<FollowUpForm> followUpValidator) : PortalController
{
    private bool IsOffice => User.IsInRole(Roles.Office);

    [HttpGet]
    [Authorize(Roles = Roles.GridWorker + "," + Roles.Liaison)]
    public async Task<IActionResult> Index(string? month, CancellationToken ct)
    {
        var chosen = MonthText.Parse(month, queries.Today);
        return chosen is null ? BadRequest() : View(await queries.IndexAsync(chosen.Value, ct));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int subjectId, int? gridId, string? month, CancellationToken ct)
    {
        var chosen = MonthText.Parse(month, queries.Today);
        if (chosen is null)
        {
            return BadRequest();
        }
        var unit = await queries.UnitAsync(subjectId, gridId, ct);
        if (unit is null)
        {
            return NotFound();
        }
        var inspector = IsOffice ? unit.WorkerName : User.FindFirstValue(SanLingClaims.DisplayName)?.Replace("网格员 ", "", StringComparison.Ordinal);
        var (form, _, _) = await queries.FormAsync(unit, chosen.Value, inspector, ct);
        return View(await EditorAsync(unit, chosen.Value, form, ct));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(InspectionForm form, CancellationToken ct)
    {
        var month = MonthText.Parse(form.Month, queries.Today);
        if (month is null)
        {
            // A future month or a malformed one: nothing to save.
            return BadRequest();
        }
        var unit = await queries.UnitAsync(form.SubjectId, form.GridId, ct);
        if (unit is null)
        {
            return NotFound();
        }
        if (form.Command == InspectionForm.AddRow)
        {
            ModelState.Clear();
            form.Findings.Add(new FindingForm());
            return View(await EditorAsync(unit, month.Value, form, ct));
        }
        var result = await validator.ValidateAsync(form, ct);
        result.AddTo(ModelState);
        if (ModelState.IsValid)
        {
            var submit = form.Command == InspectionForm.Submit;
            switch (await commands.SaveAsync(unit, month.Value, form, submit, IsOffice, ct))
            {
                case SaveOutcome.Saved:
                    TempData.Success(submit
                        ? L["已提交“{0}”{1}的排查。", unit.Title, MonthText.Display(month.Value)]
                        : L["已保存“{0}”{1}的排查。", unit.Title, MonthText.Display(month.Value)]);
                    return IsOffice
                        ? RedirectToAction(nameof(Edit), new { subjectId = unit.SubjectId, gridId = unit.GridId, month = MonthText.Format(month.Value) })
                        : RedirectToAction(nameof(Index), new { month = MonthText.Format(month.Value) });
                case SaveOutcome.Locked:
                    ModelState.AddModelError("", L["{0}已由综治办审核锁定，不能再修改。如需更正，请联系综治办。", MonthText.Display(month.Value)]);
                    break;
                case SaveOutcome.Stale:
                    ModelState.AddModelError("", L["保存失败：这份排查已被他人修改。请重新打开，核对最新内容后再保存。"]);
                    break;
                default:
                    return NotFound();
            }
        }
        return View(await EditorAsync(unit, month.Value, form, ct));
    }

    [HttpGet]
    public async Task<IActionResult> Todo(int? page, CancellationToken ct)
    {
        var current = PageInfo.Clamp(page);
        var (items, total) = await queries.TodoAsync(current, ct);
        return View(new TodoPage(items, queries.Today, new PageInfo(current, InspectionQueries.TodoPageSize, total, Request.Path, Request.QueryString)));
    }

    [HttpPost]
    public async Task<IActionResult> FollowUp(int id, FollowUpForm form, CancellationToken ct)
    {
        var result = await followUpValidator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            TempData.Danger(string.Join(L["；"].Value, result.Errors.Select(e => e.ErrorMessage)));
            return RedirectToAction(nameof(Todo));
        }
        var (outcome, error) = await commands.FollowUpAsync(id, form, ct);
        if (outcome == SaveOutcome.NotFound)
        {
            return NotFound();
        }
        if (outcome == SaveOutcome.Saved)
        {
            TempData.Success(L["已标记为“{0}”。", L[Terms.Of(form.Outcome!.Value)]]);
        }
        else
        {
            TempData.Danger(error is null ? "" : L[error]);
        }
        return RedirectToAction(nameof(Todo));
    }

    private async Task<InspectionEditor> EditorAsync(InspectionUnit unit, DateOnly month, InspectionForm form, CancellationToken ct)
    {
        var (_, status, isLate) = await queries.FormAsync(unit, month, null, ct);
        var dueDate = MonthPeriod.DueDate(month, await queries.DueDayAsync(ct));
        return new InspectionEditor(unit, month, dueDate, await queries.IsLockedAsync(month, ct), IsOffice, status, isLate, form);
    }
}

using System.Security.Claims;
using SanLing.Domain.Common;
using SanLing.Domain.Inspections;
using SanLing.Web.Features.Photos;

namespace SanLing.Web.Features.Inspections;

/// <summary>本月排查: grid workers and liaisons submit their units' monthly inspection and follow up open findings; office staff correct.</summary>
[Authorize(Roles = Roles.GridWorker + "," + Roles.Liaison + "," + Roles.Office)]
public sealed class InspectionsController(InspectionQueries queries, InspectionCommands commands, PhotoUploadService photos, IValidator<InspectionForm> validator, IValidator<FollowUpForm> followUpValidator) : PortalController
{
    private bool IsOffice => User.IsInRole(Roles.Office);

    /// <summary>The offline queue of inspections.js posts with Accept: application/json and reads the answer.</summary>
    private bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    [HttpGet]
    [Authorize(Roles = Roles.GridWorker + "," + Roles.Liaison)]
    public async Task<IActionResult> Index(string? month, CancellationToken ct)
    {
        // Without a month the page opens on the month due now (last month until its due day), not the calendar month.
        var chosen = string.IsNullOrWhiteSpace(month)
            ? MonthPeriod.DueNow(queries.Today, await queries.DueDayAsync(ct))
            : MonthText.Parse(month, queries.Today);
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
        form.SubmissionKey = Guid.NewGuid().ToString("N");
        return View(await EditorAsync(unit, chosen.Value, form, ct));
    }

    [HttpPost]
    [RequestSizeLimit(PhotoRules.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = PhotoRules.MaxRequestBytes)]
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
            await StagePhotosAsync(form, ct);
        }
        if (ModelState.IsValid)
        {
            var submit = form.Command == InspectionForm.Submit;
            var staged = form.Findings.SelectMany(f => f.Staged).ToList();
            SaveOutcome outcome;
            try
            {
                outcome = await commands.SaveAsync(unit, month.Value, form, submit, IsOffice, ct);
            }
            catch
            {
                photos.Discard(staged);
                throw;
            }
            if (outcome != SaveOutcome.Saved)
            {
                photos.Discard(staged);
            }
            if (outcome is SaveOutcome.Saved or SaveOutcome.Unchanged)
            {
                var received = outcome == SaveOutcome.Unchanged;
                var message = received
                    ? string.Format(L["“{0}”{1}的排查已经收到，这次没有重复保存。"].Value, unit.Title, MonthText.Display(month.Value))
                    : string.Format(L[submit ? "已提交“{0}”{1}的排查。" : "已保存“{0}”{1}的排查。"].Value, unit.Title, MonthText.Display(month.Value));
                var next = IsOffice
                    ? Url.Action(nameof(Edit), new { subjectId = unit.SubjectId, gridId = unit.GridId, month = MonthText.Format(month.Value) })
                    : Url.Action(nameof(Index), new { month = MonthText.Format(month.Value) });
                if (received)
                {
                    TempData.Warning(message);
                }
                else
                {
                    TempData.Success(message);
                }
                return WantsJson
                    ? Json(new { status = received ? "duplicate" : "received", message, next })
                    : Redirect(next!);
            }
            switch (outcome)
            {
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
        if (WantsJson)
        {
            // The queued post was refused: the page posts the form again normally to show the messages beside the fields.
            var errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
            return UnprocessableEntity(new { status = "refused", message = string.Join("；", errors) });
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

    /// <param name="returnUrl">Where the follow-up was made (the 待办 list, or an inspection form's 上月未办结); local only.</param>
    [HttpPost]
    [RequestSizeLimit(PhotoRules.MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = PhotoRules.MaxRequestBytes)]
    public async Task<IActionResult> FollowUp(int id, FollowUpForm form, string? returnUrl, CancellationToken ct)
    {
        IActionResult Back() => Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction(nameof(Todo));
        var result = await followUpValidator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            TempData.Danger(string.Join(L["；"].Value, result.Errors.Select(e => e.ErrorMessage)));
            return Back();
        }
        var (checkedPhotos, refusals) = await photos.CheckAsync(form.AfterPhotos.Select(f => (f, PhotoStage.After)), form.RecordLocation, ct);
        if (refusals.Count > 0)
        {
            TempData.Danger(string.Join(L["；"].Value, refusals));
            return Back();
        }
        var staged = await photos.WriteAsync(checkedPhotos, ct);
        SaveOutcome outcome;
        string? error;
        try
        {
            (outcome, error) = await commands.FollowUpAsync(id, form, staged, ct);
        }
        catch
        {
            photos.Discard(staged);
            throw;
        }
        if (outcome != SaveOutcome.Saved)
        {
            photos.Discard(staged);
        }
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
        return Back();
    }

    /// <summary>
    /// Checks every photo of the form (all before any is written); a refused one is named beside its finding and
    /// nothing is written. Accepted photos are written and attached to their rows for the save to record.
    /// </summary>
    private async Task StagePhotosAsync(InspectionForm form, CancellationToken ct)
    {
        var rows = form.Findings.Select((row, index) => (row, index)).Where(r => !r.row.IsBlank && !r.row.Remove).ToList();
        if (rows.Sum(r => r.row.Photos.Count + r.row.AfterPhotos.Count) > PhotoRules.MaxPerPost)
        {
            ModelState.AddModelError("", L["一次最多上传 {0} 张照片，请分几次上传。", PhotoRules.MaxPerPost]);
            return;
        }
        var accepted = new List<(FindingForm Row, IReadOnlyList<(PhotoStage Stage, Infrastructure.Photos.ProcessedPhoto Photo)> Photos)>();
        foreach (var (row, index) in rows)
        {
            var (checkedPhotos, refusals) = await photos.CheckAsync(row.Uploads, form.RecordLocation, ct);
            foreach (var refusal in refusals)
            {
                ModelState.AddModelError($"Findings[{index}].Photos", refusal);
            }
            accepted.Add((row, checkedPhotos));
        }
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError("", L["有照片未被接受（见下方说明），这次什么也没有保存。请重新选择照片后再提交。"]);
            return;
        }
        foreach (var (row, checkedPhotos) in accepted)
        {
            row.Staged.AddRange(await photos.WriteAsync(checkedPhotos, ct));
        }
    }

    private async Task<InspectionEditor> EditorAsync(InspectionUnit unit, DateOnly month, InspectionForm form, CancellationToken ct)
    {
        await queries.FillSavedPhotosAsync(form.Findings, ct);
        var (_, status, isLate) = await queries.FormAsync(unit, month, null, ct);
        var dueDate = MonthPeriod.DueDate(month, await queries.DueDayAsync(ct));
        var carried = await queries.CarriedAsync(unit, month, ct);
        var locked = await queries.IsLockedAsync(unit.SubjectId, month, ct);
        var review = await queries.ReviewAsync(unit, month, ct);
        return new InspectionEditor(unit, month, dueDate, locked, IsOffice, status, isLate, form, carried, queries.Today)
        {
            Review = review,
            CanReturn = review is not null && status is { } s
                && SignOffRules.CanReturn(IsOffice, month, s, review.State, locked, queries.Today, await queries.DueDayAsync(ct)) == SignOffRefusal.None,
        };
    }
}

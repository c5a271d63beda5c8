using SanLing.Web.Features.Subjects;

namespace SanLing.Web.Features.Attestations;

/// <summary>年度评定: office staff judge the attested (A) items of each subject for a year, with evidence files.</summary>
[Authorize(Roles = Roles.Office)]
public sealed class AttestationsController(
    AttestationQueries queries,
    AttestationCommands commands,
    SubjectQueries subjects,
    EvidenceStorageService storage,
    LedgerRulesService rules,
    IValidator<AttestationForm> validator) : PortalController
{
    private bool IsYearAllowed(int year) => year >= 2000 && year <= rules.Today.Year + 1;

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] AttestationFilter filter, CancellationToken ct)
    {
        var year = filter.Year ?? rules.Today.Year;
        if (!IsYearAllowed(year))
        {
            return NotFound();
        }
        var ruleSet = await queries.RuleSetForAsync(year, ct);
        var (rows, total) = ruleSet is { } found ? await queries.ProgressAsync(filter, year, found.Items, ct) : ([], 0);
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), AttestationQueries.PageSize, total, Request.Path, Request.QueryString);
        return View(new AttestationListPage(filter, year, ruleSet?.Name, rows, paging, await subjects.TerritoriesAsync(ct)));
    }

    [HttpGet]
    public async Task<IActionResult> Grid(int id, int? year, CancellationToken ct)
    {
        var y = year ?? rules.Today.Year;
        var page = IsYearAllowed(y) ? await queries.GridAsync(id, y, ct) : null;
        return page is null ? NotFound() : View(page);
    }

    [HttpPost]
    [RequestSizeLimit(30 * 1024 * 1024)]
    public async Task<IActionResult> Grid(int id, int year, AttestationForm form, CancellationToken ct)
    {
        var page = IsYearAllowed(year) ? await queries.GridAsync(id, year, ct) : null;
        if (page is null)
        {
            return NotFound();
        }
        var items = page.Lines.ToDictionary(l => l.Item.Code, l => l.Item);
        var context = new ValidationContext<AttestationForm>(form);
        context.RootContextData[AttestationFormValidator.ItemsKey] = items;
        (await validator.ValidateAsync(context, ct)).AddTo(ModelState);
        if (ModelState.IsValid)
        {
            var outcome = await commands.SaveGridAsync(id, year, form, items, ct);
            if (outcome == SaveOutcome.NotFound)
            {
                return NotFound();
            }
            if (outcome == SaveOutcome.Saved)
            {
                TempData.Success(L["已保存 {0} {1} 年度评定。", page.SubjectName, year]);
                return RedirectToAction(nameof(Grid), new { id, year });
            }
            ModelState.AddModelError("", L["保存失败：本页的评定已被他人修改。请重新打开，核对最新内容后再保存。"]);
        }
        return View(WithPosted(page, form));
    }

    /// <summary>
    /// 批量评定 in one post: the ticked subjects, or every subject the filter finds, get 达标 on each A item not yet
    /// judged; judgements on file stay. Back to the overview with how many were set and left alone; the exceptions
    /// are then marked on each subject's grid.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Bulk(BulkAttestationForm form, CancellationToken ct)
    {
        var back = RedirectToAction(nameof(Index), new { year = form.Year, q = form.Q, kind = form.Kind, territoryId = form.TerritoryId });
        if (!IsYearAllowed(form.Year))
        {
            TempData.Danger(L["年度不正确。"]);
            return RedirectToAction(nameof(Index));
        }
        if (!form.All && form.SubjectIds.Count == 0)
        {
            TempData.Danger(L["请先勾选单位，或选择“全部筛选结果”。"]);
            return back;
        }
        if (await queries.RuleSetForAsync(form.Year, ct) is not { } ruleSet)
        {
            TempData.Danger(L["该年度没有适用的评定细则。"]);
            return back;
        }
        var outcome = await commands.BulkPassAsync(form, ruleSet.Items, ct);
        if (outcome is null)
        {
            TempData.Danger(L["批量评定未保存：其间有人评定了其中的项目。请重试，已有的评定不会被覆盖。"]);
            return back;
        }
        TempData.Success(L["批量评定：{0} 个单位，{1} 项设为达标，{2} 项已有评定，保持不变。", outcome.Subjects, outcome.Set, outcome.LeftAlone]);
        return back;
    }

    [HttpGet]
    public async Task<IActionResult> Evidence(int id, CancellationToken ct)
    {
        var evidence = await queries.EvidenceAsync(id, ct);
        var stream = evidence is null ? null : storage.Open(evidence.StoredName);
        return stream is null ? NotFound() : File(stream, evidence!.ContentType, evidence.FileName);
    }

    /// <summary>The grid as the user filled it in (results and notes), to show again with the errors.</summary>
    private static AttestationGridPage WithPosted(AttestationGridPage page, AttestationForm form)
    {
        var posted = form.Items.Where(l => l.ItemCode is not null).GroupBy(l => l.ItemCode!).ToDictionary(g => g.Key, g => g.First());
        return page with
        {
            Lines = page.Lines.Select(l => posted.TryGetValue(l.Item.Code, out var p) ? l with { Result = p.Result, Note = p.Note } : l).ToList(),
        };
    }
}

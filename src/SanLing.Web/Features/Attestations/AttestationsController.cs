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

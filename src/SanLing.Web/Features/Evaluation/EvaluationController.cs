using SanLing.Infrastructure.Evaluation;

namespace SanLing.Web.Features.Evaluation;

/// <summary>年度评定结果: office staff run and publish evaluations; leadership reads published runs.</summary>
[Authorize(Roles = Roles.Office + "," + Roles.Leadership + "," + Roles.Admin)]
public sealed class EvaluationController(EvaluationQueries queries, EvaluationCommands commands, IValidator<RunForm> validator, PageCacheService cache) : PortalController
{
    private bool CanRun => User.IsInRole(Roles.Office);

    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new RunListPage(await queries.RunsAsync(ct), new RunForm(), CanRun));

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Run(RunForm form, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(form, ct);
        validation.AddTo(ModelState);
        if (ModelState.IsValid)
        {
            var (runId, error) = await commands.RunAsync(form, ct);
            if (runId is { } id)
            {
                TempData.Success(L["已完成 {0} 年度评定（评定记录 #{1}）。", form.Year!.Value, id]);
                return RedirectToAction(nameof(Results), new { id });
            }
            ModelState.AddModelError("", error!);
        }
        return View(nameof(Index), new RunListPage(await queries.RunsAsync(ct), form, CanRun));
    }

    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Publish(int id, Guid version, CancellationToken ct)
    {
        switch (await commands.PublishAsync(id, version, ct))
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Stale:
                TempData.Danger(L["公示失败：该评定记录已被他人修改，请刷新后再试。"]);
                break;
            case SaveOutcome.Unchanged:
                TempData.Warning(L["该评定结果已公示。"]);
                break;
            case SaveOutcome.Refused:
                TempData.Danger(L["预评结果（截至某日的评定）不能公示，只有全年评定可以公示。"]);
                return RedirectToAction(nameof(Results), new { id });
            default:
                TempData.Success(L["已公示评定结果，领导可以查看。"]);
                break;
        }
        return RedirectToAction(nameof(Results), new { id });
    }

    /// <summary>预警: the current year's stored as-of run (预评); the one early-warning page of both dashboards.</summary>
    [HttpGet]
    public async Task<IActionResult> Warning([FromServices] WarningQueries warnings, CancellationToken ct) =>
        View(await cache.GetAsync("warning", "", () => warnings.CurrentYearAsync(ct), ct));

    /// <summary>The office refreshes the stored as-of run now rather than waiting for the night.</summary>
    [HttpPost]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> RefreshAsOf(CancellationToken ct)
    {
        var (runId, error) = await commands.RefreshAsOfAsync(ct);
        if (runId is null)
        {
            TempData.Danger(error!);
        }
        else
        {
            TempData.Success(L["已刷新本年度预评（评定记录 #{0}）。", runId.Value]);
        }
        return RedirectToAction(nameof(Warning));
    }

    [HttpGet]
    public async Task<IActionResult> Results(int id, [FromQuery] ResultFilter filter, CancellationToken ct)
    {
        // Leadership reads published runs (and the current as-of run) only: the role is part of the key.
        var page = await cache.GetAsync("results", $"{id}|{CanRun}|{queries.PublishedOnly}{Request.QueryString}",
            () => queries.ResultsAsync(id, filter, CanRun, Request.Path, Request.QueryString, ct), ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet]
    public async Task<IActionResult> Card(int id, int subjectId, CancellationToken ct)
    {
        var card = await queries.CardAsync(id, subjectId, ct);
        return card is null ? NotFound() : View(card);
    }

    [HttpGet]
    public async Task<IActionResult> Lists(int id, CancellationToken ct)
    {
        var page = await queries.ListsAsync(id, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet]
    public async Task<IActionResult> Compare(int id, CancellationToken ct)
    {
        var page = await queries.CompareAsync(id, ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet]
    public async Task<IActionResult> Report(int id, [FromServices] SanLingDbContext db, CancellationToken ct)
    {
        var run = await queries.StoredRunAsync(id, ct);
        if (run is null)
        {
            return NotFound();
        }
        using var book = await new AnnualReportWorkbook(new EvaluationReports(db)).BuildAsync(run, ct);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        await commands.AuditExportAsync(run.Id, run.Year, ct);
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{run.Year}年度三零创建报告-{run.Id}.xlsx");
    }
}

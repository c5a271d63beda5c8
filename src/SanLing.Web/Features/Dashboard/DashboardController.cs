namespace SanLing.Web.Features.Dashboard;

/// <summary>领导驾驶舱 (leadership and office: aggregates and verdicts of published runs), the office's work of today and the early-warning board.</summary>
[Authorize(Roles = Roles.Leadership + "," + Roles.Office)]
public sealed class DashboardController(DashboardQueries queries, OfficeDashboardQueries office, PageCacheService cache) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int? year, int? territoryId, CancellationToken ct) =>
        View(await cache.GetAsync("dashboard", $"{year}|{territoryId}", () => queries.LeadershipAsync(year, territoryId, ct), ct));

    [HttpGet("/Dashboard/Results/{runId:int}")]
    public async Task<IActionResult> Results(int runId, [FromQuery] ResultFilter filter, CancellationToken ct)
    {
        var page = await cache.GetAsync("dashboard-results", $"{runId}{Request.QueryString}",
            () => queries.ResultsAsync(runId, filter, Request.Path, Request.QueryString, ct), ct);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet("/Dashboard/Territory/{runId:int}/{territoryId:int}")]
    public IActionResult Territory(int runId, int territoryId) => RedirectToAction(nameof(Results), new { runId, territoryId });

    [HttpGet("/Dashboard/Subject/{runId:int}/{subjectId:int}")]
    public async Task<IActionResult> Subject(int runId, int subjectId, CancellationToken ct)
    {
        var card = await queries.SubjectAsync(runId, subjectId, ct);
        return card is null ? NotFound() : View(card);
    }

    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public async Task<IActionResult> Office(CancellationToken ct) => View(await cache.GetAsync("office", "", () => office.LoadAsync(ct), ct));

    /// <summary>The old early-warning board: there is one early-warning page now (the stored as-of run's).</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Office)]
    public IActionResult Warnings() => RedirectToAction("Warning", "Evaluation");
}

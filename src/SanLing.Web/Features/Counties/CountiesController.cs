using System.Globalization;
using SanLing.Domain.Auditing;
using SanLing.Domain.Common;

namespace SanLing.Web.Features.Counties;

/// <summary>
/// The county view of a county user (县综治中心, 县领导): the county dashboard (the towns' stored runs side by side,
/// completeness and 督办 by town), the county workbook, and the town switcher. Entering a town lets them read it as its
/// office (the center) or its leadership (the county leader) do; they never write in it. Aggregates only: no page or
/// export here names a person.
/// </summary>
[Authorize(Roles = Roles.CountyCenter + "," + Roles.CountyLeader)]
public sealed class CountiesController(CountyDashboardQueries dashboard, PageCacheService cache, TimeProvider clock) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(int? year, CancellationToken ct)
    {
        if (CountyReading.CountyOf(User) is not { } county)
        {
            return NotFound();
        }
        // The page depends on the county and the year only (both county roles see the same aggregates).
        var page = await cache.GetAsync("county-dashboard", string.Create(CultureInfo.InvariantCulture, $"{county}|{year}"),
            () => dashboard.LoadAsync(county, year, ct), ct);
        return page is null ? NotFound() : View(page with { TownRead = CountyReading.TownRead(User) });
    }

    /// <summary>
    /// Reads a town of the county: a town of another county, or none, is not found. Then to <paramref name="returnUrl"/>
    /// when it is a local address (the town's dashboard of a year), else to the town's home page.
    /// </summary>
    [HttpPost, CountyMayPost]
    public async Task<IActionResult> Switch(int id, string? returnUrl, [FromServices] SanLingDbContext db, CancellationToken ct)
    {
        if (id <= 0)
        {
            Flash.Warning(TempData, L["请选择一个乡镇。"]);
            return RedirectToAction(nameof(Index));
        }
        if (CountyReading.CountyOf(User) is not { } county || !await db.IsTownOfCountyAsync(county, id, ct))
        {
            return NotFound();
        }
        CountyReading.Choose(Response, id);
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction("Index", "Home");
    }

    /// <summary>Back to the county view: no town is read any more.</summary>
    [HttpPost, CountyMayPost]
    public IActionResult Leave()
    {
        CountyReading.Leave(Response);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>
    /// 全县年度报告 of a year (.xlsx): the towns' rates and their reports' sheets combined. The county leader's version
    /// leaves out the 申诉 sheet (people's own words); a year without any town's run is answered with a message.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Export(int? year, [FromServices] SanLingDbContext db, [FromServices] IServiceScopeFactory scopes, CancellationToken ct)
    {
        if (CountyReading.CountyOf(User) is not { } county)
        {
            return NotFound();
        }
        if (year is not { } y || y < 2000 || y > clock.Today().Year)
        {
            Flash.Warning(TempData, L["请选择一个有评定结果的年度。"]);
            return RedirectToAction(nameof(Index));
        }
        var forLeader = User.IsInRole(Roles.CountyLeader) && !User.IsInRole(Roles.CountyCenter);
        // The workbook goes into a temporary file (deleted when the response has sent it), not into memory.
        var file = CountyWorkbook.TemporaryFile();
        try
        {
            if (!await new CountyWorkbook(dashboard, scopes).WriteAsync(county, y, forLeader, file, ct))
            {
                await file.DisposeAsync();
                Flash.Warning(TempData, L["{0} 年度本县各乡镇尚无评定结果，无法导出。", y]);
                return RedirectToAction(nameof(Index), new { year = y });
            }
            await AuditChain.AppendAsync(db, clock, AuditAction.Export, nameof(Domain.Common.County), county.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{{\"report\":\"county\",\"year\":{y},\"leader\":{(forLeader ? "true" : "false")}}}"), ct);
            file.Position = 0;
            return File(file, ExcelDownloadService.ContentType, string.Create(CultureInfo.InvariantCulture, $"{y}年度全县三零创建报告.xlsx"));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}

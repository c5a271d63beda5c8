namespace SanLing.Web.Features.Counties;

/// <summary>
/// The county view of a county user (县综治中心, 县领导): the county's towns, and the town switcher. Entering a town lets
/// them read it as its office (the center) or its leadership (the county leader) do; they never write in it.
/// </summary>
[Authorize(Roles = Roles.CountyCenter + "," + Roles.CountyLeader)]
public sealed class CountiesController(CountyQueries queries) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var page = await queries.LoadAsync(CountyReading.CountyOf(User) ?? 0, CountyReading.TownRead(User), ct);
        return page is null ? NotFound() : View(page);
    }

    /// <summary>Reads a town of the county: a town of another county, or none, is not found.</summary>
    [HttpPost, CountyMayPost]
    public async Task<IActionResult> Switch(int id, CancellationToken ct)
    {
        if (id <= 0)
        {
            Flash.Warning(TempData, L["请选择一个乡镇。"]);
            return RedirectToAction(nameof(Index));
        }
        if (CountyReading.CountyOf(User) is not { } county || !await queries.IsTownOfAsync(county, id, ct))
        {
            return NotFound();
        }
        CountyReading.Choose(Response, id);
        return RedirectToAction("Index", "Home");
    }

    /// <summary>Back to the county view: no town is read any more.</summary>
    [HttpPost, CountyMayPost]
    public IActionResult Leave()
    {
        CountyReading.Leave(Response);
        return RedirectToAction(nameof(Index));
    }
}

namespace SanLing.Web.Features.Counties;

public sealed record TownSwitcher(IReadOnlyList<CountyTown> Towns, int? TownRead);

/// <summary>A county user's town switcher in the top bar (one query per page; nothing for anyone else).</summary>
public sealed class TownSwitcherViewComponent(CountyQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (CountyReading.CountyOf(HttpContext.User) is not { } county || !CountyReading.IsCountyUser(HttpContext.User))
        {
            return Content("");
        }
        var towns = await queries.TownsAsync(county, HttpContext.RequestAborted);
        return View("~/Features/Counties/_TownSwitcher.cshtml", new TownSwitcher(towns, CountyReading.TownRead(HttpContext.User)));
    }
}

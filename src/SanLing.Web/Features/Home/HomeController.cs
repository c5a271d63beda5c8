namespace SanLing.Web.Features.Home;

/// <summary>The landing page: the town, the user's scope and what they can open.</summary>
[OutsideTown] // A county user without a town is sent on to the county view.
public sealed class HomeController(HomeQueries queries) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        // A county user lands on the county view until they enter a town; then on that town's page for the role they read it as.
        if (CountyReading.IsCountyUser(User) && CountyReading.TownRead(User) is null)
        {
            return RedirectToAction("Index", "Counties");
        }
        if (User.IsInRole(Roles.Leadership))
        {
            return RedirectToAction("Index", "Dashboard");
        }
        // The office runs its day from 今日工作; field users land on what is due, not on registry counts.
        if (User.IsInRole(Roles.Office))
        {
            return RedirectToAction("Office", "Dashboard");
        }
        if (User.IsInRole(Roles.GridWorker) || User.IsInRole(Roles.Liaison))
        {
            return RedirectToAction("Index", "Worklist");
        }
        return View(await queries.LoadAsync(ct));
    }
}

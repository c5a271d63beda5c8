namespace SanLing.Web.Features.Home;

/// <summary>The landing page: the town, the user's scope and what they can open.</summary>
public sealed class HomeController(HomeQueries queries) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        User.IsInRole(Roles.Leadership) ? RedirectToAction("Index", "Dashboard") : View(await queries.LoadAsync(ct));
}

using Microsoft.AspNetCore.Mvc;
using SanLing.Infrastructure.Identity;

namespace SanLing.Web.Features.Home;

/// <summary>The landing page: the town, the user's scope and what they can open.</summary>
public sealed class HomeController(HomeQueries queries) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        User.IsInRole(Roles.Leadership) ? RedirectToAction("Index", "Dashboard")
        // The office runs its day from 今日工作: its home page.
        : User.IsInRole(Roles.Office) ? RedirectToAction("Office", "Dashboard")
        : View(await queries.LoadAsync(ct));
}

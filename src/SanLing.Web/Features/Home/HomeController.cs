using Microsoft.AspNetCore.Mvc;

namespace SanLing.Web.Features.Home;

/// <summary>The landing page: the town, the user's scope and what they can open.</summary>
public sealed class HomeController(HomeQueries queries) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await queries.LoadAsync(ct));
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SanLing.Infrastructure.Identity;

namespace SanLing.Web.Features.Worklist;

/// <summary>待办: where grid workers and liaisons land after signing in.</summary>
[Authorize(Roles = Roles.GridWorker + "," + Roles.Liaison)]
public sealed class WorklistController(WorklistQueries queries) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await queries.LoadAsync(ct));
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SanLing.Infrastructure.Identity;

namespace SanLing.Web.Features.Standing;

/// <summary>本单位创建情况: a liaison sees how their own subject stands this year.</summary>
[Authorize(Roles = Roles.Liaison)]
public sealed class StandingController(StandingQueries queries) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await queries.LoadAsync(ct) is { } page ? View(page) : NotFound();
}

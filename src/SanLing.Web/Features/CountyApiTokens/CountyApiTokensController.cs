using SanLing.Web.Features.ApiTokens;

namespace SanLing.Web.Features.CountyApiTokens;

/// <summary>
/// 县级 API 令牌: tokens an upper-level platform uses to read every town of the county (/api/v1 with ?town=CODE).
/// The 县综治中心 creates them (shown once, stored hashed) and revokes them; a town's own tokens stay its administrator's.
/// </summary>
[Authorize(Roles = Roles.CountyCenter)]
public sealed class CountyApiTokensController(ApiTokenQueries queries, ApiTokenCommands commands, IValidator<ApiTokenForm> validator) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        CountyReading.CountyOf(User) is { } county ? View(await queries.ListForCountyAsync(county, ct)) : Forbid();

    [HttpGet]
    public IActionResult Create() => View(new ApiTokenForm());

    [HttpPost, CountyMayPost]
    public async Task<IActionResult> Create(ApiTokenForm form, CancellationToken ct)
    {
        if (CountyReading.CountyOf(User) is not { } county)
        {
            return Forbid();
        }
        var validation = await validator.ValidateAsync(form, ct);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
            return View(form);
        }
        // Shown in this response only; the page is not cached and the token is never read back.
        Response.Headers.CacheControl = "no-store";
        return View("~/Features/ApiTokens/Shown.cshtml", await commands.CreateForCountyAsync(county, form, ct));
    }

    [HttpPost, CountyMayPost]
    public async Task<IActionResult> Revoke(int id, CancellationToken ct)
    {
        if (CountyReading.CountyOf(User) is not { } county || !await commands.RevokeForCountyAsync(county, id, ct))
        {
            return NotFound();
        }
        TempData.Success(L["令牌已吊销，此后用它的调用都被拒绝。"].Value);
        return RedirectToAction(nameof(Index));
    }
}

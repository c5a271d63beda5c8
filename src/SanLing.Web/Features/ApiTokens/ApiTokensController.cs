using Microsoft.Extensions.Localization;

namespace SanLing.Web.Features.ApiTokens;

/// <summary>API 令牌: tokens upper-level platforms use to read the town's figures (/api/v1). Admins only.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ApiTokensController(ApiTokenQueries queries, ApiTokenCommands commands, IValidator<ApiTokenForm> validator,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await queries.ListAsync(ct));

    [HttpGet]
    public IActionResult Create() => View(new ApiTokenForm());

    [HttpPost]
    public async Task<IActionResult> Create(ApiTokenForm form, CancellationToken ct)
    {
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
        return View("Shown", await commands.CreateAsync(form, ct));
    }

    [HttpPost]
    public async Task<IActionResult> Revoke(int id, CancellationToken ct)
    {
        if (!await commands.RevokeAsync(id, ct))
        {
            return NotFound();
        }
        TempData.Success(l["令牌已吊销，此后用它的调用都被拒绝。"].Value);
        return RedirectToAction(nameof(Index));
    }
}

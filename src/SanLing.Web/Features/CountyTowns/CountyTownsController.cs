using SanLing.Web.Features.Account;
using SanLing.Web.Setup;

namespace SanLing.Web.Features.CountyTowns;

/// <summary>
/// 乡镇管理 of the county center: the county's towns, and adding one with its first 系统管理员 (a one-time password,
/// shown once, to be changed at first sign-in); the town starts with the county's rule sets. All or nothing.
/// </summary>
[Authorize(Roles = Roles.CountyCenter)]
public sealed class CountyTownsController(CountyTownQueries queries, PasswordCommands passwords, ILogger<CountyTownsController> logger) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var page = CountyReading.CountyOf(User) is { } county ? await queries.LoadAsync(county, new AddTownForm(), ct) : null;
        return page is null ? NotFound() : View(page);
    }

    [HttpPost, CountyMayPost]
    public async Task<IActionResult> Add(AddTownForm form, CancellationToken ct)
    {
        if (CountyReading.CountyOf(User) is not { } county)
        {
            return NotFound();
        }
        var admin = new AppUser { UserName = form.AdminUserName?.Trim() };
        var password = await passwords.GenerateAsync(admin);
        var request = new NewTownRequest(form.TownCode?.Trim(), form.TownName, form.InspectionDueDay ?? 0, form.AdminUserName, null, password);
        if (form.InspectionDueDay is null)
        {
            ModelState.AddModelError(nameof(form.InspectionDueDay), L["请填写月度排查截止日"]);
        }
        else
        {
            AddErrors(await RealTownSetup.AddToCountyAsync(HttpContext.RequestServices, request, county, ct));
        }
        if (!ModelState.IsValid)
        {
            var page = await queries.LoadAsync(county, form, ct);
            return page is null ? NotFound() : View(nameof(Index), page);
        }
        logger.LogWarning("Town {TownCode} added to county {CountyId} by {User}, first administrator {Admin}", request.TownCode, county, User.Identity?.Name, request.AdminUserName);
        return View("TownAdded", new TownAdded(request.TownCode!, request.TownName!.Trim(), request.AdminUserName!.Trim(), password,
            await queries.StartingRuleSetAsync(request.TownCode!, ct)));
    }

    private void AddErrors(IEnumerable<SetupError> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, error.Args.Length == 0 ? L[error.Format] : L[error.Format, error.Args]);
        }
    }
}

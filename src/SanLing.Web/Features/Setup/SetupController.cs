using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SanLing.Web.Setup;

namespace SanLing.Web.Features.Setup;

/// <summary>
/// The one-time setup page of an empty database (demo off): the town and its first 系统管理员, guarded by the token
/// the start-up log printed. Gone (404) as soon as the database holds a town or an account.
/// </summary>
[AllowAnonymous]
public sealed class SetupController(
    SetupGate gate,
    SanLingDbContext db,
    IStringLocalizer<SharedResource> localizer,
    ILogger<SetupController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await gate.IsStillOpenAsync(db, ct) ? View(new SetupForm()) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Index(SetupForm form, [FromServices] Account.LoginThrottle throttle, CancellationToken ct)
    {
        if (!await gate.IsStillOpenAsync(db, ct))
        {
            return NotFound();
        }
        // Guessing the setup token is throttled like guessing a password (one shared "account" for the token).
        if (throttle.TryAttempt(Security.ServerSessions.ClientAddress(HttpContext), "(setup)") is { } wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError(nameof(form.Token), localizer["登录尝试过于频繁，请 {0} 秒后再试。", (int)Math.Ceiling(wait.TotalSeconds)]);
            return View(form);
        }
        if (!gate.Accepts(form.Token))
        {
            logger.LogWarning("Setup refused: wrong or missing setup token from {RemoteIp}", HttpContext.Connection.RemoteIpAddress);
            ModelState.AddModelError(nameof(form.Token), localizer[string.IsNullOrWhiteSpace(form.Token)
                ? "请填写设置令牌（见门户启动日志）"
                : "设置令牌不正确：请使用门户启动日志中打印的一次性设置令牌"]);
            return View(form);
        }

        var request = new NewTownRequest(form.TownCode, form.TownName, form.InspectionDueDay ?? 0,
            form.AdminUserName, form.AdminDisplayName, form.Password);
        AddErrors(await RealTownSetup.ValidateAsync(HttpContext.RequestServices, request));
        if (form.InspectionDueDay is null && !ModelState.ContainsKey(nameof(form.InspectionDueDay)))
        {
            ModelState.AddModelError(nameof(form.InspectionDueDay), localizer["请填写月度排查截止日"]);
        }
        if (form.Password != form.ConfirmPassword)
        {
            ModelState.AddModelError(nameof(form.ConfirmPassword), localizer["两次输入的密码不一致"]);
        }
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        await gate.Lock.WaitAsync(ct);
        try
        {
            var errors = await RealTownSetup.CreateAsync(HttpContext.RequestServices, request, ct);
            if (errors.Count > 0)
            {
                AddErrors(errors);
                return View(form);
            }
            gate.Close();
        }
        finally
        {
            gate.Lock.Release();
        }
        logger.LogWarning("Town {TownCode} {TownName} set up with its first administrator {UserName}", request.TownCode, request.TownName, request.AdminUserName);
        TempData.Success(localizer["乡镇已设置，请用刚才创建的系统管理员账号登录。"].Value);
        return Redirect("/Account/Login");
    }

    private void AddErrors(IEnumerable<SetupError> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, error.Args.Length == 0 ? localizer[error.Format] : localizer[error.Format, error.Args]);
        }
    }
}

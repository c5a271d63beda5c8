using System.Security.Claims;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Security;
using SanLing.Web.Features.Shared;
using SanLing.Web.Setup;

namespace SanLing.Web.Features.Account;

[CountyMayPost] // A county user keeps their own account like anyone else.
public sealed class AccountController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IValidator<LoginForm> validator,
    ILogger<AccountController> logger) : PortalController
{
    /// <summary>
    /// The same words for an unknown user, a wrong password, a disabled and a locked account: they reveal neither which
    /// user names exist nor which accounts are locked.
    /// </summary>
    public const string LoginFailed = "用户名或密码错误，或账号暂时不能登录。";

    [AllowAnonymous]
    [HttpGet]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost]
    public async Task<IActionResult> Login(LoginForm form, [FromServices] LoginThrottle throttle)
    {
        var validation = await validator.ValidateAsync(form);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            return View(form);
        }

        var userName = form.UserName.Trim();
        if (throttle.TryAttempt(ServerSessions.ClientAddress(HttpContext), userName) is { } wait)
        {
            return TooManyAttempts(form, wait);
        }

        // Disabled, locked and unknown accounts, and wrong passwords, all fail alike (SanLingSignInManager audits which).
        var result = await signIn.PasswordSignInAsync(userName, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (await users.FindByNameAsync(userName) is { MustChangePassword: true })
            {
                return RedirectToAction(nameof(ChangePassword));
            }
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor.TwoFactorController.Verify), "TwoFactor", new { returnUrl = form.ReturnUrl });
        }
        ModelState.AddModelError("", L[LoginFailed]);
        return View(form);
    }

    /// <summary>The login page again, with status 429 and how long to wait.</summary>
    private ViewResult TooManyAttempts(LoginForm form, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        logger.LogWarning("Sign-in attempts throttled for {UserName} from {Client}", SecurityAudit.Printable(form.UserName), ServerSessions.ClientAddress(HttpContext));
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ModelState.AddModelError("", L["登录尝试过于频繁，请 {0} 秒后再试。", seconds]);
        form.Password = "";
        return View(form);
    }

    /// <summary>Every signed-in user changes their own password here; a new or reset account is sent here until it does.</summary>
    [HttpGet]
    [AllowedBeforePasswordChange]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost]
    [AllowedBeforePasswordChange]
    public async Task<IActionResult> ChangePassword(
        ChangePasswordForm form, [FromServices] IValidator<ChangePasswordForm> formValidator, [FromServices] PasswordCommands commands, CancellationToken ct)
    {
        (await formValidator.ValidateAsync(form, ct)).AddToModelState(ModelState);
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var errors = await commands.ChangeOwnAsync(user, form.CurrentPassword!, form.NewPassword!, User.FindFirstValue(SessionLimits.SessionClaim), ct);
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }
            return View(new ChangePasswordForm());
        }
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("User {UserName} changed their password", user.UserName);
        TempData.Success(L["密码已修改。"]);
        return LocalRedirect("/");
    }

    [HttpPost]
    [AllowedBeforePasswordChange]
    public async Task<IActionResult> Logout()
    {
        // Closes this session on the server, so any copy of this cookie is refused; the user's other sessions go on.
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    /// <summary>Switches the UI language (zh-CN or en) for this browser and returns to the page.</summary>
    [AllowAnonymous]
    [HttpPost]
    [AllowedBeforePasswordChange]
    public IActionResult SetLanguage(string culture, string? returnUrl)
    {
        var chosen = SanLingServices.SupportedCultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "zh-CN";
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}

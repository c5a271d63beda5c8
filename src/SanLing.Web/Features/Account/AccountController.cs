using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Setup;

namespace SanLing.Web.Features.Account;

public sealed class AccountController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IValidator<LoginForm> validator,
    ILogger<AccountController> logger) : Controller
{
    [AllowAnonymous]
    [HttpGet]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SanLingServices.LoginRateLimit)]
    public async Task<IActionResult> Login(LoginForm form)
    {
        var validation = await validator.ValidateAsync(form);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            return View(form);
        }

        var userName = form.UserName.Trim();
        var user = await users.FindByNameAsync(userName);
        if (user is { IsDisabled: true })
        {
            logger.LogWarning("Login refused for disabled account {UserName}", userName);
            ModelState.AddModelError("", "该账号已停用，请联系系统管理员。");
            return View(form);
        }

        var result = await signIn.PasswordSignInAsync(userName, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserName} logged in", userName);
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("Account {UserName} locked out", userName);
            ModelState.AddModelError("", "登录失败次数过多，账号已锁定 15 分钟。");
            return View(form);
        }
        // Anything may be typed here: control characters must not reach the log (or a terminal reading it).
        logger.LogWarning("Failed login for {UserName}", new string(userName.Select(c => char.IsControl(c) ? '?' : c).ToArray()));
        ModelState.AddModelError("", "用户名或密码错误。");
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    /// <summary>Switches the UI language (zh-CN or en) for this browser and returns to the page.</summary>
    [AllowAnonymous]
    [HttpPost]
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

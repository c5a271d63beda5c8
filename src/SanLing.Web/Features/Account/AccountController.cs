using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using SanLing.Web.Setup;

namespace SanLing.Web.Features.Account;

public sealed class AccountController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IValidator<LoginForm> validator,
    ILogger<AccountController> logger) : PortalController
{
    /// <summary>The same words for an unknown user, a wrong password and a disabled account: user names are not revealed.</summary>
    private const string LoginFailed = "用户名或密码错误。";

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
            ModelState.AddModelError("", L[LoginFailed]);
            return View(form);
        }

        var result = await signIn.PasswordSignInAsync(userName, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserName} logged in", userName);
            if (user is { MustChangePassword: true })
            {
                return RedirectToAction(nameof(ChangePassword));
            }
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("Account {UserName} locked out", userName);
            ModelState.AddModelError("", L["登录失败次数过多，账号已锁定 15 分钟。"]);
            return View(form);
        }
        // Anything may be typed here: control characters must not reach the log (or a terminal reading it).
        logger.LogWarning("Failed login for {UserName}", new string(userName.Select(c => char.IsControl(c) ? '?' : c).ToArray()));
        ModelState.AddModelError("", L[LoginFailed]);
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
        var errors = await commands.ChangeOwnAsync(user, form.CurrentPassword!, form.NewPassword!, ct);
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
        // A new security stamp makes any copy of this cookie worthless (it also ends the user's other sessions).
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
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

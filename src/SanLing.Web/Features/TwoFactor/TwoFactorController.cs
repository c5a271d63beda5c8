using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Auditing;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Features.Account;
using SanLing.Web.Features.Shared;
using SanLing.Web.Security;
using SanLing.Web.Setup;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace SanLing.Web.Features.TwoFactor;

/// <summary>
/// 二次验证: a signed-in user enrols an authenticator app (TOTP), keeps recovery codes, and may turn it off where the
/// role does not require it; and the second step of sign-in, with a code or a recovery code.
/// </summary>
[CountyMayPost] // A county user keeps their own account like anyone else.
public sealed class TwoFactorController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    TwoFactorQueries queries,
    TwoFactorCommands commands,
    IStringLocalizer<SharedResource> l,
    ILogger<TwoFactorController> logger) : Controller
{
    /// <summary>The same words for every wrong code, authenticator or recovery.</summary>
    private const string WrongCode = "验证码不正确。";

    [HttpGet]
    [AllowedBeforeTwoFactorEnrolment]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : View(await queries.StatusAsync(user, User));
    }

    [HttpPost]
    [AllowedBeforeTwoFactorEnrolment]
    public async Task<IActionResult> Start()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!await commands.StartAsync(user))
        {
            TempData.Warning(l["二次验证已启用。"].Value);
            return RedirectToAction(nameof(Index));
        }
        // A new key renews the security stamp: this session gets a cookie with the new stamp.
        await signIn.RefreshSignInAsync(user);
        return RedirectToAction(nameof(Enrol));
    }

    [HttpGet]
    [AllowedBeforeTwoFactorEnrolment]
    public async Task<IActionResult> Enrol(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        // Without a key to confirm (not started, or already enrolled) the page is the status page with its start button.
        var page = await queries.EnrolAsync(user, new EnrolForm(), ct);
        return page is null ? View(nameof(Index), await queries.StatusAsync(user, User)) : View(page);
    }

    [HttpPost]
    [AllowedBeforeTwoFactorEnrolment]
    public async Task<IActionResult> Enrol(EnrolForm form, [FromServices] IValidator<EnrolForm> validator, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        (await validator.ValidateAsync(form, ct)).AddToModelState(ModelState);
        if (ModelState.IsValid)
        {
            var codes = await commands.ConfirmAsync(user, TwoFactorCodes.AuthenticatorCode(form.Code)!, ct);
            if (codes is not null)
            {
                await signIn.RefreshSignInAsync(user);
                logger.LogInformation("User {UserName} enrolled a second factor", user.UserName);
                return View("RecoveryCodes", new RecoveryCodesPage(codes, JustEnrolled: true));
            }
            ModelState.AddModelError(nameof(EnrolForm.Code), l[WrongCode]);
        }
        var page = await queries.EnrolAsync(user, new EnrolForm(), ct);
        return page is null ? RedirectToAction(nameof(Index)) : View(page);
    }

    [HttpPost]
    public async Task<IActionResult> RecoveryCodes(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var codes = await commands.RenewRecoveryCodesAsync(user, ct);
        if (codes is null)
        {
            return RedirectToAction(nameof(Index));
        }
        logger.LogInformation("User {UserName} renewed their recovery codes", user.UserName);
        return View("RecoveryCodes", new RecoveryCodesPage(codes, JustEnrolled: false));
    }

    [HttpPost]
    public async Task<IActionResult> Disable([FromServices] TwoFactorPolicy policy, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (policy.IsRequiredFor(User))
        {
            TempData.Danger(l["您的角色须使用二次验证，不能关闭。如更换手机，请联系系统管理员重置。"].Value);
            return RedirectToAction(nameof(Index));
        }
        if (await commands.TurnOffAsync(user, AuditAction.TwoFactorDisable, ct))
        {
            await signIn.RefreshSignInAsync(user);
            logger.LogInformation("User {UserName} turned their second factor off", user.UserName);
            TempData.Success(l["二次验证已关闭。"].Value);
        }
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The second step of sign-in; only after a right password (Identity's short-lived two-factor cookie).</summary>
    [AllowAnonymous]
    [HttpGet]
    public async Task<IActionResult> Verify(string? returnUrl, bool recovery = false) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? Expired()
            : View(new VerifyForm { ReturnUrl = returnUrl, Recovery = recovery });

    [AllowAnonymous]
    [HttpPost]
    public async Task<IActionResult> Verify(VerifyForm form, [FromServices] IValidator<VerifyForm> validator, [FromServices] LoginThrottle throttle, CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Expired();
        }
        // Codes are guessed like passwords: the same per-client and per-account budget as the password step.
        if (throttle.TryAttempt(ServerSessions.ClientAddress(HttpContext), user.UserName ?? "") is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError("", l["登录尝试过于频繁，请 {0} 秒后再试。", seconds]);
            return View(new VerifyForm { ReturnUrl = form.ReturnUrl, Recovery = form.Recovery });
        }
        (await validator.ValidateAsync(form, ct)).AddToModelState(ModelState);
        if (!ModelState.IsValid)
        {
            return View(new VerifyForm { ReturnUrl = form.ReturnUrl, Recovery = form.Recovery });
        }

        var result = user.IsDisabled ? SignInResult.Failed
            : form.Recovery ? await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactorCodes.RecoveryCode(form.Code))
            : await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactorCodes.AuthenticatorCode(form.Code) ?? "", isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await commands.RecordSignInAsync(user, form.Recovery, ct);
            logger.LogInformation("User {UserName} logged in with {Method}", user.UserName, form.Recovery ? "a recovery code" : "an authenticator code");
            if (form.Recovery)
            {
                var left = await users.CountRecoveryCodesAsync(user);
                TempData.Warning(string.Format(l["您用了一个恢复码登录，还剩 {0} 个。可在“二次验证”页面重新生成。"].Value, left));
            }
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }
        await commands.RecordFailureAsync(user, form.Recovery, result.IsLockedOut, ct);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Account {UserName} locked out at the second factor", user.UserName);
            ModelState.AddModelError("", l["登录失败次数过多，账号已暂时锁定，请稍后再试。"]);
        }
        else
        {
            logger.LogWarning("Wrong second-factor code for {UserName}", user.UserName);
            ModelState.AddModelError("", l[WrongCode]);
        }
        return View(new VerifyForm { ReturnUrl = form.ReturnUrl, Recovery = form.Recovery });
    }

    private RedirectToActionResult Expired()
    {
        TempData.Warning(l["验证已超时，请重新登录。"].Value);
        return RedirectToAction("Login", "Account");
    }
}

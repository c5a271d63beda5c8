using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace SanLing.Web.Features.Users;

/// <summary>用户管理: the town's accounts, their role and scope, disabling and password resets. Admins only.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class UsersController(
    UserQueries queries,
    UserCommands commands,
    IValidator<UserForm> validator,
    IValidator<ResetPasswordForm> resetValidator,
    UserManager<AppUser> users,
    IStringLocalizer<SharedResource> l,
    ILogger<UsersController> logger) : Controller
{
    private string? CurrentUserId => users.GetUserId(User);

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] UserFilter filter, CancellationToken ct)
    {
        var (items, total) = await queries.ListAsync(filter, ct);
        var paging = new PageInfo(PageInfo.Clamp(filter.Page), UserQueries.PageSize, total, Request.Path, Request.QueryString);
        return View(new UserListPage(filter, items, paging));
    }

    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        View("Edit", new UserEditor(new UserForm { GeneratePassword = true }, null, await queries.ScopeOptionsAsync(ct)));

    [HttpPost]
    public async Task<IActionResult> Create(UserForm form, CancellationToken ct)
    {
        if (!await IsValidAsync(form, null, ct))
        {
            return await EditorAgainAsync(form, null, ct);
        }
        var password = form.GeneratePassword
            ? await commands.GeneratePasswordAsync(new AppUser { UserName = form.UserName!.Trim() })
            : form.Password!;
        var (id, errors) = await commands.CreateAsync(form, password, ct);
        if (id is null)
        {
            AddErrors(errors);
            return await EditorAgainAsync(form, null, ct);
        }
        logger.LogInformation("Account {UserName} created as {Role} by {Admin}", form.UserName!.Trim(), form.Role, User.Identity?.Name);
        if (form.GeneratePassword)
        {
            return View("PasswordShown", new PasswordShown(id, form.UserName!.Trim(), password));
        }
        TempData.Success(string.Format(l["已创建账号“{0}”，首次登录时须修改密码。"].Value, form.UserName!.Trim()));
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(string id, CancellationToken ct)
    {
        var loaded = await queries.EditAsync(id, CurrentUserId, ct);
        return loaded is { } account
            ? View(new UserEditor(account.Form, account.State, await queries.ScopeOptionsAsync(ct)))
            : NotFound();
    }

    [HttpPost]
    public async Task<IActionResult> Edit(string id, UserForm form, CancellationToken ct)
    {
        // The user name and a password are never changed by this form.
        form.UserName = null;
        form.Password = form.ConfirmPassword = null;
        if (await IsValidAsync(form, id, ct))
        {
            switch (await commands.UpdateAsync(id, form, CurrentUserId, ct))
            {
                case AccountOutcome.NotFound:
                    return NotFound();
                case AccountOutcome.Done:
                    logger.LogInformation("Account {UserId} changed (role {Role}) by {Admin}", id, form.Role, User.Identity?.Name);
                    TempData.Success(l["已保存。"].Value);
                    return RedirectToAction(nameof(Edit), new { id });
                case AccountOutcome.Self:
                    ModelState.AddModelError(nameof(UserForm.Role), l["不能取消自己的系统管理员角色"]);
                    break;
                case AccountOutcome.LastAdmin:
                    ModelState.AddModelError(nameof(UserForm.Role), l["这是本镇最后一个启用的系统管理员，不能改为其他角色"]);
                    break;
                default:
                    ModelState.AddModelError("", l["保存失败：该账号已被他人修改。请重新打开，核对最新内容后再保存。"]);
                    break;
            }
        }
        return await EditorAgainAsync(form, id, ct);
    }

    [HttpPost]
    public Task<IActionResult> Disable(string id, string? concurrencyStamp, CancellationToken ct) => SetDisabledAsync(id, true, concurrencyStamp, ct);

    [HttpPost]
    public Task<IActionResult> Enable(string id, string? concurrencyStamp, CancellationToken ct) => SetDisabledAsync(id, false, concurrencyStamp, ct);

    [HttpPost]
    public async Task<IActionResult> ResetPassword(string id, ResetPasswordForm form, CancellationToken ct)
    {
        var user = await commands.FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        (await resetValidator.ValidateAsync(form, ct)).AddToModelState(ModelState);
        if (ModelState.IsValid)
        {
            var password = form.GeneratePassword ? await commands.GeneratePasswordAsync(user) : form.Password!;
            var errors = await commands.ResetPasswordAsync(user, password, ct);
            if (errors.Count == 0)
            {
                logger.LogInformation("Password of {UserName} reset by {Admin}", user.UserName, User.Identity?.Name);
                if (form.GeneratePassword)
                {
                    return View("PasswordShown", new PasswordShown(user.Id, user.UserName ?? "", password));
                }
                TempData.Success(string.Format(l["已为“{0}”设置临时密码，下次登录时须修改。"].Value, user.UserName));
                return RedirectToAction(nameof(Edit), new { id });
            }
            AddErrors(errors);
        }
        // The reset form's messages are shown by the edit page, under its own fields.
        var loaded = await queries.EditAsync(id, CurrentUserId, ct);
        return View("Edit", new UserEditor(loaded!.Value.Form, loaded.Value.State, await queries.ScopeOptionsAsync(ct)));
    }

    /// <summary>The account's sign-in sessions: where and since when it is signed in, and the ones that ended.</summary>
    [HttpGet]
    public async Task<IActionResult> Sessions(string id, CancellationToken ct) =>
        await queries.SessionsAsync(id, ct) is { } page ? View(page) : NotFound();

    /// <summary>Ends one session of the account; its cookie is refused from the next request on.</summary>
    [HttpPost]
    public async Task<IActionResult> EndSession(string id, string? sessionId, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(sessionId))
        {
            return await EndSessionsAsync(id, sessionId, ct);
        }
        // No session named: back to the account's sessions, or a 404 for an account that is not there (another town's).
        return await commands.FindAsync(id, ct) is null ? NotFound() : RedirectToAction(nameof(Sessions), new { id });
    }

    /// <summary>Ends every open session of the account.</summary>
    [HttpPost]
    public Task<IActionResult> EndAllSessions(string id, CancellationToken ct) => EndSessionsAsync(id, null, ct);

    private async Task<IActionResult> EndSessionsAsync(string id, string? sessionId, CancellationToken ct)
    {
        if (await commands.EndSessionsAsync(id, sessionId, ct) is not { } ended)
        {
            return NotFound();
        }
        if (ended > 0)
        {
            logger.LogInformation("{Count} session(s) of account {UserId} ended by {Admin}", ended, id, User.Identity?.Name);
            TempData.Success(string.Format(l["已结束 {0} 个会话，相应的登录随即失效。"].Value, ended));
        }
        else
        {
            TempData.Warning(l["没有仍在进行的会话可结束。"].Value);
        }
        return RedirectToAction(nameof(Sessions), new { id });
    }

    /// <summary>Turns the account's second factor off and ends its sessions; where its role requires one, it enrols again at the next sign-in.</summary>
    [HttpPost]
    public async Task<IActionResult> ResetTwoFactor(string id, [FromServices] TwoFactor.TwoFactorCommands twoFactor, CancellationToken ct)
    {
        var user = await commands.FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        if (await twoFactor.TurnOffAsync(user, Domain.Auditing.AuditAction.TwoFactorReset, ct))
        {
            logger.LogInformation("Second factor of {UserName} reset by {Admin}", user.UserName, User.Identity?.Name);
            TempData.Success(string.Format(l["已重置“{0}”的二次验证，其现有会话随即失效。"].Value, user.UserName));
        }
        else
        {
            TempData.Warning(l["该账号未启用二次验证。"].Value);
        }
        return RedirectToAction(nameof(Edit), new { id });
    }

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, string? concurrencyStamp, CancellationToken ct)
    {
        var outcome = await commands.SetDisabledAsync(id, disabled, concurrencyStamp, CurrentUserId, ct);
        switch (outcome)
        {
            case AccountOutcome.NotFound:
                return NotFound();
            case AccountOutcome.Done:
                logger.LogInformation("Account {UserId} {State} by {Admin}", id, disabled ? "disabled" : "enabled", User.Identity?.Name);
                TempData.Success(disabled ? l["账号已停用，其登录会话随即失效。"].Value : l["账号已启用。"].Value);
                break;
            case AccountOutcome.Unchanged:
                TempData.Warning(disabled ? l["该账号早已停用。"].Value : l["该账号早已启用。"].Value);
                break;
            case AccountOutcome.Self:
                TempData.Danger(l["不能停用自己的账号。"].Value);
                break;
            case AccountOutcome.LastAdmin:
                TempData.Danger(l["这是本镇最后一个启用的系统管理员，不能停用。"].Value);
                break;
            default:
                TempData.Danger(l["操作失败：该账号已被他人修改，请刷新后重试。"].Value);
                break;
        }
        return RedirectToAction(nameof(Edit), new { id });
    }

    private async Task<bool> IsValidAsync(UserForm form, string? editedId, CancellationToken ct)
    {
        var context = new ValidationContext<UserForm>(form);
        context.RootContextData[UserFormValidator.EditedUserIdKey] = editedId!;
        (await validator.ValidateAsync(context, ct)).AddToModelState(ModelState);
        return ModelState.IsValid;
    }

    private void AddErrors(IEnumerable<Account.FieldMessage> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }
    }

    /// <summary>The form again with its messages; when editing, the account's state beside it (404 if it vanished).</summary>
    private async Task<IActionResult> EditorAgainAsync(UserForm form, string? id, CancellationToken ct)
    {
        form.Password = form.ConfirmPassword = null;
        UserState? state = null;
        if (id is not null)
        {
            var loaded = await queries.EditAsync(id, CurrentUserId, ct);
            if (loaded is null)
            {
                return NotFound();
            }
            state = loaded.Value.State;
            form.UserName = null;
        }
        return View("Edit", new UserEditor(form, state, await queries.ScopeOptionsAsync(ct)));
    }
}

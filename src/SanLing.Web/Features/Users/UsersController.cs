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

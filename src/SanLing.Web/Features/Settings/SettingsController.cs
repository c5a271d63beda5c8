using FluentValidation.AspNetCore;
using Microsoft.Extensions.Localization;

namespace SanLing.Web.Features.Settings;

/// <summary>镇设置: the town's name and the monthly inspection due day. Admins only.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class SettingsController(TownSettingsCommands commands, IValidator<TownSettingsForm> validator, IStringLocalizer<SharedResource> l,
    Infrastructure.Notifications.MailSettingsStore mail, IValidator<MailSettingsForm> mailValidator) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var form = await commands.FormAsync(ct);
        return form is null ? NotFound() : View(await PageAsync(form, null, ct));
    }

    [HttpPost]
    public async Task<IActionResult> Index(TownSettingsForm form, CancellationToken ct)
    {
        (await validator.ValidateAsync(form, ct)).AddToModelState(ModelState);
        if (ModelState[nameof(TownSettingsForm.Version)]?.Errors.Count > 0)
        {
            // The hidden token was tampered with: say so where the user looks, not by an invisible field.
            ModelState.AddModelError("", l["页面已过期，请重新打开镇设置后再保存。"]);
        }
        if (ModelState.IsValid)
        {
            switch (await commands.SaveAsync(form, ct))
            {
                case SaveOutcome.NotFound:
                    return NotFound();
                case SaveOutcome.Saved:
                    TempData.Success(l["镇设置已保存。"].Value);
                    return RedirectToAction(nameof(Index));
                default:
                    ModelState.AddModelError("", l["保存失败：镇设置已被他人修改。请重新打开，核对最新内容后再保存。"]);
                    break;
            }
        }
        return View(await PageAsync(form, null, ct));
    }

    /// <summary>通知设置: the mail server (password kept encrypted) and the digest hour.</summary>
    [HttpPost]
    public async Task<IActionResult> Mail(MailSettingsForm form, CancellationToken ct)
    {
        var result = await mailValidator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
            var town = await commands.FormAsync(ct);
            return town is null ? NotFound() : View(nameof(Index), await PageAsync(town, form, ct));
        }
        await mail.SaveAsync(form.ToSettings(), form.ClearPassword, ct);
        TempData.Success(l["通知设置已保存。"].Value);
        return RedirectToAction(nameof(Index));
    }

    private async Task<TownSettingsPage> PageAsync(TownSettingsForm form, MailSettingsForm? mailForm, CancellationToken ct)
    {
        var stored = await mail.LoadAsync(ct);
        return new TownSettingsPage(form, await commands.CodeAsync(ct), mailForm ?? MailSettingsForm.From(stored), stored.Password is not null);
    }
}

public sealed record TownSettingsPage(TownSettingsForm Form, string? Code, MailSettingsForm Mail, bool HasPassword);

using FluentValidation.AspNetCore;
using Microsoft.Extensions.Localization;

namespace SanLing.Web.Features.Settings;

/// <summary>镇设置: the town's name and the monthly inspection due day. Admins only.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class SettingsController(TownSettingsCommands commands, IValidator<TownSettingsForm> validator, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var form = await commands.FormAsync(ct);
        return form is null ? NotFound() : View(new TownSettingsPage(form, await commands.CodeAsync(ct)));
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
        return View(new TownSettingsPage(form, await commands.CodeAsync(ct)));
    }
}

public sealed record TownSettingsPage(TownSettingsForm Form, string? Code);

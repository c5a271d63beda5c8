using SanLing.Domain.Notifications;
using SanLing.Web.Features.Shared;

namespace SanLing.Web.Features.Notifications;

/// <summary>通知: every signed-in user's own list (the bell); the outbox's delivery state for the admin.</summary>
[OutsideTown] // The user's own list, whether or not a county user reads a town.
public sealed class NotificationsController(NotificationQueries queries) : PortalController
{
    [HttpGet]
    public async Task<IActionResult> Index(int? page, CancellationToken ct) =>
        View(await queries.PageAsync(page, Request.Path, Request.QueryString, ct));

    [HttpPost]
    public async Task<IActionResult> MarkRead(long id, CancellationToken ct) =>
        await queries.MarkReadAsync(id, ct) ? RedirectToAction(nameof(Index)) : NotFound();

    [HttpPost]
    public async Task<IActionResult> MarkAllRead(CancellationToken ct)
    {
        await queries.MarkAllReadAsync(ct);
        TempData.Success(L["已全部标为已读。"].Value);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The user's own e-mail address and phone number for the daily digest.</summary>
    [HttpPost]
    public async Task<IActionResult> Contact(ContactForm form, [FromServices] IValidator<ContactForm> validator, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(form, ct);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
            var page = await queries.PageAsync(null, Request.Path, Request.QueryString, ct);
            return View(nameof(Index), page with { Contact = form });
        }
        await queries.SaveContactAsync(form, ct);
        TempData.Success(L["接收方式已保存。"].Value);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    [Authorize(Roles = Roles.Admin)]
    public async Task<IActionResult> Outbox(string? status, int? page, [FromServices] OutboxQueries outbox, CancellationToken ct)
    {
        DeliveryStatus? chosen = Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        return View(await outbox.PageAsync(chosen, page, Request.Path, Request.QueryString, ct));
    }
}

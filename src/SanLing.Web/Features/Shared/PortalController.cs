using Microsoft.Extensions.Localization;

namespace SanLing.Web.Features.Shared;

/// <summary>
/// A controller whose messages (TempData, model-state errors) reach the user in the user's language: <see cref="L"/> is
/// the shared resource (the Chinese text is the key), resolved per request so that every feature need not inject it.
/// </summary>
public abstract class PortalController : Controller
{
    private IStringLocalizer<SharedResource>? _localizer;

    protected IStringLocalizer<SharedResource> L =>
        _localizer ??= HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
}

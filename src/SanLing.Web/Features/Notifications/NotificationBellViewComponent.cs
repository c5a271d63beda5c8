namespace SanLing.Web.Features.Notifications;

/// <summary>The bell in the top bar with the signed-in user's unread count (one query per page).</summary>
public sealed class NotificationBellViewComponent(NotificationQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Content("");
        }
        return View("~/Features/Notifications/_Bell.cshtml", await queries.UnreadCountAsync(HttpContext.RequestAborted));
    }
}

using Microsoft.AspNetCore.Mvc.Filters;

namespace SanLing.Web.Security;

/// <summary>Marks the few actions a user may reach while their password must still be changed (change it, log out, language).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AllowedBeforePasswordChangeAttribute : Attribute;

/// <summary>
/// A new or reset account signs in with a temporary password: until its user chooses their own, every page
/// (GET or POST) sends them to the change-password page. Anonymous pages (login, errors) are left alone.
/// </summary>
public sealed class PasswordChangeGate : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true || !user.HasClaim(SanLingClaims.MustChangePassword, "true"))
        {
            return;
        }
        var metadata = context.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<AllowedBeforePasswordChangeAttribute>().Any() || metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }
        context.Result = new RedirectToActionResult("ChangePassword", "Account", null);
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}

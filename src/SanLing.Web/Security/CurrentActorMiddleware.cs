using System.Globalization;
using System.Security.Claims;

namespace SanLing.Web.Security;

/// <summary>Tells the data layer who is acting and on which town (the town filter and the audit trail use it).</summary>
public static class CurrentActorMiddleware
{
    public static IApplicationBuilder UseCurrentActor(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var actor = context.RequestServices.GetRequiredService<CurrentActor>();
            actor.UserId = user.FindFirstValue(ClaimTypes.NameIdentifier);
            actor.UserName = user.Identity.Name;
            actor.Role = Roles.Every.FirstOrDefault(user.IsInRole);
            actor.TownId = int.TryParse(user.FindFirstValue(SanLingClaims.TownId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var town) ? town : null;
        }
        await next(context);
    });
}

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SanLing.Web.Security;

/// <summary>
/// A county user (县综治中心, 县领导) reading one town of their county. The town they chose with the town switcher is
/// kept in a cookie and checked against their county on every request; while it holds, their principal also carries
/// the town and the town role they read it as (<see cref="Roles.CountyReading"/>), so every town page, its scope and its
/// personal-data rules apply unchanged. They never write in a town: <see cref="CountyReadOnlyFilter"/>.
/// </summary>
public sealed class CountyReading(IHttpContextAccessor http, SanLingDbContext db) : IClaimsTransformation
{
    public const string CookieName = "SanLing.ReadingTown";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || principal.HasClaim(c => c.Type == SanLingClaims.ReadingTown)
            || CountyOf(principal) is not { } county
            || Roles.County.FirstOrDefault(principal.IsInRole) is not { } role
            || http.HttpContext?.Request.Cookies[CookieName] is not { } value
            || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var townId))
        {
            return principal;
        }
        if (!await db.IsTownOfCountyAsync(county, townId))
        {
            return principal;
        }
        var reading = principal.Clone();
        var readingIdentity = (ClaimsIdentity)reading.Identity!;
        var town = townId.ToString(CultureInfo.InvariantCulture);
        readingIdentity.AddClaim(new Claim(SanLingClaims.ReadingTown, town));
        readingIdentity.AddClaim(new Claim(SanLingClaims.TownId, town));
        readingIdentity.AddClaim(new Claim(identity.RoleClaimType, Roles.CountyReading(role)!));
        return reading;
    }

    /// <summary>The county of a county user, or null for everyone else.</summary>
    public static int? CountyOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(SanLingClaims.CountyId), NumberStyles.None, CultureInfo.InvariantCulture, out var county) ? county : null;

    /// <summary>The town a county user is reading, or null.</summary>
    public static int? TownRead(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(SanLingClaims.ReadingTown), NumberStyles.None, CultureInfo.InvariantCulture, out var town) ? town : null;

    public static bool IsCountyUser(ClaimsPrincipal user) => Roles.County.Any(user.IsInRole);

    public static void Choose(HttpResponse response, int townId) =>
        response.Cookies.Append(CookieName, townId.ToString(CultureInfo.InvariantCulture), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
        });

    public static void Leave(HttpResponse response) => response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
}

/// <summary>Marks the actions a county user may post to: their own account, and the county's own pages.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class CountyMayPostAttribute : Attribute;

/// <summary>Marks the pages a county user may open without reading a town: their home page and their own notifications.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class OutsideTownAttribute : Attribute;

/// <summary>
/// A county user who has chosen no town reads no town page: 403, rather than a town page answered from no town (an
/// empty list, a record not found). Their own pages pass (<see cref="OutsideTownAttribute"/>, <see cref="CountyMayPostAttribute"/>,
/// anonymous pages), and so do the county's pages: those authorized for a county role.
/// </summary>
public sealed class CountyNeedsTownFilter : IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var user = context.HttpContext.User;
        if (!CountyReading.IsCountyUser(user) || CountyReading.TownRead(user) is not null)
        {
            return;
        }
        var metadata = context.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<OutsideTownAttribute>().Any() || metadata.OfType<CountyMayPostAttribute>().Any()
            || metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any()
            || metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
                .Any(a => a.Roles?.Split(',').Any(r => Roles.IsCounty(r.Trim())) == true))
        {
            return;
        }
        SecurityEventLogging.LogForbidden(context.HttpContext);
        context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
    }
}

/// <summary>
/// County users read towns; they never write in one. Any other method than GET or HEAD from a county user is refused
/// with 403, unless the action is marked <see cref="CountyMayPostAttribute"/>.
/// </summary>
public sealed class CountyReadOnlyFilter : IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || !CountyReading.IsCountyUser(context.HttpContext.User)
            || context.ActionDescriptor.EndpointMetadata.OfType<CountyMayPostAttribute>().Any())
        {
            return;
        }
        SecurityEventLogging.LogForbidden(context.HttpContext);
        context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
    }
}

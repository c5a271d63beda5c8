using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using SanLing.Infrastructure.Identity;
using SanLing.Web.Setup;

namespace SanLing.Web.Security;

/// <summary>
/// Whether this deployment requires a second factor (TOTP) of the roles in <see cref="Roles.TwoFactorRequired"/>.
/// <c>Security:RequireTwoFactor</c> defaults to true in Production and false elsewhere; set to false explicitly it
/// exempts a closed test deployment, and the start-up log says so.
/// </summary>
public sealed class TwoFactorPolicy(bool required, bool explicitlyExempt)
{
    public const string Setting = "Security:RequireTwoFactor";

    public bool IsRequired { get; } = required;

    /// <summary>A Production deployment whose setting says false: exempt from the requirement (a closed test deployment).</summary>
    public bool IsExplicitlyExempt { get; } = explicitlyExempt;

    public static TwoFactorPolicy From(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetValue<bool?>(Setting);
        return new TwoFactorPolicy(configured ?? environment.IsProduction(), configured == false && environment.IsProduction());
    }

    /// <summary>True when an account with these roles must have a second factor here.</summary>
    public bool IsRequiredFor(IEnumerable<string> roles) => IsRequired && roles.Any(Roles.TwoFactorRequired.Contains);

    public bool IsRequiredFor(ClaimsPrincipal user) => IsRequired && Roles.TwoFactorRequired.Any(user.IsInRole);
}

/// <summary>Registration of the second factor: the policy, the enrolment gate, and the short-lived "password was right" cookie.</summary>
public static class TwoFactorSetup
{
    public static void AddTwoFactor(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TwoFactorPolicy.From(configuration, environment));
        // Between the password and the code Identity keeps the user's id in its own cookie (5 minutes): hardened like the auth cookie.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            var secure = SanLingServices.SecureCookies(configuration);
            o.Cookie.Name = secure ? "__Host-SanLing.TwoFactor" : "SanLing.TwoFactor";
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
        });
    }

    /// <summary>A deployment that turned the requirement off says so at every start.</summary>
    public static void WarnIfTwoFactorExempt(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TwoFactorPolicy>().IsExplicitlyExempt)
        {
            app.Logger.LogWarning("{Setting}=false：系统管理员和综治办账号无须二次验证，仅限封闭的测试环境使用。", TwoFactorPolicy.Setting);
            app.Logger.LogWarning("{Setting}=false: administrators and office staff need no second factor; for a closed test deployment only.", TwoFactorPolicy.Setting);
        }
    }
}

/// <summary>Marks the actions a user may reach before enrolling a required second factor (the enrolment itself).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AllowedBeforeTwoFactorEnrolmentAttribute : Attribute;

/// <summary>
/// Where the second factor is required, an account of such a role that has not enrolled is sent to enrolment from every
/// page: only enrolment, the password change, logout, language and anonymous pages (login, errors) stay open; health
/// checks and static files are not MVC actions and never reach this filter. A pending password change comes first.
/// </summary>
public sealed class TwoFactorEnrolmentGate : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true
            || !user.HasClaim(SanLingClaims.MustEnrolTwoFactor, "true")
            || user.HasClaim(SanLingClaims.MustChangePassword, "true"))
        {
            return;
        }
        var metadata = context.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<AllowedBeforeTwoFactorEnrolmentAttribute>().Any()
            || metadata.OfType<AllowedBeforePasswordChangeAttribute>().Any()
            || metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }
        context.Result = new RedirectToActionResult("Index", "TwoFactor", null);
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}

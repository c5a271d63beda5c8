using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using SanLing.Domain.Api;

namespace SanLing.Web.Features.Api;

/// <summary>The API's services and middleware: bearer scheme, per-token rate limit, OpenAPI document, call log.</summary>
public static class ApiSetup
{
    public const string Policy = "api";
    public const string RateLimitPolicy = "api-per-token";

    public static void AddSanLingApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.HasClaim(x => x.Type is ApiTokenAuthenticationHandler.TownIdClaim or ApiTokenAuthenticationHandler.CountyIdClaim)));

        var perMinute = configuration.GetValue("Api:RequestsPerMinute", ApiRules.DefaultRequestsPerMinute);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ApiTokenAuthenticationHandler.TokenIdOf(context.User)?.ToString(CultureInfo.InvariantCulture) ?? "none",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });

        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "SanLing API",
                    Version = "v1",
                    Description = "Read-only figures of towns for upper-level platforms: stored evaluation runs and aggregates, no personal data. "
                        + "Authorization: Bearer <token>. A town token (created by the town administrator) reads its own town; a county token "
                        + "(created by the county's comprehensive governance center) reads every town of its county, named by the town parameter (its code, as /api/v1/towns lists it).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A SanLing API token (sl_…).",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
                return Task.CompletedTask;
            });
        });
    }

    /// <summary>Before authentication: /api answers in JSON status codes, never with the portal's HTML error pages.</summary>
    public static void UseApiStatusCodes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        }
        await next(context);
    });

    /// <summary>
    /// After authorization: an API call acts for the token's town (the global town filter then keeps other towns out;
    /// a county token's town is chosen per call by <see cref="ApiTownScope"/>) and is logged (token, path, status, time),
    /// rate-limited calls included.
    /// </summary>
    public static void UseApiCallContext(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/api")
            || ApiTokenAuthenticationHandler.TokenIdOf(context.User) is not { } tokenId)
        {
            await next(context);
            return;
        }
        var actor = context.RequestServices.GetRequiredService<CurrentActor>();
        actor.UserId = null;
        actor.UserName = context.User.Identity?.Name;
        actor.Role = "api";
        actor.TownId = ApiTokenAuthenticationHandler.TownIdOf(context.User);
        try
        {
            await next(context);
        }
        finally
        {
            var db = context.RequestServices.GetRequiredService<SanLingDbContext>();
            var clock = context.RequestServices.GetRequiredService<TimeProvider>();
            var path = (context.Request.Path + context.Request.QueryString).ToString();
            db.ApiCallLogs.Add(new ApiCallLog
            {
                TokenId = tokenId,
                Path = path.Length <= 400 ? path : path[..400],
                Status = context.Response.StatusCode,
                At = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
    });
}

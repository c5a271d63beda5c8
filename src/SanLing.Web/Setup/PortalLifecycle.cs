using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Localization;

namespace SanLing.Web.Setup;

/// <summary>How the running portal behaves around its database and its first start.</summary>
public static class PortalLifecycle
{
    /// <summary>Paths the setup redirect leaves alone (the setup page itself, health, errors, the language switch).</summary>
    private static readonly string[] SetupExempt = ["/Setup", "/healthz", "/Error", "/Account/SetLanguage"];

    /// <summary>
    /// When the database cannot be reached, every page answers a Chinese 503 page (no layout, no database) instead of
    /// 500, and the next request tries again: the portal recovers by itself when the database returns.
    /// </summary>
    public static void UseDatabaseOutagePage(this WebApplication app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (DatabaseFailure.IsUnreachable(ex) && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SanLing.Database")
                .LogError(ex, "Database unreachable while serving {Path}", context.Request.Path);
            var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "30";
            context.Response.ContentType = "text/html; charset=utf-8";
            var english = System.Globalization.CultureInfo.CurrentUICulture.Name == "en";
            await context.Response.WriteAsync($$"""
                <!DOCTYPE html>
                <html lang="{{(english ? "en" : "zh-CN")}}">
                <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{{WebUtility.HtmlEncode(text["服务暂时不可用"])}} · {{WebUtility.HtmlEncode(text["三零创建"])}}</title>
                <link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css" /></head>
                <body class="public-page"><main class="container py-5 text-center">
                <h1 class="h4">{{WebUtility.HtmlEncode(text["服务暂时不可用"])}}</h1>
                <p class="text-muted">{{WebUtility.HtmlEncode(text["数据库暂时无法连接，请稍后再试。"])}}</p>
                <a href="/" class="btn btn-outline-primary">{{WebUtility.HtmlEncode(text["重试"])}}</a>
                </main></body></html>
                """);
        }
    });

    /// <summary>While the database is empty (setup gate open), every page leads to the one-time setup page.</summary>
    public static void UseSetupRedirect(this WebApplication app) => app.Use(async (context, next) =>
    {
        var gate = context.RequestServices.GetRequiredService<SetupGate>();
        if (gate.IsOpen && !SetupExempt.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && await gate.IsStillOpenAsync(context.RequestServices.GetRequiredService<SanLingDbContext>(), context.RequestAborted))
        {
            context.Response.Redirect("/Setup");
            return;
        }
        await next(context);
    });

    /// <summary>Once Kestrel listens, the log says where (and, on an empty database, where to set the town up).</summary>
    public static void LogWhereItListens(this WebApplication app) => app.Lifetime.ApplicationStarted.Register(() =>
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return;
        }
        app.Logger.LogInformation("门户已启动：{Addresses}", string.Join(" ", addresses));
        if (app.Services.GetRequiredService<SetupGate>().IsOpen)
        {
            app.Logger.LogWarning("首次设置页面：{SetupUrl}", addresses.First().TrimEnd('/') + "/Setup");
        }
    });
}

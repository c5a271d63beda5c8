using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SanLing.Web.Security;

/// <summary>
/// Refused requests are security events: a 403 (role or scope) and a failed antiforgery check are logged as warnings
/// with the user and the route, so a probe stands out in the log.
/// </summary>
public static class SecurityEventLogging
{
    public const string Category = "SanLing.Security";

    /// <summary>Logs a 403 answered by the cookie handler (authorization failed, or a controller's Forbid()).</summary>
    public static void LogForbidden(HttpContext http) =>
        Logger(http).LogWarning("Access denied (403) for {UserName} on {Method} {Route}",
            http.User.Identity?.Name ?? "(anonymous)", http.Request.Method, http.Request.Path.Value);

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);

    /// <summary>
    /// Runs after the global antiforgery filter, also when that filter short-circuits the request, and logs the failure
    /// (ASP.NET Core itself logs it below the levels a deployment keeps).
    /// </summary>
    public sealed class AntiforgeryFailures : IAlwaysRunResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context)
        {
            if (context.Result is IAntiforgeryValidationFailedResult)
            {
                var http = context.HttpContext;
                Logger(http).LogWarning("Antiforgery check failed for {UserName} on {Method} {Route}",
                    http.User.Identity?.Name ?? "(anonymous)", http.Request.Method, http.Request.Path.Value);
            }
        }

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }
    }
}

/// <summary>
/// Forwarded headers (X-Forwarded-For, X-Forwarded-Proto) are believed only from the reverse proxies listed in
/// <c>Security:KnownProxies</c> (addresses or CIDR networks; none by default). Anyone else's headers are ignored, so a
/// client cannot choose the address that sign-in limits and session records see.
/// </summary>
public static class TrustedProxies
{
    public const string Key = "Security:KnownProxies";

    /// <summary>The configured proxies; an entry that is neither an address nor a network stops the start.</summary>
    public static (IReadOnlyList<IPAddress> Proxies, IReadOnlyList<System.Net.IPNetwork> Networks) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        var entries = section.Value is { } single
            ? single.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "{0} 中的“{1}”既不是 IP 地址，也不是网段（如 10.0.0.0/8）。", Key, entry));
            }
        }
        return (proxies, networks);
    }

    /// <summary>Honours forwarded headers from the configured proxies only; without any, the middleware is left out.</summary>
    public static void UseTrustedProxies(this WebApplication app)
    {
        var (proxies, networks) = Read(app.Configuration);
        if (proxies.Count == 0 && networks.Count == 0)
        {
            return;
        }
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Trust is decided by the lists: every hop that is a listed proxy is unwrapped.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(proxy);
        }
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(network);
        }
        app.UseForwardedHeaders(options);
    }
}

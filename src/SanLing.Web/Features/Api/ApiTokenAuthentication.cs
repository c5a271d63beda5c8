using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SanLing.Domain.Api;

namespace SanLing.Web.Features.Api;

/// <summary>
/// "Authorization: Bearer sl_…" for /api only. The token's row is found by its clear prefix, the whole token checked
/// against the stored SHA-256 in constant time; revoked or expired tokens, and tokens with no scope, are refused with
/// 401. A town token carries its town, a county token its county (<see cref="ApiTownScope"/> picks the town per call). Cookies never reach the API: its endpoints ask for this scheme alone.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SanLingDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenIdClaim = "sanling:api-token";
    public const string TownIdClaim = "sanling:api-town";
    public const string CountyIdClaim = "sanling:api-county";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        if (ApiRules.PrefixOf(token) is not { } prefix)
        {
            return AuthenticateResult.Fail("not a SanLing API token");
        }
        var row = await db.ApiTokens.AsNoTracking().Where(t => t.Prefix == prefix)
            .Select(t => new { t.Id, t.TownId, t.CountyId, t.Name, t.SecretHash, t.RevokedAt, t.ExpiresAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (row is null || !ApiRules.Matches(token, row.SecretHash))
        {
            return AuthenticateResult.Fail("unknown API token");
        }
        var now = clock.GetUtcNow();
        if (row.RevokedAt is not null || (row.ExpiresAt is { } expires && expires <= now))
        {
            return AuthenticateResult.Fail("revoked or expired API token");
        }
        var scope = (row.TownId, row.CountyId) switch
        {
            ({ } town, null) => new Claim(TownIdClaim, town.ToString(CultureInfo.InvariantCulture)),
            (null, { } county) => new Claim(CountyIdClaim, county.ToString(CultureInfo.InvariantCulture)),
            _ => null,
        };
        if (scope is null)
        {
            return AuthenticateResult.Fail("API token without a town or county scope");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "api:" + row.Name),
            new Claim(TokenIdClaim, row.Id.ToString(CultureInfo.InvariantCulture)),
            scope,
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    public static int? TokenIdOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(TokenIdClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static int? TownIdOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(TownIdClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The county of a county-scope token, or null.</summary>
    public static int? CountyIdOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(CountyIdClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
}

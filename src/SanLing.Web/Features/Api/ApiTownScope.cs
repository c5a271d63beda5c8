namespace SanLing.Web.Features.Api;

/// <summary>
/// Which town an API call reads, from the token and the optional <c>town</c> query parameter (a town's code):
/// a town token reads its own town (naming another is 404); a county token reads the town it names, when that town is
/// of its county (another county's town, or an unknown code, is 404). Without a town, a county token reads only the
/// list of its towns; the figures endpoints answer 400.
/// </summary>
public sealed class ApiTownScope(bool needsTown) : IEndpointFilter
{
    public const string Parameter = "town";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var code = http.Request.Query[Parameter].ToString().Trim();
        var db = http.RequestServices.GetRequiredService<SanLingDbContext>();
        var actor = http.RequestServices.GetRequiredService<CurrentActor>();
        var ct = http.RequestAborted;
        if (ApiTokenAuthenticationHandler.TownIdOf(http.User) is { } own)
        {
            if (code.Length > 0 && !await db.Towns.AsNoTracking().AnyAsync(t => t.Id == own && t.Code == code, ct))
            {
                return TypedResults.NotFound();
            }
            actor.TownId = own;
        }
        else if (ApiTokenAuthenticationHandler.CountyIdOf(http.User) is { } county)
        {
            if (code.Length == 0)
            {
                actor.TownId = null;
                if (needsTown)
                {
                    return TypedResults.Problem("A county token names the town: ?town=<code> (see /api/v1/towns).", statusCode: StatusCodes.Status400BadRequest);
                }
            }
            else
            {
                var town = await db.Towns.AsNoTracking().Where(t => t.CountyId == county && t.Code == code).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
                if (town is null)
                {
                    return TypedResults.NotFound();
                }
                actor.TownId = town;
            }
        }
        else
        {
            return TypedResults.Unauthorized();
        }
        return await next(context);
    }
}

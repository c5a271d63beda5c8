using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SanLing.Web.Features.Api;

/// <summary>
/// /api/v1: read-only figures for upper-level platforms (issue 15 item 4). Bearer token only (no cookie), per-token rate
/// limit, each call logged (<see cref="ApiSetup"/>). A year without a stored run is 404. Every endpoint takes the
/// <c>town</c> parameter (<see cref="ApiTownScope"/>): optional for a town token, required for a county token's figures.
/// </summary>
public static class ApiEndpoints
{
    public static void MapSanLingApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var v1 = app.MapGroup("/api/v1")
            .RequireAuthorization(ApiSetup.Policy)
            .RequireRateLimiting(ApiSetup.RateLimitPolicy)
            .WithTags("v1")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        v1.MapGet("/towns", async (HttpContext http, [Description(TownDescription)] string? town, ApiQueries q, CancellationToken ct) =>
                TypedResults.Ok(await q.TownsAsync(ApiTokenAuthenticationHandler.CountyIdOf(http.User), ct)))
            .AddEndpointFilter(new ApiTownScope(needsTown: false))
            .Produces(StatusCodes.Status404NotFound)
            .WithName("GetTowns").WithSummary("The towns this token reads: a town token its one town, a county token every town of its county.");

        var figures = v1.MapGroup("")
            .AddEndpointFilter(new ApiTownScope(needsTown: true))
            .ProducesProblem(StatusCodes.Status400BadRequest);

        figures.MapGet("/rates", async Task<Results<Ok<ApiRates>, NotFound>> ([Description(TownDescription)] string? town, int? year, ApiQueries q, CancellationToken ct) =>
                await q.RatesAsync(year, ct) is { } rates ? TypedResults.Ok(rates) : TypedResults.NotFound())
            .WithName("GetRates")
            .WithSummary("Compliance by target group, kind and territory for a year (latest year without one): the published annual run, or the current year's provisional as-of run.");

        figures.MapGet("/verdicts", async Task<Results<Ok<ApiVerdicts>, NotFound>> ([Description(TownDescription)] string? town, int? year, string? subject, int? page, int? pageSize, ApiQueries q, CancellationToken ct) =>
                await q.VerdictsAsync(year, subject, page ?? 1, pageSize ?? 100, ct) is { } verdicts ? TypedResults.Ok(verdicts) : TypedResults.NotFound())
            .WithName("GetVerdicts")
            .WithSummary("Each subject's verdict and its verdict per standard item, with reason codes only (paged by subject code; pageSize up to 200).");

        figures.MapGet("/completeness", async Task<Results<Ok<ApiCompleteness>, BadRequest>> ([Description(TownDescription)] string? town, int year, ApiQueries q, CancellationToken ct) =>
                IsYear(year) ? TypedResults.Ok(await q.CompletenessAsync(year, ct)) : TypedResults.BadRequest())
            .Produces(StatusCodes.Status404NotFound)
            .WithName("GetCompleteness").WithSummary("Monthly inspections expected and submitted in a year.");

        figures.MapGet("/incidents", async Task<Results<Ok<ApiIncidents>, BadRequest>> ([Description(TownDescription)] string? town, int year, ApiQueries q, CancellationToken ct) =>
                IsYear(year) ? TypedResults.Ok(await q.IncidentsAsync(year, ct)) : TypedResults.BadRequest())
            .Produces(StatusCodes.Status404NotFound)
            .WithName("GetIncidents").WithSummary("New petitions, accidents and cases by month of a year, and the supervision orders open and escalated now.");
    }

    private const string TownDescription =
        "The town's code (as /api/v1/towns lists it). Required with a county token; with a town token optional, and only its own town.";

    private static bool IsYear(int year) => year is >= 2000 and <= 2100;
}

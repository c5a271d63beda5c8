using Microsoft.AspNetCore.Http.HttpResults;

namespace SanLing.Web.Features.Api;

/// <summary>
/// /api/v1: read-only figures for upper-level platforms (issue 15 item 4). Bearer token only (no cookie), per-token rate
/// limit, each call logged (<see cref="ApiSetup"/>). A year without a stored run is 404.
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

        v1.MapGet("/towns", async (ApiQueries q, CancellationToken ct) => TypedResults.Ok(await q.TownsAsync(ct)))
            .WithName("GetTowns").WithSummary("The towns this token reads (today: its one town).");

        v1.MapGet("/rates", async Task<Results<Ok<ApiRates>, NotFound>> (int? year, ApiQueries q, CancellationToken ct) =>
                await q.RatesAsync(year, ct) is { } rates ? TypedResults.Ok(rates) : TypedResults.NotFound())
            .WithName("GetRates")
            .WithSummary("Compliance by target group, kind and territory for a year (latest year without one): the published annual run, or the current year's provisional as-of run.");

        v1.MapGet("/verdicts", async Task<Results<Ok<ApiVerdicts>, NotFound>> (int? year, string? subject, int? page, int? pageSize, ApiQueries q, CancellationToken ct) =>
                await q.VerdictsAsync(year, subject, page ?? 1, pageSize ?? 100, ct) is { } verdicts ? TypedResults.Ok(verdicts) : TypedResults.NotFound())
            .WithName("GetVerdicts")
            .WithSummary("Each subject's verdict and its verdict per standard item, with reason codes only (paged by subject code; pageSize up to 200).");

        v1.MapGet("/completeness", async Task<Results<Ok<ApiCompleteness>, BadRequest>> (int year, ApiQueries q, CancellationToken ct) =>
                IsYear(year) ? TypedResults.Ok(await q.CompletenessAsync(year, ct)) : TypedResults.BadRequest())
            .WithName("GetCompleteness").WithSummary("Monthly inspections expected and submitted in a year.");

        v1.MapGet("/incidents", async Task<Results<Ok<ApiIncidents>, BadRequest>> (int year, ApiQueries q, CancellationToken ct) =>
                IsYear(year) ? TypedResults.Ok(await q.IncidentsAsync(year, ct)) : TypedResults.BadRequest())
            .WithName("GetIncidents").WithSummary("New petitions, accidents and cases by month of a year, and the supervision orders open and escalated now.");
    }

    private static bool IsYear(int year) => year is >= 2000 and <= 2100;
}

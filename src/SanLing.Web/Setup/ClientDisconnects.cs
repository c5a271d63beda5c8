namespace SanLing.Web.Setup;

/// <summary>
/// A request whose client went away (a closed tab, a phone losing signal, a load tool stopping) ends with 499 and an
/// information line, not with an error: otherwise the request log reports it as a 500 with a cancelled-task exception,
/// and a real failure is harder to find among them. Cancellations the client did not cause still fail as errors.
/// </summary>
public static class ClientDisconnects
{
    public static IApplicationBuilder UseClientDisconnects(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            }
        }
    });
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SanLing.Web.Setup;

namespace SanLing.Web.Tests;

/// <summary>A request the client abandoned ends as 499 (logged as information); any other cancellation still fails.</summary>
public sealed class ClientDisconnectTests
{
    private static RequestDelegate PipelineThatIsCancelled()
    {
        var app = new ApplicationBuilder(new ServiceCollection().BuildServiceProvider());
        app.UseClientDisconnects();
        app.Run(context => Task.FromCanceled(new CancellationToken(canceled: true)));
        return app.Build();
    }

    [Fact]
    public async Task A_request_the_client_abandoned_ends_as_499_without_an_exception()
    {
        using var abandoned = new CancellationTokenSource();
        await abandoned.CancelAsync();
        var context = new DefaultHttpContext { RequestAborted = abandoned.Token };

        await PipelineThatIsCancelled()(context);

        Assert.Equal(StatusCodes.Status499ClientClosedRequest, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_cancellation_the_client_did_not_cause_is_still_an_error()
    {
        var context = new DefaultHttpContext();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PipelineThatIsCancelled()(context));
    }
}

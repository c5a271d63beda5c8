using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Domain.KeyPopulations;
using SanLing.Infrastructure.Data;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests;

/// <summary>
/// Audit lines written at the same moment chain one after another: honest data never looks tampered with,
/// however many people open the same page at once.
/// </summary>
public sealed class AuditChainConcurrencyTests : IDisposable
{
    private readonly SanLingFactory _factory = DemoTown.Start(kestrel: false);

    [Fact]
    public async Task Fifty_simultaneous_views_and_some_follow_ups_leave_an_intact_chain_with_every_view()
    {
        var personId = await _factory.WithDbAsync(db => db.KeyPersons.OrderBy(k => k.Id).Select(k => k.Id).FirstAsync());
        var clients = new List<HttpClient>();
        for (var i = 0; i < 5; i++)
        {
            clients.Add(await _factory.CreateBrowserlessClient().LoggedInAsync("office"));
        }
        var page = await clients[0].GetPageAsync($"/KeyPersons/Details/{personId}");
        var visitedOn = page.QuerySelector("#VisitedOn")!.GetAttribute("value")!;
        var token = PortalClient.TokenOf(page);
        var viewsBefore = await ViewCountAsync(personId);
        var followUpsBefore = await _factory.WithDbAsync(db => db.FollowUps.CountAsync(f => f.KeyPersonId == personId));

        var views = Enumerable.Range(0, 50).Select(i => clients[i % clients.Count].GetAsync($"/KeyPersons/Details/{personId}"));
        var followUps = Enumerable.Range(0, 5).Select(i => clients[0].PostFormAsync($"/KeyPersons/FollowUp/{personId}", token,
            [new("VisitedOn", visitedOn), new("VisitedBy", "王主任"), new("Note", $"同时走访 {i}")]));
        var responses = await Task.WhenAll(views.Concat(followUps));

        Assert.All(responses.Take(50), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses.Skip(50), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var verification = await _factory.WithDbAsync(db => AuditChain.VerifyAndRecordAsync(db, TimeProvider.System));
        Assert.True(verification.Intact, $"审计日志在第 {verification.BrokenAt} 条处断链");
        Assert.Equal(viewsBefore + 50, await ViewCountAsync(personId));
        Assert.Equal(followUpsBefore + 5, await _factory.WithDbAsync(db => db.FollowUps.CountAsync(f => f.KeyPersonId == personId)));
        Assert.Equal(5, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(FollowUp) && a.Action == AuditAction.Create)));
    }

    [Fact]
    public async Task Two_processes_appending_at_once_still_chain_one_after_the_other()
    {
        // Two connection strings to one file stand for the portal and a command running beside it:
        // nothing inside this process orders them, only the database does.
        var portal = new SqliteConnectionStringBuilder { DataSource = _factory.DatabasePath }.ToString();
        var command = new SqliteConnectionStringBuilder { DataSource = _factory.DatabasePath, Pooling = false }.ToString();
        var townId = await _factory.WithDbAsync(db => db.Towns.Select(t => t.Id).SingleAsync());
        var linesBefore = await _factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        var appends = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await using var db = ContextOn(i % 2 == 0 ? portal : command, townId, i % 2 == 0 ? "portal" : "command");
            await AuditChain.AppendAsync(db, TimeProvider.System, AuditAction.Export, "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        }));
        await Task.WhenAll(appends);

        Assert.Null(await _factory.WithDbAsync(db => AuditChain.FirstBrokenLineAsync(db)));
        Assert.Equal(linesBefore + 40, await _factory.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    private SqliteSanLingDbContext ContextOn(string connectionString, int townId, string name)
    {
        var actor = new CurrentActor();
        actor.ActAsSystem(townId, name);
        var options = new DbContextOptionsBuilder<SqliteSanLingDbContext>()
            .UseSqlite(connectionString)
            // The portal's own interceptor: the same audit key and head checkpoint as a command beside it would use.
            .AddInterceptors(_factory.Services.GetRequiredService<AuditingInterceptor>())
            .Options;
        return new SqliteSanLingDbContext(options, actor);
    }

    private Task<int> ViewCountAsync(int personId) => _factory.WithDbAsync(db =>
        db.AuditEntries.CountAsync(a => a.Action == AuditAction.View && a.EntityType == nameof(KeyPerson) && a.EntityId == personId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public void Dispose() => _factory.Dispose();
}

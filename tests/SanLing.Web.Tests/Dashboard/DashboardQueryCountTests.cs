using System.Data.Common;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SanLing.Infrastructure.Data;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Dashboard;

/// <summary>Counts the SQL commands the app sends (test-only interceptor added to the context options).</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public static WebApplicationFactory<Program> Attach(SanLingFactory factory, CommandCounter counter) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(services =>
            services.ConfigureDbContext<SqliteSanLingDbContext>((_, options) => options.AddInterceptors(counter))));
}

/// <summary>The dashboard's SQL command count does not grow with the number of subjects.</summary>
public sealed class DashboardQueryCountTests
{
    private static async Task<Dictionary<string, int>> CountAsync(int perTerritory)
    {
        using var factory = new SanLingFactory(demo: false);
        var town = await DashboardTown.SeedAsync(factory, perTerritory);
        var counter = new CommandCounter();
        using var counted = CommandCounter.Attach(factory, counter);
        var client = counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoggedInAsync("office");
        var run = town.RunOfYear[2025];
        var counts = new Dictionary<string, int>();
        var pages = new Dictionary<string, string>
        {
            ["dashboard"] = "/Dashboard",
            ["dashboard of a territory"] = "/Dashboard?year=2024&territoryId=" + town.Subjects[0].Id,
            ["results"] = $"/Dashboard/Results/{run}",
            ["subject card"] = $"/Dashboard/Subject/{run}/{town.Subjects[^1].Id}",
            ["office"] = "/Dashboard/Office",
            ["warnings"] = "/Dashboard/Warnings",
        };
        foreach (var (name, url) in pages)
        {
            await client.GetPageAsync(url); // warm-up (first-time caches)
            counter.Reset();
            await client.GetPageAsync(url);
            counts[name] = counter.Count;
        }
        Assert.True(await factory.WithDbAsync(db => db.Subjects.CountAsync()) == 3 + (3 * perTerritory));
        return counts;
    }

    [Fact]
    public async Task A_small_and_a_large_town_take_the_same_number_of_queries()
    {
        var small = await CountAsync(perTerritory: 1);   // 6 subjects
        var large = await CountAsync(perTerritory: 66);  // 201 subjects

        Assert.All(small.Values, c => Assert.InRange(c, 1, 20));
        Assert.Equal(small, large);
    }
}

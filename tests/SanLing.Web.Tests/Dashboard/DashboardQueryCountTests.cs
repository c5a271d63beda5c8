using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Dashboard;

/// <summary>The dashboard's SQL command count does not grow with the number of subjects.</summary>
public sealed class DashboardQueryCountTests
{
    private static async Task<Dictionary<string, int>> CountAsync(int perTerritory)
    {
        using var factory = new SanLingFactory(demo: false);
        var town = await DashboardTown.SeedAsync(factory, perTerritory);
        // The current year's stored as-of run: the dashboard's default year and the early warning read it.
        await factory.WithDbAsync(db => new Infrastructure.Evaluation.AsOfRefresher(db, factory.Clock).RefreshAsync());
        using var counter = new QueryCounter(factory.DatabasePath);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
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
            ["early warning"] = "/Evaluation/Warning",
        };
        foreach (var (name, url) in pages)
        {
            await client.GetPageAsync(url); // warm-up (first-time caches)
            counts[name] = await counter.CountAsync(() => client.GetPageAsync(url));
        }
        Assert.True(await factory.WithDbAsync(db => db.Subjects.CountAsync()) == 3 + (3 * perTerritory));
        return counts;
    }

    [Fact]
    public async Task A_small_and_a_large_town_take_the_same_number_of_queries()
    {
        var small = await CountAsync(perTerritory: 1);   // 6 subjects
        var large = await CountAsync(perTerritory: 66);  // 201 subjects

        // A ceiling against a query per tile creeping in (今日工作 has about twenty tiles); the equality below is the rule.
        Assert.All(small.Values, c => Assert.InRange(c, 1, 25));
        Assert.Equal(small, large);
    }
}

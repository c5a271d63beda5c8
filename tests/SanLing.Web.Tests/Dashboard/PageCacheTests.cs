using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Auditing;
using SanLing.Domain.Ledgers;
using SanLing.Infrastructure.Data;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Dashboard;

/// <summary>
/// The heavy read pages answer from memory while the data version stands, run a fixed number of SQL commands whether
/// they are built or remembered, and never show figures from before a write.
/// </summary>
public sealed class PageCacheTests
{
    private sealed record Counts(int Built, int Remembered);

    private static Dictionary<string, string> Pages(DashboardTown town) => new()
    {
        ["dashboard"] = "/Dashboard",
        ["dashboard results"] = $"/Dashboard/Results/{town.RunOfYear[2025]}",
        ["office"] = "/Dashboard/Office",
        ["completeness matrix"] = "/InspectionReview?year=2026",
        ["early warning"] = "/Evaluation/Warning",
        ["evaluation results"] = $"/Evaluation/Results/{town.RunOfYear[2025]}",
    };

    /// <summary>Any committed change: one more line on the audit chain (as every save, import and run writes).</summary>
    private static Task WriteSomethingAsync(SanLingFactory factory) =>
        factory.WithDbAsync(db => AuditChain.AppendAsync(db, factory.Clock, AuditAction.Update, "Test", null, null));

    private static async Task<Dictionary<string, Counts>> CountAsync(int perTerritory)
    {
        using var factory = new SanLingFactory(demo: false);
        var town = await DashboardTown.SeedAsync(factory, perTerritory);
        await factory.WithDbAsync(db => new Infrastructure.Evaluation.AsOfRefresher(db, factory.Clock).RefreshAsync());
        using var counter = new QueryCounter(factory.DatabasePath);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.LoggedInAsync("office");
        var counts = new Dictionary<string, Counts>();
        foreach (var (name, url) in Pages(town))
        {
            await client.GetPageAsync(url); // warm-up (first-time caches, the session check)
            await WriteSomethingAsync(factory);
            var built = await counter.CountAsync(() => client.GetPageAsync(url));
            var remembered = await counter.CountAsync(() => client.GetPageAsync(url));
            counts[name] = new Counts(built, remembered);
        }
        Assert.Equal(3 + (3 * perTerritory), await factory.WithDbAsync(db => db.Subjects.CountAsync()));
        return counts;
    }

    [Fact]
    public async Task Built_or_remembered_a_heavy_page_takes_the_same_queries_in_a_small_and_a_large_town()
    {
        var small = await CountAsync(perTerritory: 1);   // 6 subjects
        var large = await CountAsync(perTerritory: 66);  // 201 subjects

        Assert.Equal(small, large);
        // Remembered: the sign-in's own look-ups and the data version, nothing of the page.
        Assert.All(small.Values, c => Assert.True(c.Remembered < c.Built, $"{c.Remembered} ≥ {c.Built}"));
        Assert.All(small.Values, c => Assert.InRange(c.Remembered, 1, 6));
    }

    [Fact]
    public async Task A_page_shows_a_change_at_once()
    {
        using var factory = new SanLingFactory(demo: false);
        var town = await DashboardTown.SeedAsync(factory, perTerritory: 2);
        await factory.WithDbAsync(db => new Infrastructure.Evaluation.AsOfRefresher(db, factory.Clock).RefreshAsync());
        var client = await factory.CreateBrowserlessClient().LoggedInAsync("office");
        var pages = Pages(town);
        var subject = town.Subjects[^1];
        foreach (var url in pages.Values)
        {
            Assert.DoesNotContain("改名后的企业", (await client.GetPageAsync(url)).Body!.TextContent);
        }
        static int Backlog(AngleSharp.Html.Dom.IHtmlDocument office) => int.Parse(office.QuerySelector("#backlog-petitions .figure")!.TextContent.Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
        var backlogBefore = Backlog(await client.GetPageAsync("/Dashboard/Office"));

        // A subject renamed and an old petition still open, as any edit saves them.
        await factory.WithDbAsync(async db =>
        {
            var entity = await db.Subjects.SingleAsync(s => s.Id == subject.Id);
            entity.Name = "改名后的企业";
            db.Petitions.Add(new Petition { Number = "XF-CACHE-1", SubjectId = subject.Id, OccurredOn = new DateOnly(2025, 6, 1), Kind = PetitionKind.Individual });
            await db.SaveChangesAsync();
        });

        Assert.Equal(backlogBefore + 1, Backlog(await client.GetPageAsync("/Dashboard/Office")));
        Assert.Contains("改名后的企业", (await client.GetPageAsync(pages["completeness matrix"])).Body!.TextContent);
        Assert.Contains("改名后的企业", (await client.GetPageAsync(pages["dashboard results"])).Body!.TextContent);
        Assert.Contains("改名后的企业", (await client.GetPageAsync(pages["evaluation results"])).Body!.TextContent);
    }
}

using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Registry;

/// <summary>A subject's detail page shows its history, the sections each role may see, at a fixed query cost.</summary>
[Collection(DemoTownCollection.Name)]
public sealed class SubjectHistoryTests(DemoTownFixture demo)
{
    private Task<int> IdOf(string code) => demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Office_sees_every_section_with_the_years_twelve_months_and_the_subjects_own_records()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var id = await IdOf("CUN01");
        var petitions = await demo.Factory.WithDbAsync(db => db.Petitions.Where(p => p.SubjectId == id).OrderByDescending(p => p.OccurredOn).Select(p => p.Number).Take(20).ToListAsync());
        var rentals = await demo.Factory.WithDbAsync(db => db.RentalHouses.CountAsync(r => r.SubjectId == id));

        var page = await client.GetPageAsync($"/Subjects/Details/{id}");

        foreach (var section in new[] { "months", "findings", "petitions", "accidents", "cases", "key-persons", "rentals", "results" })
        {
            Assert.True(page.QuerySelector($"#history-{section}") is not null, section);
        }
        Assert.Equal(12, page.QuerySelectorAll("#history-months .history-month").Length);
        Assert.Contains(page.QuerySelectorAll("#history-months .history-month"), m => m.GetAttribute("data-state") is "Complete" or "CompleteLate" or "Missing" or "Partial");
        var shown = page.QuerySelectorAll("#history-petitions tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(petitions, shown);
        Assert.Equal(Math.Min(rentals, 20), page.QuerySelectorAll("#history-rentals tbody tr").Length);
        Assert.NotEmpty(page.QuerySelectorAll("#history-results tbody tr"));
    }

    [Fact]
    public async Task A_grid_worker_sees_no_key_persons_and_leadership_no_ledgers_nor_names()
    {
        var id = await IdOf("CUN01");
        var grid = await (await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid")).GetPageAsync($"/Subjects/Details/{id}");
        Assert.Null(grid.QuerySelector("#history-key-persons"));
        Assert.NotNull(grid.QuerySelector("#history-petitions"));

        var leader = await (await demo.Factory.CreateBrowserlessClient().LoggedInAsync("leader")).GetPageAsync($"/Subjects/Details/{id}");
        foreach (var section in new[] { "findings", "petitions", "accidents", "cases", "key-persons", "rentals" })
        {
            Assert.True(leader.QuerySelector($"#history-{section}") is null, section);
        }
        Assert.Equal(12, leader.QuerySelectorAll("#history-months .history-month").Length);
        Assert.NotNull(leader.QuerySelector("#history-results"));
        var anyName = await demo.Factory.WithDbAsync(db => db.KeyPersons.Where(k => k.SubjectId == id).Select(k => k.Name).FirstAsync());
        Assert.DoesNotContain(anyName, leader.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_costs_the_same_queries_for_a_busy_village_as_for_a_quiet_enterprise()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var busy = await IdOf("CUN01");
        var quiet = await demo.Factory.WithDbAsync(db => db.Subjects
            .Where(s => s.TerritoryId != null && !db.Petitions.Any(p => p.SubjectId == s.Id) && !db.RentalHouses.Any(r => r.SubjectId == s.Id))
            .Select(s => s.Id).FirstAsync());
        var busyRows = await demo.Factory.WithDbAsync(db => Task.FromResult(db.Petitions.Count(p => p.SubjectId == busy) + db.Findings.Count(f => f.Inspection!.SubjectId == busy)));
        Assert.True(busyRows > 20, $"CUN01 has only {busyRows} records");

        async Task<int> Measure(int id)
        {
            using var counter = new QueryCounter(demo.Factory.DatabasePath);
            await client.GetPageAsync($"/Subjects/Details/{id}");
            return counter.Count;
        }

        await Measure(busy); // warm-up: the first request of a client may check its session once more
        var quietQueries = await Measure(quiet);
        var busyQueries = await Measure(busy);

        Assert.Equal(quietQueries, busyQueries);
        Assert.InRange(busyQueries, 8, 20);
    }
}

using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.FieldWork;

/// <summary>The demo grid worker's worklist names the key persons of their village not yet visited this month.</summary>
public sealed class WorklistDemoTownTests(DemoTownFixture demo) : IClassFixture<DemoTownFixture>
{
    [Fact]
    public async Task Key_persons_not_yet_visited_this_month_are_on_the_grid_workers_worklist_and_a_visit_takes_them_off()
    {
        var first = new DateOnly(2026, 11, 1);
        var today = new DateOnly(2026, 11, 25);
        var expected = await demo.Factory.WithDbAsync(db => db.KeyPersons
            .Where(k => k.Subject!.TerritoryId == db.Subjects.Where(s => s.Code == "CUN01").Select(s => s.Id).Single() || k.Subject.Code == "CUN01")
            .Where(k => k.ListedOn <= today && (k.DelistedOn == null || k.DelistedOn >= first))
            .Where(k => !k.FollowUps.Any(f => f.VisitedOn >= first))
            .OrderBy(k => k.Number).Select(k => new { k.Id, k.Number }).ToListAsync());
        Assert.NotEmpty(expected);
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");

        var page = await client.GetPageAsync("/Worklist");

        var listed = page.QuerySelectorAll("#unvisited-persons li[data-kind=person]").Select(li => li.GetAttribute("data-person")).ToList();
        Assert.Equal(expected.Take(20).Select(k => k.Number), listed);
        Assert.Equal($"/KeyPersons/Details/{expected[0].Id}", page.QuerySelector("#unvisited-persons li a")!.GetAttribute("href"));

        var details = await client.GetPageAsync($"/KeyPersons/Details/{expected[0].Id}");
        var form = details.QuerySelector("form[action*='FollowUp']")!;
        var values = PortalClient.FormValues(details, "form[action*='FollowUp']");
        values["Note"] = "上门走访";
        await client.PostFormAsync(form.GetAttribute("action")!, PortalClient.TokenOf(details), values);

        var after = await client.GetPageAsync("/Worklist");
        Assert.DoesNotContain(expected[0].Number, after.QuerySelectorAll("#unvisited-persons li[data-kind=person]").Select(li => li.GetAttribute("data-person")));
    }
}

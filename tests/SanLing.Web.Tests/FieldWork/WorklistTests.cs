using System.Net;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.FieldWork;

/// <summary>
/// A grid worker signs in to 待办: each grid's inspection of the month due now (last month up to the due day, then
/// this month) with the days left, earlier months still missing marked overdue; 本月排查 opens on the due month.
/// </summary>
public sealed class WorklistTests(FieldWorkTownFixture town) : IClassFixture<FieldWorkTownFixture>
{
    private static IEnumerable<AngleSharp.Dom.IElement> Due(AngleSharp.Html.Dom.IHtmlDocument page, string grid) =>
        page.QuerySelectorAll($"#due-inspections li[data-kind=inspection][data-grid='{grid}']");

    [Fact]
    public async Task Signing_in_lands_a_grid_worker_on_the_worklist_with_it_in_the_menu()
    {
        town.SetToday(2026, 12, 1);
        var client = await town.ClientAsync("w1");

        var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Worklist", home.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync("/Worklist");
        Assert.Contains(page.QuerySelectorAll("#main-nav a.nav-link"), a => a.GetAttribute("href") == "/Worklist" && a.TextContent.Trim() == "待办");
    }

    [Fact]
    public async Task On_the_1st_last_month_is_due_in_4_days_and_this_is_where_本月排查_opens()
    {
        town.SetToday(2026, 12, 1);
        var client = await town.ClientAsync("w1");

        var page = await client.GetPageAsync("/Worklist");

        var items = Due(page, "V1-G2").ToList();
        var item = Assert.Single(items, i => i.GetAttribute("data-state") == "due");
        Assert.Equal("2026-11", item.GetAttribute("data-month"));
        Assert.Equal("还剩 4 天", item.QuerySelector(".due-state")!.TextContent.Trim());
        // October, never submitted, was due on 5 November.
        var october = Assert.Single(items, i => i.GetAttribute("data-month") == "2026-10");
        Assert.Equal("已逾期 26 天", october.QuerySelector(".due-state")!.TextContent.Trim());
        Assert.Equal("/Inspections/Edit?subjectId=" + town.Subjects["V1"] + "&gridId=" + town.Grids["V1-G2"] + "&month=2026-11",
            item.QuerySelector("a")!.GetAttribute("href"));
        var inspections = await client.GetPageAsync("/Inspections");
        Assert.Equal("2026-11", inspections.QuerySelector("#month option[selected]")!.GetAttribute("value"));
        // The selector still reaches every month the worker may change, this one included.
        var months = inspections.QuerySelectorAll("#month option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("2026-12", months);
        Assert.Contains("2025-01", months);
    }

    [Fact]
    public async Task On_the_5th_last_month_is_due_today()
    {
        town.SetToday(2026, 12, 5);
        var client = await town.ClientAsync("w1");

        var page = await client.GetPageAsync("/Worklist");

        var item = Assert.Single(Due(page, "V1-G2"), i => i.GetAttribute("data-state") == "due");
        Assert.Equal("2026-11", item.GetAttribute("data-month"));
        Assert.Equal("今天截止", item.QuerySelector(".due-state")!.TextContent.Trim());
        Assert.Equal("2026-11", (await client.GetPageAsync("/Inspections")).QuerySelector("#month option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task On_the_6th_this_month_is_due_and_last_month_is_marked_overdue()
    {
        town.SetToday(2026, 12, 6);
        var client = await town.ClientAsync("w1");

        var page = await client.GetPageAsync("/Worklist");

        var items = Due(page, "V1-G2").ToList();
        var december = Assert.Single(items, i => i.GetAttribute("data-month") == "2026-12");
        Assert.Equal("due", december.GetAttribute("data-state"));
        Assert.Equal("还剩 30 天", december.QuerySelector(".due-state")!.TextContent.Trim());
        var november = Assert.Single(items, i => i.GetAttribute("data-month") == "2026-11");
        Assert.Equal("overdue", november.GetAttribute("data-state"));
        Assert.Contains("worklist-overdue", november.ClassName, StringComparison.Ordinal);
        Assert.Equal("已逾期 1 天", november.QuerySelector(".due-state")!.TextContent.Trim());
        Assert.Equal("2026-12", (await client.GetPageAsync("/Inspections")).QuerySelector("#month option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_worklist_names_rental_houses_to_register_and_only_the_workers_own_grids()
    {
        town.SetToday(2026, 12, 1);
        var client = await town.ClientAsync("w1");

        var page = await client.GetPageAsync("/Worklist");

        var house = Assert.Single(page.QuerySelectorAll("#unregistered-houses li[data-kind=house]"));
        Assert.Equal("CZ-0007", house.GetAttribute("data-house"));
        Assert.Empty(Due(page, "V2-G1"));
        var other = await (await town.ClientAsync("w2")).GetPageAsync("/Worklist");
        Assert.Empty(other.QuerySelectorAll("#unregistered-houses li[data-kind=house]"));
    }

    [Fact]
    public async Task A_new_rental_house_is_offered_the_next_town_number_which_stays_editable_and_unique()
    {
        town.SetToday(2026, 12, 1);
        var client = await town.ClientAsync("w1");

        var form = await client.GetPageAsync("/RentalHouses/Create");

        Assert.Equal("CZ-0008", form.QuerySelector("#Number")!.GetAttribute("value"));
        var values = PortalClient.FormValues(form);
        values["Number"] = "CZ-0007";
        values["SubjectCode"] = "V1";
        values["Address"] = "东村路 8 号";
        var taken = await client.PostFormAsync("/RentalHouses/Create", PortalClient.TokenOf(form), values);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("已存在", (await taken.ParseAsync()).QuerySelector("[data-field=Number]")!.TextContent, StringComparison.Ordinal);
        var list = await client.GetPageAsync("/RentalHouses");
        Assert.NotNull(list.QuerySelector("#unregistered-warning"));
        Assert.Contains("4.3", list.QuerySelector("#rental-house-list .blocks-item")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worklist_takes_the_same_number_of_queries_whatever_the_number_of_open_findings()
    {
        town.SetToday(2026, 12, 1);
        var client = await town.ClientAsync("w2");
        var before = await QueriesOfWorklistAsync(client);
        await town.Factory.WithDbAsync(async db =>
        {
            var inspection = new Domain.Inspections.Inspection
            {
                SubjectId = town.Subjects["V2"], GridId = town.Grids["V2-G1"], Month = new DateOnly(2026, 9, 1), InspectedOn = new DateOnly(2026, 9, 20),
                Status = Domain.Inspections.InspectionStatus.Submitted,
            };
            for (var i = 0; i < 5; i++)
            {
                inspection.Findings.Add(new Domain.Inspections.Finding
                {
                    Type = Domain.Inspections.FindingType.Dispute, DisputeCategory = Domain.Inspections.DisputeCategory.Neighbour,
                    Description = $"邻里纠纷 {i}", Status = Domain.Inspections.FindingStatus.Mediating,
                });
            }
            db.Inspections.Add(inspection);
            await db.SaveChangesAsync();
        });

        var after = await QueriesOfWorklistAsync(client);

        Assert.Equal(before, after);
    }

    private async Task<int> QueriesOfWorklistAsync(HttpClient client)
    {
        using var counter = new QueryCounter(town.Factory.DatabasePath);
        await client.GetPageAsync("/Worklist");
        return counter.Queries;
    }
}

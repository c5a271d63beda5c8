using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Ledgers;

[Collection(DemoTownCollection.Name)]
public sealed class GridLedgerTests(DemoTownFixture demo)
{
    [Fact]
    public async Task Office_adds_a_grid_and_links_the_grid_workers_account()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Grids/Create");

        var response = await client.PostFormAsync("/Grids/Create", token,
            [new("Code", "CUN01-GT1"), new("Name", "测试网格"), new("SubjectCode", "CUN01"), new("WorkerPhone", "13800001111"), new("WorkerUserName", "grid")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await demo.Factory.WithDbAsync(db => db.Grids.AsNoTracking().SingleAsync(g => g.Code == "CUN01-GT1"));
        var gridUser = await demo.Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "grid").Select(u => u.Id).SingleAsync());
        Assert.Equal(gridUser, saved.WorkerUserId);
        Assert.Equal("网格员 李娜", saved.WorkerName); // the account's display name when no name is typed
    }

    [Theory]
    [InlineData("CUN02-GT2", "CUN02", "grid", "不是该村（社区）的网格员账号")]
    [InlineData("CUN02-GT3", "CUN02", "office", "不是该村（社区）的网格员账号")]
    [InlineData("CUN01-G01", "CUN01", "", "已存在")]
    [InlineData("CUN02-GT4", "NOPE", "", "不存在或不在您的范围内")]
    public async Task Bad_grids_are_refused(string code, string subject, string account, string message)
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Grids/Create");
        var before = await demo.Factory.WithDbAsync(db => db.Grids.CountAsync());

        var response = await client.PostFormAsync("/Grids/Create", token,
            [new("Code", code), new("Name", "坏网格"), new("SubjectCode", subject), new("WorkerUserName", account)]);

        Assert.Contains(message, (await response.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await demo.Factory.WithDbAsync(db => db.Grids.CountAsync()));
    }

    [Fact]
    public async Task A_grid_with_inspections_cannot_be_deleted()
    {
        var grid = await demo.Factory.WithDbAsync(db => db.Grids.Where(g => g.Code == "CUN03-G01").Select(g => new { g.Id, g.Version }).SingleAsync());
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync($"/Grids/Details/{grid.Id}");

        await client.PostFormAsync($"/Grids/Delete/{grid.Id}", token, [new("version", grid.Version.ToString())]);

        Assert.True(await demo.Factory.WithDbAsync(db => db.Grids.AnyAsync(g => g.Id == grid.Id)));
    }

    [Fact]
    public async Task A_grid_worker_lists_only_the_grids_of_their_village_and_its_enterprises()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var inScope = await demo.Factory.WithDbAsync(db => db.Grids.Where(g => g.Subject!.Code == "CUN01" || g.Subject.Territory!.Code == "CUN01").Select(g => g.Code).ToListAsync());

        var codes = new List<string>();
        for (var page = 1; page <= 5; page++)
        {
            var html = await client.GetPageAsync($"/Grids?page={page}");
            codes.AddRange(html.QuerySelectorAll("#grid-list tbody td:first-child a").Select(td => td.TextContent.Trim()));
        }

        Assert.NotEmpty(codes);
        Assert.Equal(inScope.Order().Distinct(), codes.Order().Distinct());
    }
}

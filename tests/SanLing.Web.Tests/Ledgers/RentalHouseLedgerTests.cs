using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.KeyPopulations;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Ledgers;

[Collection(DemoTownCollection.Name)]
public sealed class RentalHouseLedgerTests(DemoTownFixture demo)
{
    private Task<int> SubjectId(string code) => demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private async Task<RentalHouse> AddHouseAsync(string number, string subjectCode, bool registered = false)
    {
        var subjectId = await SubjectId(subjectCode);
        return await demo.Factory.WithDbAsync(async db =>
        {
            var house = new RentalHouse
            {
                Number = number, Address = "测试路 1 号", SubjectId = subjectId, TenantCount = 3, Landlord = "王房东",
                IsRegistered = registered, RegisteredOn = registered ? new DateOnly(2025, 1, 5) : null,
            };
            db.RentalHouses.Add(house);
            await db.SaveChangesAsync();
            return house;
        });
    }

    private static KeyValuePair<string, string>[] Fields(string number, string subject, string tenants, string registered, string registeredOn) =>
        [new("Number", number), new("SubjectCode", subject), new("Address", "<b>新村</b>路 8 号"), new("Landlord", "李房东"),
         new("TenantCount", tenants), new("IsRegistered", registered), new("RegisteredOn", registeredOn)];

    public static TheoryData<string, string, string, string, string> BadHouses => new()
    {
        // number, tenants, registered, registered on, expected message
        { "CZ-B-1", "-1", "false", "", "承租人数应在 0 到 10000 之间" },
        { "CZ-B-2", "2", "true", "", "已登记备案时必须填写登记日期" },
        { "CZ-B-3", "2", "false", "2026-01-01", "未登记备案时不填写登记日期" },
        { "CZ-B-4", "2", "true", "2026-11-26", "登记日期不能晚于今天" },
        { "CZ-B-5", "", "false", "", "请填写承租人数" },
    };

    [Theory]
    [MemberData(nameof(BadHouses))]
    public async Task Bad_input_is_refused_with_a_chinese_message_and_nothing_is_written(string number, string tenants, string registered, string registeredOn, string message)
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/RentalHouses/Create");

        var response = await client.PostFormAsync("/RentalHouses/Create", token, Fields(number, "CUN04", tenants, registered, registeredOn));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await demo.Factory.WithDbAsync(db => db.RentalHouses.AnyAsync(r => r.Number == number)));
    }

    [Fact]
    public async Task Office_registers_a_house_and_text_comes_back_encoded()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/RentalHouses/Create");

        var response = await client.PostFormAsync("/RentalHouses/Create", token, Fields("CZ-T-1", "CUN04", "0", "true", "2026-11-20"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await (await client.GetAsync(response.Headers.Location!.ToString())).Content.ReadAsStringAsync();
        Assert.Contains("&lt;b&gt;新村&lt;/b&gt;路 8 号", html, StringComparison.Ordinal);
        var saved = await demo.Factory.WithDbAsync(db => db.RentalHouses.AsNoTracking().SingleAsync(r => r.Number == "CZ-T-1"));
        Assert.Equal(new DateOnly(2026, 11, 20), saved.RegisteredOn);
        Assert.Equal(0, saved.TenantCount);
    }

    [Fact]
    public async Task One_tap_registration_sets_today()
    {
        var house = await AddHouseAsync("CZ-R-1", "CUN01");
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var page = await client.GetPageAsync($"/RentalHouses/Details/{house.Id}");

        var response = await client.PostFormAsync($"/RentalHouses/Register/{house.Id}", PortalClient.TokenOf(page), PortalClient.FormValues(page, "#register-form"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await demo.Factory.WithDbAsync(db => db.RentalHouses.AsNoTracking().SingleAsync(r => r.Id == house.Id));
        Assert.True(saved.IsRegistered);
        Assert.Equal(new DateOnly(2026, 11, 25), saved.RegisteredOn);
        var after = await client.GetPageAsync($"/RentalHouses/Details/{house.Id}");
        Assert.Null(after.QuerySelector("#register-form"));
    }

    [Fact]
    public async Task A_grid_worker_creates_a_house_in_their_village_but_not_in_another()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var token = await client.AntiforgeryTokenAsync("/RentalHouses/Create");

        var own = await client.PostFormAsync("/RentalHouses/Create", token, Fields("CZ-G-OWN", "CUN01", "4", "false", ""));
        var other = await client.PostFormAsync("/RentalHouses/Create", token, Fields("CZ-G-OTHER", "CUN02", "4", "false", ""));

        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("不存在或不在您的范围内", (await other.ParseAsync()).QuerySelector("[data-field=SubjectCode]")!.TextContent, StringComparison.Ordinal);
        Assert.True(await demo.Factory.WithDbAsync(db => db.RentalHouses.AnyAsync(r => r.Number == "CZ-G-OWN")));
        Assert.False(await demo.Factory.WithDbAsync(db => db.RentalHouses.AnyAsync(r => r.Number == "CZ-G-OTHER")));
    }

    [Fact]
    public async Task A_grid_worker_cannot_read_list_or_edit_another_village()
    {
        var own = await AddHouseAsync("CZ-S-OWN", "CUN01");
        var other = await AddHouseAsync("CZ-S-OTHER", "CUN02");
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");

        var list = await client.GetPageAsync("/RentalHouses?q=CZ-S-");
        Assert.Equal(["CZ-S-OWN"], list.QuerySelectorAll("#rental-house-list tbody td:first-child").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/RentalHouses/Details/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/RentalHouses/Edit/{other.Id}")).StatusCode);

        var page = await client.GetPageAsync($"/RentalHouses/Edit/{own.Id}");
        var form = PortalClient.FormValues(page);
        form["Number"] = "CZ-S-OTHER-HACK";
        var edit = await client.PostFormAsync($"/RentalHouses/Edit/{other.Id}", PortalClient.TokenOf(page), form);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var register = await client.PostFormAsync($"/RentalHouses/Register/{other.Id}", PortalClient.TokenOf(page), [new("version", other.Version.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, register.StatusCode);
        var unchanged = await demo.Factory.WithDbAsync(db => db.RentalHouses.AsNoTracking().SingleAsync(r => r.Id == other.Id));
        Assert.Equal("CZ-S-OTHER", unchanged.Number);
        Assert.False(unchanged.IsRegistered);

        // Moving their own house into another village is refused too.
        form["Number"] = "CZ-S-OWN";
        form["SubjectCode"] = "CUN02";
        var move = await client.PostFormAsync($"/RentalHouses/Edit/{own.Id}", PortalClient.TokenOf(page), form);
        Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        Assert.Equal(own.SubjectId, await demo.Factory.WithDbAsync(db => db.RentalHouses.Where(r => r.Id == own.Id).Select(r => r.SubjectId).SingleAsync()));

        var delete = await client.PostFormAsync($"/RentalHouses/Delete/{own.Id}", PortalClient.TokenOf(page), [new("version", own.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    public async Task A_liaison_reads_only_their_subject_and_cannot_edit()
    {
        var own = await AddHouseAsync("CZ-L-OWN", "QY0001");
        var other = await AddHouseAsync("CZ-L-OTHER", "CUN01");
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("liaison");

        var list = await client.GetPageAsync("/RentalHouses?q=CZ-L-");
        Assert.Equal(["CZ-L-OWN"], list.QuerySelectorAll("#rental-house-list tbody td:first-child").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/RentalHouses/Details/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/RentalHouses/Edit/{own.Id}")).StatusCode);
        var token = await client.AntiforgeryTokenAsync($"/RentalHouses/Details/{own.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync($"/RentalHouses/Register/{own.Id}", token, [new("version", own.Version.ToString())])).StatusCode);
    }

    [Fact]
    public async Task Leadership_gets_403_on_every_rental_house_page()
    {
        var house = await AddHouseAsync("CZ-LD-1", "CUN01");
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("leader");
        foreach (var url in new[] { "/RentalHouses", $"/RentalHouses/Details/{house.Id}", "/RentalHouses/Create", $"/RentalHouses/Edit/{house.Id}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task The_second_of_two_stale_edits_is_refused_and_the_first_value_stays()
    {
        var house = await AddHouseAsync("CZ-C-1", "CUN01");
        var office = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var grid = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var officePage = await office.GetPageAsync($"/RentalHouses/Edit/{house.Id}");
        var gridPage = await grid.GetPageAsync($"/RentalHouses/Edit/{house.Id}");
        var first = PortalClient.FormValues(officePage);
        first["TenantCount"] = "7";
        var second = PortalClient.FormValues(gridPage);
        second["TenantCount"] = "9";

        Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync($"/RentalHouses/Edit/{house.Id}", PortalClient.TokenOf(officePage), first)).StatusCode);
        var stale = await grid.PostFormAsync($"/RentalHouses/Edit/{house.Id}", PortalClient.TokenOf(gridPage), second);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("已被他人修改", (await stale.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(7, await demo.Factory.WithDbAsync(db => db.RentalHouses.Where(r => r.Id == house.Id).Select(r => r.TenantCount).SingleAsync()));
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Common;
using SanLing.Infrastructure.Identity;
using SanLing.Infrastructure.Seed;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.County;

/// <summary>
/// The county roles read the towns of their county through the town switcher: the center as the town's office, the
/// county leader as its leadership, neither ever writing; a town of another county stays out of reach.
/// The demo town belongs to the demo county; a second town of that county and a town of another county are added.
/// </summary>
public sealed class CountyReadingTests : IClassFixture<CountyReadingTests.TwoCounties>
{
    private readonly TwoCounties _county;

    public CountyReadingTests(TwoCounties county) => _county = county;

    public sealed class TwoCounties : IDisposable
    {
        public SanLingFactory Factory { get; } = DemoTown.Start(kestrel: false);
        public int DemoTownId { get; }
        public int SecondTownId { get; }
        public int OtherCountyTownId { get; }

        public TwoCounties()
        {
            var countyId = Factory.WithDbAsync(db => db.Counties.Where(c => c.Code == DemoTownSeeder.CountyCode).Select(c => c.Id).SingleAsync()).GetAwaiter().GetResult();
            DemoTownId = Factory.WithDbAsync(db => db.Towns.Where(t => t.Code == DemoTownSeeder.TownCode).Select(t => t.Id).SingleAsync()).GetAwaiter().GetResult();
            SecondTownId = new TownBuilder("T2", "白水镇").InCounty(countyId).Village("BS01", "白水村").Enterprise("BSQY01", "白水纸业", "BS01")
                .BuildAsync(Factory).GetAwaiter().GetResult().Town.Id;
            var otherCounty = Factory.WithDbAsync(async db =>
            {
                var county = new Domain.Common.County { Code = "OTHER", Name = "邻县" };
                db.Counties.Add(county);
                await db.SaveChangesAsync();
                return county.Id;
            }).GetAwaiter().GetResult();
            OtherCountyTownId = new TownBuilder("T3", "邻县红石镇").InCounty(otherCounty).Village("HS01", "红石村")
                .BuildAsync(Factory).GetAwaiter().GetResult().Town.Id;
        }

        public void Dispose() => Factory.Dispose();
    }

    private async Task<HttpClient> CountyUserAsync(string userName, int? townId)
    {
        var client = await _county.Factory.CreateBrowserlessClient().LoggedInAsync(userName);
        if (townId is { } id)
        {
            var token = await client.AntiforgeryTokenAsync("/Counties/Index");
            var switched = await client.PostFormAsync($"/Counties/Switch/{id}", token, []);
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }
        return client;
    }

    [Fact]
    public async Task The_county_view_lists_the_county_s_towns_and_no_other()
    {
        var client = await CountyUserAsync("county", null);

        var home = await client.GetAsync("/");
        Assert.Equal("/Counties", home.Headers.Location?.OriginalString);
        var page = await client.GetPageAsync("/Counties/Index");
        var towns = page.QuerySelectorAll("#county-towns tbody tr").Select(r => r.Children[1].TextContent.Trim()).ToList();
        Assert.Equal(["青山镇", "白水镇"], towns);
        // Outside a town a county user reads no town page.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Subjects/Export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Petitions/Index")).StatusCode);
    }

    [Fact]
    public async Task The_center_reads_a_town_as_its_office_does_and_writes_nothing()
    {
        var client = await CountyUserAsync("county", _county.SecondTownId);

        var subjects = await client.GetPageAsync("/Subjects/Index");
        Assert.Contains("白水纸业", subjects.Body!.TextContent);
        Assert.DoesNotContain("红石村", subjects.Body.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Petitions/Index")).StatusCode);

        var before = await _county.Factory.WithDbAsync(db => db.Subjects.IgnoreQueryFilters().CountAsync());
        var token = await client.AntiforgeryTokenAsync("/Subjects/Index");
        var create = await client.PostFormAsync("/Subjects/Create", token, [new("Code", "BS99"), new("Name", "县里新建"), new("Kind", "Enterprise")]);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(before, await _county.Factory.WithDbAsync(db => db.Subjects.IgnoreQueryFilters().CountAsync()));

        // Switching to the demo town shows the demo town, not the second one.
        var demo = await CountyUserAsync("county", _county.DemoTownId);
        var demoSubjects = await demo.GetPageAsync("/Subjects/Index");
        Assert.DoesNotContain("白水纸业", demoSubjects.Body!.TextContent);
    }

    [Fact]
    public async Task A_town_of_another_county_cannot_be_entered_not_even_by_a_forged_cookie()
    {
        var client = await CountyUserAsync("county", null);
        var token = await client.AntiforgeryTokenAsync("/Counties/Index");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"/Counties/Switch/{_county.OtherCountyTownId}", token, [])).StatusCode);

        var forged = _county.Factory.CreateBrowserlessClient();
        await forged.LoggedInAsync("county");
        forged.DefaultRequestHeaders.Add("Cookie", $"SanLing.ReadingTown={_county.OtherCountyTownId}");
        Assert.Equal(HttpStatusCode.Forbidden, (await forged.GetAsync("/Subjects/Export")).StatusCode);
        var home = await forged.GetAsync("/");
        Assert.Equal("/Counties", home.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_county_leader_reads_a_town_as_its_leadership_without_personal_data()
    {
        var client = await CountyUserAsync("countyleader", _county.DemoTownId);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Dashboard/Index")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Petitions/Index")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/KeyPersons/Index")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Subjects/Export")).StatusCode);
        // The home page of a county user in a town is that town's page for the role they read it as.
        var home = await client.GetAsync("/");
        Assert.Equal("/Dashboard", home.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Leaving_the_town_returns_to_the_county_view()
    {
        var client = await CountyUserAsync("county", _county.DemoTownId);
        var token = await client.AntiforgeryTokenAsync("/Counties/Index");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Counties/Leave", token, [])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Petitions/Index")).StatusCode);
    }

    [Fact]
    public async Task The_demo_county_accounts_belong_to_the_county_and_to_no_town()
    {
        var user = await _county.Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "county").Select(u => new { u.TownId, u.CountyId }).SingleAsync());
        Assert.Null(user.TownId);
        Assert.NotNull(user.CountyId);
        Assert.Equal(Roles.CountyCenter, Roles.FromAlias("county-center"));
        Assert.Equal(Roles.CountyLeader, Roles.FromAlias("county-leader"));
    }
}

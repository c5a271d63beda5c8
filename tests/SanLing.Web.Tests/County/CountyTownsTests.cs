using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Infrastructure.Seed;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.County;

/// <summary>
/// The county center's 乡镇管理: adding a town with its first administrator (a one-time password, changed at first
/// sign-in), the town starting with the county's rule set; every refusal answered on the page with nothing written.
/// </summary>
public sealed class CountyTownsTests : IClassFixture<CountyTownsTests.DemoCounty>
{
    private readonly DemoCounty _county;

    public CountyTownsTests(DemoCounty county) => _county = county;

    public sealed class DemoCounty : IDisposable
    {
        public SanLingFactory Factory { get; } = DemoTown.Start(kestrel: false);

        public void Dispose() => Factory.Dispose();
    }

    private static async Task<HttpResponseMessage> AddAsync(HttpClient center, Action<Dictionary<string, string>> change)
    {
        var page = await center.GetPageAsync("/CountyTowns/Index");
        var values = PortalClient.FormValues(page, "#add-town-form");
        values["TownCode"] = "XH";
        values["TownName"] = "新河镇";
        values["InspectionDueDay"] = "10";
        values["AdminUserName"] = "xinhe";
        change(values);
        return await center.PostFormAsync("/CountyTowns/Add", PortalClient.TokenOf(page), values);
    }

    private Task<(int Towns, int Users, int RuleSets, long Audit)> CountsAsync() => _county.Factory.WithDbAsync(async db =>
        (await db.Towns.CountAsync(), await db.Users.CountAsync(), await db.RuleSets.IgnoreQueryFilters().CountAsync(), await db.AuditEntries.LongCountAsync()));

    [Fact]
    public async Task The_center_adds_a_town_whose_administrator_signs_in_once_with_the_shown_password_and_the_town_uses_the_county_s_rule_set()
    {
        var center = await _county.Factory.CreateBrowserlessClient().LoggedInAsync("county");
        var publish = await center.GetPageAsync("/CountyRuleSets/Publish");
        var form = PortalClient.FormValues(publish, "#publish-form");
        form["Year"] = "2026";
        form["Name"] = "2026年临江县细则";
        Assert.Equal(HttpStatusCode.Redirect, (await center.PostFormAsync("/CountyRuleSets/Publish", PortalClient.TokenOf(publish), form)).StatusCode);

        var added = await AddAsync(center, _ => { });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var shown = await added.ParseAsync();
        var password = shown.QuerySelector("#generated-password")!.TextContent.Trim();
        Assert.Contains("2026年临江县细则", shown.QuerySelector("#town-added")!.TextContent, StringComparison.Ordinal);
        var town = await _county.Factory.WithDbAsync(db => db.Towns.AsNoTracking().SingleAsync(t => t.Code == "XH"));
        var countyId = await _county.Factory.WithDbAsync(db => db.Counties.Where(c => c.Code == DemoTownSeeder.CountyCode).Select(c => c.Id).SingleAsync());
        Assert.Equal(("新河镇", 10, countyId), (town.Name, town.InspectionDueDay, town.CountyId!.Value));
        var sets = await _county.Factory.WithDbAsync(db => db.RuleSets.IgnoreQueryFilters().Where(r => r.TownId == town.Id).Select(r => new { r.Name, r.CountyRuleSetId }).ToListAsync());
        Assert.Equal("2026年临江县细则", Assert.Single(sets).Name);
        Assert.NotNull(sets[0].CountyRuleSetId);
        var list = await center.GetPageAsync("/CountyTowns/Index");
        Assert.Contains(list.QuerySelectorAll("#county-town-list tbody tr").Select(r => r.Children[0].TextContent.Trim()), c => c == "XH");

        // The administrator signs in with the one-time password and must choose their own first.
        var admin = _county.Factory.CreateBrowserlessClient();
        var login = await admin.LoginAsync("xinhe", password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var home = await admin.GetAsync("/");
        Assert.Contains("ChangePassword", home.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.True(await _county.Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "xinhe").Select(u => u.MustChangePassword && u.TownId == town.Id).SingleAsync()));
    }

    [Theory]
    [InlineData("TownCode", DemoTownSeeder.TownCode, "乡镇编码 DEMO 已存在")]
    [InlineData("TownCode", "X H!", "乡镇编码只能由字母、数字")]
    [InlineData("TownCode", "", "请填写乡镇编码")]
    [InlineData("TownName", "", "请填写乡镇名称")]
    [InlineData("InspectionDueDay", "31", "月度排查截止日应在 1 到 28 之间")]
    [InlineData("InspectionDueDay", "", "请填写月度排查截止日")]
    [InlineData("AdminUserName", "", "请填写管理员用户名")]
    [InlineData("AdminUserName", "office", "office")]
    public async Task Each_refusal_is_answered_on_the_page_and_writes_nothing(string field, string value, string message)
    {
        var center = await _county.Factory.CreateBrowserlessClient().LoggedInAsync("county");
        var before = await CountsAsync();

        var answer = await AddAsync(center, v => v[field] = value);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await answer.ParseAsync();
        Assert.Null(page.QuerySelector("#generated-password"));
        Assert.Contains(message, page.QuerySelector("#add-town-form")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_town_user_cannot_add_a_town()
    {
        var office = await _county.Factory.CreateBrowserlessClient().LoggedInAsync("admin");
        var token = await office.AntiforgeryTokenAsync("/Users/Index");
        var before = await CountsAsync();

        var answer = await office.PostFormAsync("/CountyTowns/Add", token, [new("TownCode", "ZZ"), new("TownName", "某镇"), new("InspectionDueDay", "5"), new("AdminUserName", "zz")]);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }
}

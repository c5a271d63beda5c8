using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Domain.Subjects;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests;

/// <summary>The subject registry: scope of each role, validation, concurrency.</summary>
[Collection(DemoTownCollection.Name)]
public sealed class SubjectRegistryTests(DemoTownFixture demo)
{
    private Task<int> IdOf(string code) => demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    private static int RowCount(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("#subject-list tbody tr a").Length;

    [Fact]
    public async Task Office_lists_the_whole_town_with_paging()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var page = await client.GetPageAsync("/Subjects?kind=Village");

        Assert.Equal(17, RowCount(page));
        var all = await client.GetPageAsync("/Subjects");
        Assert.Equal(20, RowCount(all));
        Assert.Contains("下一页", all.QuerySelector(".pagination")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_a_subject_by_code()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var page = await client.GetPageAsync("/Subjects?q=QY0001");

        Assert.Equal("QY0001", page.QuerySelector("#subject-list tbody td")!.TextContent.Trim());
    }

    [Fact]
    public async Task Details_show_grids_and_this_years_counts()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var page = await client.GetPageAsync($"/Subjects/Details/{await IdOf("CUN01")}");

        Assert.NotEmpty(page.QuerySelectorAll("#grid-list tbody tr"));
        Assert.NotNull(page.QuerySelector("#year-counts"));
    }

    [Fact]
    public async Task A_grid_worker_lists_only_their_own_village_and_what_sits_in_it()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var cun01 = await IdOf("CUN01");
        var expected = await demo.Factory.WithDbAsync(db => db.Subjects.CountAsync(s => s.Id == cun01 || s.TerritoryId == cun01));

        var page = await client.GetPageAsync("/Subjects?q=CUN");
        Assert.Equal(["CUN01"], page.QuerySelectorAll("#subject-list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToArray());
        var all = await client.GetPageAsync("/Subjects");
        Assert.Contains($"共 {expected} 条", all.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grid_worker_cannot_open_another_village_or_an_enterprise_outside_their_village()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var cun02 = await IdOf("CUN02");
        var elsewhere = await demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.TerritoryId == cun02).Select(s => s.Id).FirstAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Subjects/Details/{cun02}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Subjects/Details/{elsewhere}")).StatusCode);
        Assert.Equal(0, RowCount(await client.GetPageAsync($"/Subjects?territoryId={cun02}")));
    }

    [Fact]
    public async Task A_grid_worker_cannot_post_an_edit_and_nothing_changes()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("grid");
        var cun02 = await IdOf("CUN02");
        var before = await demo.Factory.WithDbAsync(db => db.Subjects.AsNoTracking().SingleAsync(s => s.Id == cun02));
        var token = await client.AntiforgeryTokenAsync("/Subjects");

        var response = await client.PostFormAsync($"/Subjects/Edit/{cun02}", token,
            [new("Code", before.Code), new("Name", "被篡改的村"), new("Kind", "Village"), new("Version", before.Version.ToString())]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Subjects/Edit/{cun02}")).StatusCode);
        var after = await demo.Factory.WithDbAsync(db => db.Subjects.AsNoTracking().SingleAsync(s => s.Id == cun02));
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task A_liaison_sees_only_their_own_subject()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("liaison");
        var own = await IdOf("QY0001");
        var other = await IdOf("QY0002");

        var page = await client.GetPageAsync("/Subjects");
        Assert.Equal(["QY0001"], page.QuerySelectorAll("#subject-list tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Subjects/Details/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Subjects/Details/{other}")).StatusCode);
    }

    [Theory]
    [InlineData("grid")]
    [InlineData("liaison")]
    [InlineData("leader")]
    [InlineData("admin")]
    public async Task Only_office_staff_may_open_the_create_form(string userName)
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync(userName);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Subjects/Create")).StatusCode);
    }

    [Fact]
    public async Task Office_creates_an_enterprise()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Subjects/Create");

        var response = await client.PostFormAsync("/Subjects/Create", token,
            [new("Code", "QY-NEW-1"), new("Name", "新建测试有限公司"), new("Kind", "Enterprise"), new("TerritoryId", (await IdOf("CUN03")).ToString()),
             new("PrincipalName", "赵一"), new("LeaderInChargeName", "钱二"), new("Phone", "13912345678")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await demo.Factory.WithDbAsync(db => db.Subjects.AsNoTracking().SingleAsync(s => s.Code == "QY-NEW-1"));
        Assert.Equal("新建测试有限公司", saved.Name);
        Assert.Equal(await IdOf("CUN03"), saved.TerritoryId);
        var audited = await demo.Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "Subject" && a.EntityId == saved.Id.ToString() && a.UserName == "office"));
        Assert.True(audited);
    }

    public static TheoryData<string, string, string, string, string> InvalidInputs => new()
    {
        // code, name, kind, territory code (or raw id), expected message
        { "QY-BAD-1", "", "Enterprise", "CUN01", "请填写名称" },
        { "QY0001", "重复编码公司", "Enterprise", "CUN01", "已被其他单位使用" },
        { "QY-BAD-2", "无属地公司", "Enterprise", "#999999", "所属村（社区）不存在" },
        { "QY-BAD-3", "属地是企业", "Enterprise", "QY0002", "所属村（社区）不存在" },
        { "QY-BAD-4", "缺属地公司", "Enterprise", "", "必须选择所属村（社区）" },
        { "bad code!", "编码非法", "Unit", "CUN01", "编码只能包含字母、数字" },
        { "QY-BAD-5", "没有类型", "", "CUN01", "请选择类型" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Invalid_input_is_refused_with_a_chinese_message_and_nothing_is_written(string code, string name, string kind, string territory, string message)
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Subjects/Create");
        var territoryId = territory switch
        {
            "" => "",
            _ when territory.StartsWith('#') => territory[1..],
            _ => (await IdOf(territory)).ToString(),
        };
        var countBefore = await demo.Factory.WithDbAsync(db => db.Subjects.CountAsync());

        var response = await client.PostFormAsync("/Subjects/Create", token,
            [new("Code", code), new("Name", name), new("Kind", kind), new("TerritoryId", territoryId)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(countBefore, await demo.Factory.WithDbAsync(db => db.Subjects.CountAsync()));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_the_first_save_stays()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var id = await IdOf("QY0003");
        var formPage = await client.GetPageAsync($"/Subjects/Edit/{id}");
        var token = PortalClient.TokenOf(formPage);
        var loaded = PortalClient.FormValues(formPage);

        var first = new Dictionary<string, string>(loaded) { ["Name"] = "第一次保存的名称" };
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Subjects/Edit/{id}", token, first)).StatusCode);

        // The second user still holds the form as loaded before the first save.
        var second = new Dictionary<string, string>(loaded) { ["Name"] = "过期表单的名称" };
        var response = await client.PostFormAsync($"/Subjects/Edit/{id}", token, second);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已被他人修改", (await response.ParseAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("第一次保存的名称", await demo.Factory.WithDbAsync(db => db.Subjects.Where(s => s.Id == id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task Posted_town_or_id_fields_are_ignored()
    {
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = await client.AntiforgeryTokenAsync("/Subjects/Create");

        await client.PostFormAsync("/Subjects/Create", token,
            [new("Code", "DW-OVERPOST"), new("Name", "越权字段单位"), new("Kind", "Unit"), new("TerritoryId", (await IdOf("SQ01")).ToString()), new("TownId", "999"), new("Id", "1")]);

        var saved = await demo.Factory.WithDbAsync(db => db.Subjects.AsNoTracking().SingleAsync(s => s.Code == "DW-OVERPOST"));
        Assert.NotEqual(999, saved.TownId);
        Assert.NotEqual(1, saved.Id);
        Assert.Equal(SubjectKind.Unit, saved.Kind);
    }
}

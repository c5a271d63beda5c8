using System.Net;
using Microsoft.EntityFrameworkCore;
using SanLing.Web.Tests.Support;

namespace SanLing.Web.Tests.Security;

/// <summary>What a user reads when a post is refused: Chinese (or, when chosen, English) messages by the field, and the colour of the outcome.</summary>
[Collection(DemoTownCollection.Name)]
public sealed class BadInputMessagesTests(DemoTownFixture demo)
{
    [Fact]
    public async Task The_login_page_says_what_is_missing_in_Chinese()
    {
        var client = demo.Factory.CreateBrowserlessClient();
        var token = await client.AntiforgeryTokenAsync("/Account/Login");

        var response = await client.PostFormAsync("/Account/Login", token, [new("UserName", ""), new("Password", "")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.ParseAsync()).QuerySelector("main, body")!.TextContent;
        Assert.Contains("请输入用户名", text, StringComparison.Ordinal);
        Assert.Contains("请输入密码", text, StringComparison.Ordinal);
        Assert.DoesNotContain("field is required", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_values_are_named_by_their_field_and_nothing_is_saved()
    {
        var (id, version) = await demo.Factory.WithDbAsync(db => db.Accidents.OrderBy(a => a.Id).Select(a => new { a.Id, a.Version }).FirstAsync())
            .ContinueWith(t => (t.Result.Id, t.Result.Version));
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var page = await client.GetPageAsync($"/Accidents/Edit/{id}");
        var values = PortalClient.FormValues(page);
        values["OccurredOn"] = "2026-13-45";
        values["Deaths"] = "十二";
        values["IsMajor"] = "maybe";

        var response = await client.PostFormAsync($"/Accidents/Edit/{id}", PortalClient.TokenOf(page), values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ParseAsync();
        var occurredOn = answer.QuerySelector("[data-field=OccurredOn]")!.TextContent;
        Assert.Contains("“2026-13-45”不是有效的值", occurredOn, StringComparison.Ordinal);
        Assert.DoesNotContain("请填写发生日期", occurredOn, StringComparison.Ordinal);
        Assert.Contains("“十二”不是有效的值", answer.QuerySelector("[data-field=Deaths]")!.TextContent, StringComparison.Ordinal);
        // A check box has no message slot of its own: the form still says why it was refused.
        Assert.Contains("“maybe”不是有效的值", answer.QuerySelector("#other-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(version, await demo.Factory.WithDbAsync(db => db.Accidents.Where(a => a.Id == id).Select(a => a.Version).FirstAsync()));
    }

    [Fact]
    public async Task An_English_user_reads_the_binding_message_in_English()
    {
        var id = await demo.Factory.WithDbAsync(db => db.Accidents.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var home = await client.GetPageAsync("/Subjects");
        await client.PostFormAsync("/Account/SetLanguage", PortalClient.TokenOf(home), [new("culture", "en"), new("returnUrl", "/")]);
        var page = await client.GetPageAsync($"/Accidents/Edit/{id}");
        var values = PortalClient.FormValues(page);
        values["OccurredOn"] = "2026-13-45";

        var response = await client.PostFormAsync($"/Accidents/Edit/{id}", PortalClient.TokenOf(page), values);

        var message = (await response.ParseAsync()).QuerySelector("[data-field=OccurredOn]")!.TextContent;
        Assert.Contains("“2026-13-45” is not a valid value", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_delete_is_shown_in_red_and_a_repeated_publish_in_amber_never_in_green()
    {
        var grid = await demo.Factory.WithDbAsync(db => db.Grids.Where(g => db.Inspections.Any(i => i.GridId == g.Id))
            .OrderBy(g => g.Id).Select(g => new { g.Id, g.Version }).FirstAsync());
        var run = await demo.Factory.WithDbAsync(db => db.EvaluationRuns.Where(r => r.IsPublished)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Version }).FirstAsync());
        var client = await demo.Factory.CreateBrowserlessClient().LoggedInAsync("office");
        var token = PortalClient.TokenOf(await client.GetPageAsync("/Subjects"));

        var delete = await client.PostFormAsync($"/Grids/Delete/{grid.Id}", token, [new("version", grid.Version.ToString())]);
        var details = await client.GetPageAsync(delete.Headers.Location!.OriginalString);
        Assert.Contains("不能删除", details.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Null(details.QuerySelector(".alert-success"));
        Assert.True(await demo.Factory.WithDbAsync(db => db.Grids.AnyAsync(g => g.Id == grid.Id)));

        var publish = await client.PostFormAsync($"/Evaluation/Publish/{run.Id}", token, [new("version", run.Version.ToString())]);
        var results = await client.GetPageAsync(publish.Headers.Location!.OriginalString);
        Assert.Contains("已公示", results.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
        Assert.Null(results.QuerySelector(".alert-success"));
    }
}
